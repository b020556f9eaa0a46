package input_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
)

// tableTelemetry is linttest.Telemetry's telemetry as rows of the raw
// tables, one JSON Lines row per ping: an enrollment with an unregistered
// extra, an unenrollment with the "unknown" reason, one with a reason
// Firefox never sends, an uptake status of the wrong family, and an event
// of another category.
var tableTelemetry = map[string][]string{
	"event-table": {
		`{"submission_timestamp": "2020-06-01 10:05:00 UTC", "metadata": {"geo": {"country": "DE"}}, "client_id": "c", "sample_id": "56", "type": "event", "payload": {"events": {"content": [], "parent": [` +
			`{"f0_": "1", "f1_": "normandy", "f2_": "enroll", "f3_": "preference_study", "f4_": "pref-a", "f5_": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "slug", "value": "pref-a"}]}, ` +
			`{"f0_": "2", "f1_": "normandy", "f2_": "unenroll", "f3_": "preference_study", "f4_": "pref-a", "f5_": [{"key": "reason", "value": "unknown"}, {"key": "didResetValue", "value": "true"}]}]}}}`,
		`{"submission_timestamp": "2020-06-01 11:05:00 UTC", "metadata": {"geo": {"country": "DE"}}, "client_id": "c", "sample_id": "56", "type": "event", "payload": {"events": {"parent": [` +
			`{"f0_": "3", "f1_": "normandy", "f2_": "unenroll", "f3_": "preference_study", "f4_": "pref-b", "f5_": [{"key": "reason", "value": "recipe-not-found"}, {"key": "didResetValue", "value": "true"}]}, ` +
			`{"f0_": "4", "f1_": "uptake.remotecontent.result", "f2_": "uptake", "f3_": "normandy", "f4_": "custom_1_error", "f5_": [{"key": "source", "value": "normandy/runner"}]}, ` +
			`{"f0_": "5", "f1_": "search", "f2_": "click", "f3_": "button", "f4_": null, "f5_": []}]}}}`,
	},
	"glean-table": {
		`{"submission_timestamp": "2025-01-15 09:31:02 UTC", "metadata": {"geo": {"country": "DE"}}, "client_info": {"client_id": "c"}, "ping_info": {"seq": "1"}, "sample_id": "12", "events": [` +
			`{"category": "normandy", "name": "enroll_preference_study", "timestamp": "1", "extra": [{"key": "value", "value": "pref-a"}, {"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "slug", "value": "pref-a"}]}, ` +
			`{"category": "normandy", "name": "unenroll_preference_study", "timestamp": "2", "extra": [{"key": "value", "value": "pref-a"}, {"key": "reason", "value": "unknown"}, {"key": "didResetValue", "value": "true"}]}]}`,
		`{"submission_timestamp": "2025-01-15 10:31:02 UTC", "metadata": {"geo": {"country": "DE"}}, "client_info": {"client_id": "c"}, "ping_info": {"seq": "2"}, "sample_id": "12", "events": [` +
			`{"category": "normandy", "name": "unenroll_preference_study", "timestamp": "3", "extra": [{"key": "value", "value": "pref-b"}, {"key": "reason", "value": "recipe-not-found"}, {"key": "didResetValue", "value": "true"}]}, ` +
			`{"category": "uptake.remotecontent.result", "name": "uptake_normandy", "timestamp": "4", "extra": [{"key": "value", "value": "custom_1_error"}, {"key": "source", "value": "normandy/runner"}]}, ` +
			`{"category": "search", "name": "click_button", "timestamp": "5", "extra": []}]}`,
	},
}

