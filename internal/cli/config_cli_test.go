package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataUnknownReason = `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-old", "extra": {"branch": "control", "experimentType": "exp"}}
{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-old", "extra": {"didResetValue": "true", "reason": "unknown"}}
{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref New", "extra": {"branch": "control", "experimentType": "exp"}}
`

func TestConfigAppliesEveryKey(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"samples/a.jsonl":        dataUnknownReason,
		"samples/legacy/b.jsonl": dataUnknownReason,
		"exports/rows.data":      `{"client_id": "c", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-x", "event_map_values": [{"key": "branch", "value": "control"}]}`,
		".normlint.yaml": `fail-level: warning
max-lifecycle-pairs: 1
rules:
  slug-format: off
  unenroll-without-enroll: error
exclude:
  - "samples/legacy/"
input-formats:
  - path: "exports/*.data"
    format: bigquery
waivers:
  - rule: unknown-reason
    reason: "Firefox 91 sent it; fixed in 92"
    path: "samples/*.jsonl"
    pointer: "/extra/reason"
    value: pref-old
`,
	})
	sub := filepath.Join(dir, "samples")
	// Found by walking up from a subdirectory; paths are relative to it.
	r := normlint(t, sub, "", nil, "check", "--color", "never", ".", "../exports/rows.data")
	if strings.Contains(r.stdout, "[unknown-reason]") || !strings.Contains(r.stdout, "1 waived") {
		t.Errorf("the waiver did not apply:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "[slug-format]") {
		t.Errorf("slug-format is off:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "legacy/b.jsonl") || !strings.Contains(r.stdout, "normlint: 2 files") {
		t.Errorf("samples/legacy/ is excluded:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "rows.data:1:") || !strings.Contains(r.stdout, "[missing-extra]") {
		t.Errorf("exports/*.data is read as bigquery rows:\n%s", r.stdout)
	}
	if r.code != 1 {
		t.Errorf("fail-level warning from the configuration: exit %d", r.code)
	}
	r = normlint(t, sub, "", nil, "check", "--color", "never", "--fail-level", "error", "a.jsonl")
	if r.code != 0 {
		t.Errorf("--fail-level wins over the configuration: exit %d\n%s", r.code, r.stdout)
	}
	r = normlint(t, sub, "", nil, "check", "--color", "never", "--show-waived", "a.jsonl")
	if !strings.Contains(r.stdout, "[unknown-reason] (waived)") {
		t.Errorf("--show-waived:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "[lifecycle-limit]") || !strings.Contains(r.stdout, "lifecycle: the state reached --max-lifecycle-pairs: 1 (client, study) pair forgotten") {
		t.Errorf("max-lifecycle-pairs 1 from the configuration (a.jsonl has two pairs):\n%s", r.stdout)
	}
	r = normlint(t, sub, "", nil, "check", "--color", "never", "--max-lifecycle-pairs", "2", "a.jsonl")
	if strings.Contains(r.stdout, "lifecycle") {
		t.Errorf("--max-lifecycle-pairs wins over the configuration:\n%s", r.stdout)
	}
	r = normlint(t, sub, "", nil, "check", "--color", "never", "--no-config", "a.jsonl")
	if !strings.Contains(r.stdout, "[unknown-reason]") || !strings.Contains(r.stdout, "[slug-format]") {
		t.Errorf("--no-config:\n%s", r.stdout)
	}
}

func TestConfigWaiverProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": dataUnknownReason,
		".normlint.yaml": `waivers:
  - rule: unknown-reason
    reason: "expired long ago"
    expires: 2020-01-31
  - rule: slug-format
    reason: "never matches"
    value: pref-nothing
`,
	})
	// A run over a directory judges every waiver.
	r := normlint(t, dir, "", nil, "check", "--color", "never", ".")
	if !strings.Contains(r.stdout, "\n.normlint.yaml:2:5: error: waiver 1 (unknown-reason) expired on 2020-01-31") {
		t.Errorf("expired waiver not reported at its line:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, ".normlint.yaml:5:5: warning: waiver 2 (slug-format) matched no finding") {
		t.Errorf("unused waiver not reported at its line:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "a.jsonl:2:144: error:") || r.code != 1 {
		t.Errorf("an expired waiver must not apply: exit %d\n%s", r.code, r.stdout)
	}
	r = normlint(t, dir, "", nil, "config", "verify")
	if r.code != 1 || !strings.Contains(r.stdout, "expired on 2020-01-31") {
		t.Errorf("config verify with an expired waiver: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": dataUnknownReason,
		"bad.yaml": `fail-level: fatal
rules:
  slug-formt: off
  unknown-reason: loud
waivers:
  - rule: unknown-reason
    expires: 2027-13-01
`,
		"good.yaml": "rules:\n  slug-format: off\n",
	})
	r := normlint(t, dir, "", nil, "check", "--config", "bad.yaml", "a.jsonl")
	if r.code != 2 {
		t.Fatalf("a bad configuration is exit 2, got %d", r.code)
	}
	for _, want := range []string{"bad.yaml:1:13:", "bad.yaml:3:3:", `did you mean "slug-format"?`, "bad.yaml:4:19:", "bad.yaml:6:5:", "reason", "bad.yaml:7:14:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the error report lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("nothing is checked with a bad configuration: %s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "config", "verify", "bad.yaml")
	if r.code != 2 {
		t.Errorf("config verify bad.yaml: exit %d", r.code)
	}
	r = normlint(t, dir, "", nil, "config", "verify", "good.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "good.yaml: valid") {
		t.Errorf("config verify good.yaml: exit %d %s%s", r.code, r.stdout, r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--config", "missing.yaml", "a.jsonl")
	if r.code != 2 {
		t.Errorf("a missing --config is exit 2, got %d", r.code)
	}
	r = normlint(t, dir, "", nil, "schema", "normlint-config")
	if r.code != 0 || !strings.Contains(r.stdout, `"$schema"`) {
		t.Errorf("schema normlint-config: %d %s", r.code, r.stdout)
	}
	_ = os.Remove(filepath.Join(dir, "bad.yaml"))
}

// TestFirefoxVersionFlagWinsOverConfig: the configuration's firefox-version
// applies to check and report, --firefox-version replaces it, and a bad
// flag is a usage error.
func TestFirefoxVersionFlagWinsOverConfig(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": `{"category": "normandy", "method": "unenroll", "object": "preference_rollout", "value": "rollout-a", "extra": {"reason": "rollback"}}
{"category": "normandy", "method": "unenroll", "object": "nimbus_experiment", "value": "nimbus-a", "extra": {"reason": "labs-opt-out", "branch": "control"}}
`,
		".normlint.yaml": "firefox-version: 62-79\n",
	})
	r := normlint(t, dir, "", nil, "check", "--color", "never", "a.jsonl")
	if !strings.Contains(r.stdout, `a.jsonl:2:36: warning: unenroll/nimbus_experiment is sent only by Firefox about 81 on, not by the target versions 62-79 [other-era-value]`) || strings.Count(r.stdout, "[other-era-value]") != 1 {
		t.Errorf("firefox-version 62-79 from the configuration:\n%s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--firefox-version", ">=134", "a.jsonl")
	if !strings.Contains(r.stdout, `a.jsonl:1:36: warning: unenroll/preference_rollout is sent only by Firefox 62 to at most 79, not by the target versions >=134 [other-era-value]`) || strings.Count(r.stdout, "[other-era-value]") != 1 {
		t.Errorf("--firefox-version >=134 wins over the configuration:\n%s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "--no-config", "a.jsonl")
	if strings.Contains(r.stdout, "[other-era-value]") {
		t.Errorf("no range, no other-era-value:\n%s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "report", "--firefox-version", "120-", "a.jsonl")
	if r.code != 2 || !strings.Contains(r.stderr, "--firefox-version") {
		t.Errorf("a bad --firefox-version is a usage error: exit %d\n%s", r.code, r.stderr)
	}
}
