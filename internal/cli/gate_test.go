package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Records whose findings are of one severity only, so that a test of the
// fail level cannot pass for another reason.
const (
	// onlyInfos yields enroll-failure and undocumented-value, both infos.
	onlyInfos = `{"category": "normandy", "method": "enrollFailed", "object": "addon_study", "value": "addon-slug", "extra": {"reason": "download-failure"}}`
	// onlyWarning yields slug-format, a warning.
	onlyWarning = `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref A", "extra": {"branch": "control", "experimentType": "exp"}}`
	// onlyError yields unknown-extra-key, an error.
	onlyError = `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control", "experimentType": "exp", "colour": "red"}}`
)

// TestFailLevelFromConfig: fail-level in .normlint.yaml acts exactly like
// --fail-level, and the flag wins when both are given.
func TestFailLevelFromConfig(t *testing.T) {
	cases := []struct {
		name, data, level string
		flag              []string
		want              int
	}{
		{"info fails on infos", onlyInfos, "info", nil, 1},
		{"warning passes infos", onlyInfos, "warning", nil, 0},
		{"warning fails on a warning", onlyWarning, "warning", nil, 1},
		{"error passes a warning", onlyWarning, "error", nil, 0},
		{"none passes errors", onlyError, "none", nil, 0},
		{"the flag wins over info", onlyInfos, "info", []string{"--fail-level", "warning"}, 0},
		{"the flag wins over none", onlyError, "none", []string{"--fail-level", "error"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"a.json": c.data, ".normlint.yaml": "fail-level: " + c.level + "\n"})
			args := append([]string{"check", "--color", "never"}, c.flag...)
			r := normlint(t, dir, "", nil, append(args, "a.json")...)
			if r.code != c.want {
				t.Errorf("exit %d, want %d\n%s%s", r.code, c.want, r.stdout, r.stderr)
			}
			// The same verdict as the flag alone.
			if c.flag == nil {
				r = normlint(t, dir, "", nil, "check", "--no-config", "--color", "never", "--fail-level", c.level, "a.json")
				if r.code != c.want {
					t.Errorf("--fail-level %s: exit %d, want %d", c.level, r.code, c.want)
				}
			}
		})
	}
	// Guard the data: each record has findings of its one severity only.
	for data, want := range map[string]string{onlyInfos: "0 errors, 0 warnings, 2 infos", onlyWarning: "0 errors, 1 warning, 0 infos", onlyError: "1 error, 0 warnings, 0 infos"} {
		dir := writeFiles(t, map[string]string{"a.json": data})
		if r := normlint(t, dir, "", nil, "check", "--no-config", "--color", "never", "a.json"); !strings.Contains(r.stdout, "findings: "+want) {
			t.Errorf("test data drifted: want %q in\n%s", want, r.stdout)
		}
	}
}

// TestUsageErrors: every mistake on the command line is exit 2 with a
// message that says what to type instead; none is read as a path or
// answered with a help topic.
func TestUsageErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": goodRecord})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"chek", "a.json"}, `unknown command "chek"; did you mean "check"?`},
		{[]string{"config", "verfy"}, `unknown subcommand "verfy"; did you mean "verify"?`},
		{[]string{"help", "chek"}, `unknown command "chek"; did you mean "check"?`},
		{[]string{"config", "help", "verfy"}, `unknown subcommand "verfy"; did you mean "verify"?`},
		{[]string{"check", "--fail-levl", "error", "a.json"}, `unknown flag --fail-levl; did you mean --fail-level?`},
		{[]string{"check", "a.json", "--fromat", "json"}, `unknown flag --fromat; did you mean --format?`},
		{[]string{"rules", "extra"}, `rules takes no arguments; got "extra"`},
		{[]string{"version", "x"}, `version takes no arguments; got "x"`},
		{[]string{"config", "verify", "a", "b"}, `config verify takes at most one argument; got "b" too`},
		{[]string{"explain", "unknown-reason", "x"}, `explain takes at most one argument; got "x" too`},
		{[]string{"schema", "uptake", "x"}, `schema takes at most one argument; got "x" too`},
		{[]string{"check", "-", "-"}, `standard input (-) is given 2 times`},
		{[]string{"report", "-", "a.json", "-"}, `standard input (-) is given 2 times`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := normlint(t, dir, "", nil, c.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, want %d with %q on stderr; stderr:\n%s", r.code, exitUsage, c.want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("a usage error prints nothing on standard output:\n%s", r.stdout)
			}
		})
	}
}