// encodings are the ways an export holds rows: JSON Lines (bq extract,
// NEWLINE_DELIMITED_JSON), a one-line array (bq query --format=json), a
// pretty-printed array (--format=prettyjson); each also gzipped.
func encodings(t *testing.T, rows []string) map[string]string {
	t.Helper()
	var vals []json.RawMessage
	for _, r := range rows {
		vals = append(vals, json.RawMessage(r))
	}
	line, err := json.Marshal(vals)
	if err != nil {
		t.Fatal(err)
	}
	pretty, err := json.MarshalIndent(vals, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{
		"rows.jsonl":  strings.Join(rows, "\n") + "\n",
		"line.json":   string(line) + "\n",
		"pretty.json": string(pretty) + "\n",
	}
	all := map[string]string{}
	for name, data := range out {
		all[name], all[name+".gz"] = data, string(linttest.Gzip(t, []byte(data)))
	}
	return all
}

// TestTableRowsEveryEncoding: the raw tables' rows give the findings the
// same telemetry gives in every other format (formats_test.go), located in
// the row, whatever the encoding, and every record is the table's.
func TestTableRowsEveryEncoding(t *testing.T) {
	want := []string{"invalid-reason", "invalid-uptake-status", "unenroll-without-enroll", "unknown-extra-key", "unknown-reason"}
	for format, rows := range tableTelemetry {
		for name, data := range encodings(t, rows) {
			label := format + "/" + name
			c := &linttest.Collect{}
			if _, err := linttest.Engine(t, 2).Run([]lint.Input{linttest.Input(label, data)}, c); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range c.Diags {
				got = append(got, d.Rule)
				if d.Line < 1 || d.Column < 1 || d.Pointer == "" {
					t.Errorf("%s: %s lacks a position: %+v", label, d.Rule, d)
				}
				reason := map[string]string{"event-table": "/f5_/0/value", "glean-table": "/extra/1/value"}[format]
				if d.Rule == "unknown-reason" && !strings.HasSuffix(d.Pointer, reason) {
					t.Errorf("%s: unknown-reason at %s, want the value of the reason's key/value pair", label, d.Pointer)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", label, got, want)
			}
			s := c.Summary
			if s.Records != 5 || s.NormandyRecords != 4 || s.SkippedRecords != 1 || s.Formats[format] != 5 {
				t.Errorf("%s: %d records (%d Normandy, %d skipped), formats %v; want 5 (4, 1), all %s", label, s.Records, s.NormandyRecords, s.SkippedRecords, s.Formats, format)
			}
		}
	}
}

// TestTableRowIsNoPing: a table row is never read by the adapters of
// pings as submitted (a rule about what the pipeline would reject must not
// judge a row it accepted), and says which pipeline recorded its events.
func TestTableRowIsNoPing(t *testing.T) {
	for format, rows := range tableTelemetry {
		v, err := lint.Decode([]byte(rows[0]))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, a := range input.All() {
			if a.Detect(v) {
				got = a.Name()
				var x lint.Extraction
				a.Extract(v, &x)
				for _, r := range x.Records() {
					if r.Format != format || r.Glean != (format == "glean-table") {
						t.Errorf("%s: record of format %s, Glean %v", format, r.Format, r.Glean)
					}
				}
				break
			}
		}
		if got != format {
			t.Errorf("a %s row is read as %q", format, got)
		}
	}
}

// TestBrokenPingIsNoRow: a ping as submitted with a broken event is still
// a ping (for the rules about what the pipeline would reject), even when
// the broken event looks like part of a row.
func TestBrokenPingIsNoRow(t *testing.T) {
	for want, ping := range map[string]string{
		"event-ping": `{"type": "event", "id": "e", "clientId": "c", "payload": {"events": {"parent": [{"category": "normandy", "method": "unenroll"}, [2, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control"}]]}}}`,
		"glean":      `{"ping_info": {"seq": 1}, "client_info": {"client_id": "c"}, "events": [{"timestamp": "0", "category": "normandy", "name": "enroll_preference_study", "extra": {"value": "pref-a"}}, {"timestamp": 3, "category": "urlbar", "name": "engagement"}]}`,
	} {
		v, err := lint.Decode([]byte(ping))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range input.All() {
			if a.Detect(v) {
				if a.Name() != want {
					t.Errorf("a broken %s is read as %s", want, a.Name())
				}
				break
			}
		}
	}
}

// TestTableRowSkim: skimming the rows, and their near misses, changes
// nothing in the output.
func TestTableRowSkim(t *testing.T) {
	event := `"payload": {"events": {"parent": [{"f0_": "1", "f1_": "normandy", "f2_": "enroll", "f3_": "preference_study", "f4_": "pref-a", "f5_": [{"key": "branch", "value": "control"}]}]}}`
	tuple := `"payload": {"events": {"parent": [[1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control"}]]}}`
	glean := `"events": [{"category": "normandy", "name": "enroll_preference_study", "timestamp": "0", "extra": [{"key": "value", "value": "pref-a"}]}]`
	gleanPing := `"events": [{"category": "normandy", "name": "enroll_preference_study", "timestamp": 0, "extra": {"value": "pref-a"}}]`
	other := `"events": [{"category": "urlbar", "name": "engagement", "timestamp": "0", "extra": []}]`
	var values []string
	for _, row := range []string{`"submission_timestamp": "2025-01-15 09:31:02 UTC"`, `"metadata": {}`, `"sample_id": "x"`, `"client_id": "c"`} {
		for _, typ := range []string{``, `"type": "event"`, `"type": "main"`, `"type": 4`, `"id": "x"`} {
			for _, body := range []string{event, tuple, `"payload": {"events": null}`, `"payload": {"events": 3}`, `"payload": {}`, `"payload": 1`} {
				values = append(values, object(row, typ, body))
			}
		}
		for _, info := range []string{`"ping_info": {"seq": "4x2"}`, `"client_info": {"client_id": "c"}`, `"ping_info": {}, "client_info": {}`, `"event_category": "normandy", "ping_info": {}`} {
			for _, body := range []string{glean, gleanPing, other, `"events": null`, `"events": {}`, `"events": [1]`, ``} {
				values = append(values, object(row, info, body))
			}
		}
	}
	for i, v := range values {
		sameWithoutSkim(t, fmt.Sprintf("row-%d.jsonl", i), v+"\n")
	}
}

// object joins members, leaving out empty ones.
func object(members ...string) string {
	var kept []string
	for _, m := range members {
		if m != "" {
			kept = append(kept, m)
		}
	}
	return "{" + strings.Join(kept, ", ") + "}"
}
