package input_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
)

// TestSameViolationsEveryFormat: whatever the envelope, gzipped or not, the
// same telemetry gives the same findings, and other categories are skipped.
func TestSameViolationsEveryFormat(t *testing.T) {
	// pref-b is unenrolled but never enrolled: the lifecycle check sees
	// that in every format too.
	want := []string{"invalid-reason", "invalid-uptake-status", "unenroll-without-enroll", "unknown-extra-key", "unknown-reason"}
	for name, data := range linttest.Telemetry {
		for _, gz := range []bool{false, true} {
			input := []byte(data)
			label := name
			if gz {
				input = linttest.Gzip(t, input)
				label += ".gz"
			}
			diags := linttest.Check(t, label, string(input))
			var got []string
			for _, d := range diags {
				got = append(got, d.Rule)
				if d.Line < 1 || d.Column < 1 || d.Pointer == "" {
					t.Errorf("%s: %s lacks a position: %+v", label, d.Rule, d)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", label, got, want)
			}
		}
	}
}

// TestPositionsInEveryFormat pins line:column and pointer of one finding per
// format, in the original (decompressed) file.
func TestPositionsInEveryFormat(t *testing.T) {
	for name, want := range map[string]string{
		"records.jsonl":   "2:117 /extra/reason",
		"event-ping.json": "4:72 /payload/events/parent/1/5/reason",
		"main-ping.json":  "6:73 /payload/processes/dynamic/events/1/5/reason",
		"glean.json":      "3:120 /events/1/extra/reason",
		"bigquery.jsonl":  "2:199 /event_map_values/reason",
	} {
		for _, gz := range []bool{false, true} {
			input := linttest.Telemetry[name]
			if gz {
				input = string(linttest.Gzip(t, []byte(input)))
			}
			for _, d := range linttest.Check(t, name, input) {
				if d.Rule == "unknown-reason" {
					if got := fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Pointer); got != want {
						t.Errorf("%s (gzip %v): unknown-reason at %s, want %s", name, gz, got, want)
					}
				}
			}
		}
	}
}