// TestDoubleDashAnywhere: after "--" everything is a path, wherever "--"
// stands.
func TestDoubleDashAnywhere(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": goodRecord, "-odd.json": goodRecord, "--": goodRecord})
	for _, args := range [][]string{
		{"check", "--no-config", "a.json", "--", "-odd.json"},
		{"check", "--no-config", "--", "a.json", "-odd.json"},
		{"check", "a.json", "--no-config", "--", "-odd.json"},
	} {
		r := normlint(t, dir, "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "normlint: 2 files, 2 records") {
			t.Errorf("%q: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	// A second "--" after the first is a path like any other.
	r := normlint(t, dir, "", nil, "check", "--no-config", "--", "a.json", "--")
	if r.code != 0 || !strings.Contains(r.stdout, "normlint: 2 files, 2 records") {
		t.Errorf("a file named --: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestUnusedWaiverScope: a run over files named one by one (a pre-commit
// hook's) reports unused-waiver only for waivers whose path matched one of
// its files; a run over a directory judges them all.
func TestUnusedWaiverScope(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"clean.json": goodRecord,
		"other.json": badRecord,
		".normlint.yaml": `waivers:
  - rule: unknown-reason
    reason: "no path: about any file"
    value: pref-nothing
  - rule: unknown-reason
    reason: "about other.json, not checked by the hook run"
    path: other.json
    value: pref-nothing
  - rule: slug-format
    reason: "about clean.json, which the run checks"
    path: clean.json
`,
	})
	r := normlint(t, dir, "", nil, "check", "--color", "never", "clean.json")
	if strings.Contains(r.stdout, "waiver 1 ") || strings.Contains(r.stdout, "waiver 2 ") {
		t.Errorf("waivers without a path, or for files the run did not check, are not unused in a run over named files:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "waiver 3 (slug-format) matched no finding") || !strings.Contains(r.stdout, "only the files named on the command line") {
		t.Errorf("a waiver whose path matched a file of the run is judged, and the hint says why only it:\n%s", r.stdout)
	}
	if r.code != 0 {
		t.Errorf("a hook run over one clean file fails on no waiver: exit %d", r.code)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", ".")
	for _, w := range []string{"waiver 1 (unknown-reason) matched no finding", "waiver 2 (unknown-reason) matched no finding", "waiver 3 (slug-format) matched no finding"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("a run over a directory judges every waiver; missing %q:\n%s", w, r.stdout)
		}
	}
}

// TestNothingToCheck: a directory or pattern that stands for no file to
// check is exit 3 with "nothing to check"; files named one by one but
// excluded by the configuration are skipped with a note (exit 0), so a
// commit that touches only excluded files passes.
func TestNothingToCheck(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"notes/readme.txt":      "not telemetry",
		"legacy/old.json":       badRecord,
		"samples/a.json":        goodRecord,
		".normlint.yaml":        "exclude: [legacy/]\n",
		"other/.normlint.yaml":  "",
		"other/empty/.keep":     "",
		"other/only-text/x.txt": "text",
	})
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"empty"}, "empty: nothing to check: the directory holds no .json"},
		{[]string{"notes"}, "notes: nothing to check: the directory holds no .json"},
		{[]string{"samples/*.jsonl"}, "nothing to check: no file matches this pattern"},
		{[]string{"legacy"}, "legacy: nothing to check: everything the directory reaches is excluded by the configuration"},
		{[]string{"samples", "empty"}, "empty: nothing to check"},
	}
	for _, c := range cases {
		r := normlint(t, dir, "", nil, append([]string{"check", "--color", "never"}, c.args...)...)
		if r.code != exitUnreadable || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q: exit %d, want 3 with %q on stderr:\n%s", c.args, r.code, c.want, r.stderr)
		}
	}
	r := normlint(t, dir, "", nil, "check", "--color", "never", "legacy/old.json")
	if r.code != 0 || !strings.Contains(r.stderr, "normlint: skipping legacy/old.json: excluded by the configuration") {
		t.Errorf("a named file that the configuration excludes is skipped with a note: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The same file is a finding when nothing excludes it.
	if r := normlint(t, dir, "", nil, "check", "--no-config", "legacy/old.json"); r.code != 1 {
		t.Errorf("guard: legacy/old.json must have an error: exit %d", r.code)
	}
}

// TestConfigPaths: with no PATH, check reads the configuration's paths
// (what the normlint-all pre-commit hook runs).
func TestConfigPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"samples/a.json": goodRecord,
		"samples/b.json": badRecord,
		".normlint.yaml": "paths: [samples/]\n",
		"sub/x.txt":      "",
	})
	r := normlint(t, filepath.Join(dir, "sub"), "", nil, "check", "--color", "never")
	if r.code != 1 || !strings.Contains(r.stdout, "../samples/b.json:1:") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--no-config")
	if r.code != exitUsage || !strings.Contains(r.stderr, "needs at least one PATH") {
		t.Errorf("without paths anywhere: exit %d\n%s", r.code, r.stderr)
	}
}

