package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/normlint/normlint/internal/cli"
)

func generateBytes(t *testing.T, o options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := generate(o, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSameSeedSameBytes(t *testing.T) {
	for _, kind := range kinds {
		if kind == "files" {
			continue
		}
		o := options{kind: kind, size: 100_000, seed: 7, clients: 500}
		a, b := generateBytes(t, o), generateBytes(t, o)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with seed 7 differ", kind)
		}
		o.seed = 8
		if bytes.Equal(a, generateBytes(t, o)) {
			t.Errorf("%s: seeds 7 and 8 give the same bytes", kind)
		}
		if int64(len(a)) < o.size || int64(len(a)) > o.size+20_000 {
			t.Errorf("%s: asked for %d bytes, got %d", kind, o.size, len(a))
		}
	}
}

func TestFilesSameSeedSameBytes(t *testing.T) {
	o := options{kind: "files", n: 50, seed: 3, clients: 100}
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := writeFiles(o, d); err != nil {
			t.Fatal(err)
		}
	}
	for i := range o.n {
		name := fmt.Sprintf("%06d.json", i)
		a, b := readFile(t, filepath.Join(dirs[0], name)), readFile(t, filepath.Join(dirs[1], name))
		if !bytes.Equal(a, b) {
			t.Fatalf("file %d differs between two runs with the same seed", i)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkOutput is the part of `normlint check -f json` the test reads.
type checkOutput struct {
	Diagnostics []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
	} `json:"diagnostics"`
	Summary struct {
		Records         int            `json:"records"`
		NormandyRecords int            `json:"normandy_records"`
		Formats         map[string]int `json:"formats"`
	} `json:"summary"`
}

// TestNormlintReadsEveryKind runs normlint on a small input of each kind:
// every value is read in the intended format (no unrecognized-input, no
// parse or shape errors), and a few percent of the Normandy records have
// errors or warnings, among them the kinds of flaw the generator makes.
func TestNormlintReadsEveryKind(t *testing.T) {
	want := map[string]struct {
		size     int64
		format   string
		normandy float64 // least share of records that are Normandy's
		rules    []string
	}{
		"records":       {400_000, "records", 1, []string{"unknown-extra-key", "missing-extra", "unknown-event", "slug-format", "invalid-uptake-status"}},
		"events-stream": {2_000_000, "bigquery", 0.05, []string{"missing-extra", "unknown-extra-key"}},
		"pings":         {1_000_000, "event-ping", 0.5, []string{"duplicate-enroll", "branch-mismatch", "unenroll-without-enroll", "invalid-reason", "missing-extra"}},
		"files":         {0, "records", 1, []string{"unenroll-without-enroll"}},
		"array-line":    {400_000, "bigquery", 1, []string{"unknown-extra-key", "missing-extra"}},
		"array-pretty":  {400_000, "bigquery", 1, []string{"unknown-extra-key", "missing-extra"}},
	}
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			w := want[kind]
			o := options{kind: kind, size: w.size, n: 400, seed: 1, clients: 300}
			path := filepath.Join(t.TempDir(), "in.json")
			if kind == "files" {
				if err := writeFiles(o, path); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(path, generateBytes(t, o), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := cli.Run([]string{"normlint", "check", "--no-config", "-f", "json", path}, nil, &stdout, &stderr)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (findings); stderr: %s", code, stderr.String())
			}
			var out checkOutput
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			s := out.Summary
			if s.Formats[w.format] != s.Records || s.Records == 0 {
				t.Errorf("formats %v over %d records, want all %s", s.Formats, s.Records, w.format)
			}
			if float64(s.NormandyRecords) < w.normandy*float64(s.Records) {
				t.Errorf("%d Normandy records of %d", s.NormandyRecords, s.Records)
			}
			rules := map[string]int{}
			bad := 0
			for _, d := range out.Diagnostics {
				rules[d.Rule]++
				if d.Severity != "info" {
					bad++
				}
			}
			for _, r := range []string{"unrecognized-input", "parse-error", "malformed-record", "extra-not-string"} {
				if rules[r] > 0 {
					t.Errorf("%d %s findings", rules[r], r)
				}
			}
			for _, r := range w.rules {
				if rules[r] == 0 {
					t.Errorf("no %s finding; got %v", r, rules)
				}
			}
			share := float64(bad) / float64(s.NormandyRecords)
			if share < 0.005 || share > 0.08 {
				t.Errorf("%d errors and warnings on %d Normandy records (%.1f %%), want a few percent", bad, s.NormandyRecords, 100*share)
			}
		})
	}
}
