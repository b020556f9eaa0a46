package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSeveralOutputs(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badRecord})
	r := normlint(t, dir, "", nil, "check", "--color", "never", "--format", "text", "--format", "json=out/report.json", "bad.json")
	if r.code == 2 {
		t.Fatalf("exit 2: %s", r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--format", "text", "--format", "json=out/report.json", "bad.json")
	if r.code != 1 || !strings.Contains(r.stdout, "bad.json:1:142: error:") {
		t.Fatalf("text on standard output: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out/report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Diagnostics []struct{ Rule string } }
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Diagnostics) != 2 {
		t.Fatalf("json file: %v\n%s", err, data)
	}
	r = normlint(t, dir, "", nil, "check", "--format", "text", "--format", "json", "bad.json")
	if r.code != 2 || !strings.Contains(r.stderr, "standard output") {
		t.Errorf("two formats on standard output: exit %d %s", r.code, r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--format", "yaml=x.yaml", "bad.json")
	if r.code != 2 {
		t.Errorf("unknown format in FORMAT=PATH: exit %d", r.code)
	}
}

func TestMaxPerRule(t *testing.T) {
	three := strings.Repeat(badRecord+"\n", 3)
	dir := writeFiles(t, map[string]string{"bad.jsonl": three})
	r := normlint(t, dir, "", nil, "check", "--color", "never", "--max-per-rule", "1", "bad.jsonl")
	if r.code != 1 {
		t.Fatalf("caps never change the exit code: %d", r.code)
	}
	if n := strings.Count(r.stdout, "[unknown-reason]"); n != 1 {
		t.Errorf("%d unknown-reason findings shown, want 1", n)
	}
	if !strings.Contains(r.stdout, "omitted: 4 more findings not shown (--max-per-rule): unenroll-without-enroll 2, unknown-reason 2") {
		t.Errorf("the cap does not say what it left out:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "findings: 3 errors") {
		t.Errorf("the summary must still count every finding:\n%s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--format", "json", "--max-per-rule", "1", "bad.jsonl")
	if !strings.Contains(r.stdout, `"omitted":{"unenroll-without-enroll":2,"unknown-reason":2}`) {
		t.Errorf("json omitted: %s", r.stdout)
	}
}

// TestBaselineRoundTrip: a baseline keeps matching a sample that was
// reordered and reformatted, reports only new findings, and says when its
// entries are stale.
func TestBaselineRoundTrip(t *testing.T) {
	lines := []string{
		`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control", "experimentType": "exp"}}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-a", "extra": {"didResetValue": "true", "reason": "unknown"}}`,
		`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref B", "extra": {"branch": "control", "experimentType": "exp"}}`,
		`{"source": "normandy/runner", "status": "signature_error"}`,
	}
	dir := writeFiles(t, map[string]string{"samples.jsonl": strings.Join(lines, "\n") + "\n"})
	r := normlint(t, dir, "", nil, "check", "--write-baseline", "normlint-baseline.json", "samples.jsonl")
	if r.code != 0 || !strings.Contains(r.stderr, "wrote 3 findings to the baseline normlint-baseline.json") {
		t.Fatalf("write-baseline: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--baseline", "normlint-baseline.json", "samples.jsonl")
	if r.code != 0 || !strings.Contains(r.stdout, "findings: 0 errors, 0 warnings, 0 infos; 3 in the baseline") {
		t.Fatalf("the baseline does not cover its own run: exit %d\n%s", r.code, r.stdout)
	}
	// Reordered and pretty-printed as one JSON array: other lines,
	// other pointers (/3/extra/reason), same fingerprints.
	var values []any
	for i := len(lines) - 1; i >= 0; i-- {
		var v any
		if err := json.Unmarshal([]byte(lines[i]), &v); err != nil {
			t.Fatal(err)
		}
		values = append(values, v)
	}
	// The enroll must stay before its unenroll for the lifecycle check.
	values[1], values[3] = values[3], values[1]
	pretty, _ := json.MarshalIndent(values, "", "    ")
	if err := os.WriteFile(filepath.Join(dir, "samples.jsonl"), pretty, 0o644); err != nil {
		t.Fatal(err)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--baseline", "normlint-baseline.json", "samples.jsonl")
	if r.code != 0 || !strings.Contains(r.stdout, "3 in the baseline") || strings.Contains(r.stdout, "no longer match") {
		t.Fatalf("reordering and reformatting broke the baseline: exit %d\n%s", r.code, r.stdout)
	}
	// A new finding is reported; a fixed one makes an entry stale.
	values = append(values[:0:0], values...)
	values[0] = map[string]any{"source": "normandy/runner", "status": "RUNNER_SUCCESS"} // fixes signature_error
	values = append(values, map[string]any{"source": "normandy/recipe/x", "status": "success"})
	data, _ := json.Marshal(values)
	if err := os.WriteFile(filepath.Join(dir, "samples.jsonl"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--baseline", "normlint-baseline.json", "samples.jsonl")
	if r.code != 1 || strings.Count(r.stdout, ": error: ") != 1 || !strings.Contains(r.stdout, "[invalid-uptake-source]") {
		t.Errorf("only the new finding must be reported: exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "baseline: 1 baseline entry no longer match") {
		t.Errorf("the stale entry is not reported:\n%s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--baseline", "missing.json", "samples.jsonl")
	if r.code != 2 {
		t.Errorf("a missing baseline is a usage error: exit %d", r.code)
	}
}