// TestOutputsSamePath: two outputs to one file, however it is named, are a
// usage error, never an interleaved file.
func TestOutputsSamePath(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": goodRecord, "out/.keep": ""})
	if err := os.Symlink("o.json", filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("out", filepath.Join(dir, "outlink")); err != nil {
		t.Fatal(err)
	}
	for _, f := range [][]string{
		{"json=o.json", "sarif=o.json"},
		{"json=o.json", "sarif=./o.json"},
		{"json=o.json", "sarif=link.json"}, // a dangling link to o.json
		{"json=out/r.json", "sarif=outlink/r.json"},
		{"json=" + filepath.Join(dir, "o.json"), "junit=o.json"},
		{"text", "json=/dev/stdout"},
	} {
		r := normlint(t, dir, "", nil, "check", "--no-config", "-f", f[0], "-f", f[1], "a.json")
		if r.code != exitUsage || !strings.Contains(r.stderr, "write to the same file") {
			t.Errorf("-f %s -f %s: exit %d\n%s", f[0], f[1], r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o.json")); err == nil {
		t.Error("a usage error must not create an output")
	}
}

// TestWriteFailure: an output that cannot be written is exit 4, named on
// standard error, and every other output of the run is still complete.
func TestWriteFailure(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	dir := writeFiles(t, map[string]string{"a.json": goodRecord, "bad.json": badRecord, "afile": ""})
	r := normlint(t, dir, "", nil, "check", "--no-config", "-f", "json=/dev/full", "-f", "sarif=o.sarif", "-f", "junit=afile/x.xml", "a.json", "bad.json")
	if r.code != exitWrite {
		t.Errorf("exit %d, want %d\n%s", r.code, exitWrite, r.stderr)
	}
	for _, want := range []string{"cannot write --format json=/dev/full: no space left on device", "cannot write --format junit=afile/x.xml"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "o.sarif"))
	var sarif struct {
		Runs []struct {
			Results []any `json:"results"`
		} `json:"runs"`
	}
	if err != nil || json.Unmarshal(data, &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 2 {
		t.Errorf("the SARIF output is incomplete (%v):\n%.300s", err, data)
	}
	// Precedence: a write failure (4) wins over an unreadable input (3)
	// and over findings (1); a usage error (2) wins over everything.
	r = normlint(t, dir, "", nil, "check", "--no-config", "-f", "json=/dev/full", "bad.json", "missing.json")
	if r.code != exitWrite {
		t.Errorf("write failure and unreadable input: exit %d, want %d", r.code, exitWrite)
	}
	r = normlint(t, dir, "", nil, "check", "--no-config", "-f", "json=/dev/full", "--fail-level", "bogus", "bad.json")
	if r.code != exitUsage {
		t.Errorf("usage error and write failure: exit %d, want %d", r.code, exitUsage)
	}
	r = normlint(t, dir, "", nil, "report", "--no-config", "-f", "json", "bad.json")
	if r.code != 0 {
		t.Fatalf("report: exit %d", r.code)
	}
	r = normlintTo(t, dir, "/dev/full", "report", "--no-config", "bad.json")
	if r.code != exitWrite || !strings.Contains(r.stderr, "cannot write the report: no space left on device") {
		t.Errorf("report to a full disk: exit %d\n%s", r.code, r.stderr)
	}
}

// TestSummaryOnStderr: when every output goes to a file, standard error
// still says how the run went.
func TestSummaryOnStderr(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badRecord})
	r := normlint(t, dir, "", nil, "check", "--no-config", "-f", "json=o.json", "-f", "sarif=o.sarif", "bad.json")
	want := "normlint: 1 file, 1 record (1 Normandy, 0 skipped); 1 with findings, 0 clean; 1 error, 1 warning, 0 infos\n"
	if r.code != 1 || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant stderr:\n%s", r.code, r.stdout, r.stderr, want)
	}
	r = normlint(t, dir, "", nil, "check", "--no-config", "-f", "json", "-f", "sarif=o.sarif", "bad.json")
	if r.stderr != "" {
		t.Errorf("with an output on standard output, standard error stays quiet:\n%s", r.stderr)
	}
}

// normlintTo runs the binary with its standard output sent to the file at
// path (such as /dev/full).
func normlintTo(t *testing.T, dir, path string, args ...string) result {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Stdout = f
	return runCommand(t, cmd)
}

// TestGlobSyntax: command-line patterns follow the configuration's glob
// syntax, negated classes included.
func TestGlobSyntax(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": goodRecord, "b.json": goodRecord, "c.json": goodRecord, "deep/x/d.json": goodRecord})
	for pattern, want := range map[string]string{
		"[!a].json":    "2 files",
		"[^ab].json":   "1 file,",
		"[ab].json":    "2 files",
		"**/[!a].json": "3 files",
	} {
		r := normlint(t, dir, "", nil, "check", "--no-config", pattern)
		if r.code != 0 || !strings.Contains(r.stdout, "normlint: "+want) {
			t.Errorf("%s: exit %d, want %s\n%s%s", pattern, r.code, want, r.stdout, r.stderr)
		}
	}
	if r := normlint(t, dir, "", nil, "check", "--no-config", "[a.json"); r.code != exitUnreadable || !strings.Contains(r.stderr, "bad pattern") {
		t.Errorf("a malformed pattern: exit %d\n%s", r.code, r.stderr)
	}
}
