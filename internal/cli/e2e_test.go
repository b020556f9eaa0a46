package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is normlint built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	// The tests read the repository's samples, README and docs by their
	// paths from its root, as a user would name them.
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "normlint-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "normlint")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("building normlint: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// normlint runs the built binary in dir with env added to the environment.
func normlint(t *testing.T, dir string, stdin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout = &out
	r := runCommand(t, cmd)
	r.stdout = out.String()
	return r
}

// runCommand runs cmd, whose standard output is set up by the caller, and
// returns its standard error and exit code.
func runCommand(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{stderr: errb.String(), code: code}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	goodRecord = `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control", "experimentType": "exp"}}`
	warnRecord = `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref A", "extra": {"branch": "control", "experimentType": "exp"}}`
	badRecord  = `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-a", "extra": {"didResetValue": "true", "reason": "unknown"}}`
)

func TestExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.json": goodRecord, "warn.json": warnRecord, "bad.json": badRecord,
		"broken.json": `{"category": `, "sub/x.json": goodRecord,
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"clean", []string{"check", "good.json"}, 0},
		{"error", []string{"check", "bad.json"}, 1},
		{"warning below the fail level", []string{"check", "warn.json"}, 0},
		{"warning at the fail level", []string{"check", "--fail-level", "warning", "warn.json"}, 1},
		{"fail level none", []string{"check", "--fail-level", "none", "bad.json"}, 0},
		{"parse error is a finding", []string{"check", "broken.json"}, 1},
		{"missing file", []string{"check", "good.json", "nope.json"}, 3},
		{"missing beats findings", []string{"check", "bad.json", "nope.json"}, 3},
		{"directory is walked", []string{"check", "sub"}, 0},
		{"glob matching nothing", []string{"check", "nothing/*.json"}, 3},
		{"no paths", []string{"check"}, 2},
		{"bad format", []string{"check", "--format", "yaml", "good.json"}, 2},
		{"bad fail level", []string{"check", "--fail-level", "fatal", "good.json"}, 2},
		{"bad color", []string{"check", "--color", "sometimes", "good.json"}, 2},
		{"unknown flag", []string{"check", "--frmat", "json", "good.json"}, 2},
		{"unknown flag after the path", []string{"check", "good.json", "--frmat", "json"}, 2},
		{"unknown command", []string{"chek", "good.json"}, 2},
		{"explain unknown rule", []string{"explain", "no-such-rule"}, 2},
		{"schema unknown", []string{"schema", "nope"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := normlint(t, dir, "", nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.code == 2 && r.stderr == "" {
				t.Error("a usage error must say what is wrong on standard error")
			}
		})
	}
}

func TestUnreadableStillChecksTheRest(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badRecord})
	r := normlint(t, dir, "", nil, "check", "--color", "never", "nope.json", "bad.json")
	if r.code != 3 {
		t.Fatalf("exit %d, want 3", r.code)
	}
	if !strings.Contains(r.stderr, "cannot read nope.json") {
		t.Errorf("stderr lacks the unreadable file: %q", r.stderr)
	}
	if !strings.Contains(r.stdout, "bad.json:1:") || !strings.Contains(r.stdout, "[unknown-reason]") {
		t.Errorf("the readable file was not reported:\n%s", r.stdout)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badRecord, "-odd.json": goodRecord})
	r := normlint(t, dir, "", nil, "check", "bad.json", "--format", "json", "--color=never")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Version     int `json:"version"`
		Diagnostics []struct {
			Rule string `json:"rule"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("--format after the path was not applied: %v\n%s", err, r.stdout)
	}
	if doc.Version != 1 || len(doc.Diagnostics) != 2 || doc.Diagnostics[1].Rule != "unknown-reason" {
		t.Fatalf("unexpected document: %s", r.stdout)
	}
	// After "--" everything is a path, even a name that starts with '-'.
	r = normlint(t, dir, "", nil, "check", "--", "-odd.json")
	if r.code != 0 {
		t.Fatalf("-- did not end the flags: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestStdin(t *testing.T) {
	r := normlint(t, t.TempDir(), badRecord+"\n"+goodRecord+"\n", nil, "check", "--color", "never", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "<stdin>:1:") {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "2 records (2 Normandy, 0 skipped); 1 with findings, 1 clean") {
		t.Errorf("summary: %s", r.stdout)
	}
}

func TestColor(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badRecord})
	r := normlint(t, dir, "", nil, "check", "--color", "always", "bad.json")
	if !strings.Contains(r.stdout, "\x1b[") {
		t.Error("--color always printed no colour")
	}
	// Not a terminal: auto means no colour, and NO_COLOR is honoured.
	for _, env := range [][]string{nil, {"NO_COLOR=1"}} {
		r = normlint(t, dir, "", env, "check", "bad.json")
		if strings.Contains(r.stdout, "\x1b[") {
			t.Errorf("colour with --color auto off a terminal (env %v)", env)
		}
	}
	r = normlint(t, dir, "", nil, "check", "--format", "json", "--color", "always", "bad.json")
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour in JSON output")
	}
}

func TestInfoCommands(t *testing.T) {
	dir := t.TempDir()
	r := normlint(t, dir, "", nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "normlint ") {
		t.Errorf("version: %d %q", r.code, r.stdout)
	}
	r = normlint(t, dir, "", nil, "rules", "--format", "json")
	var list []struct{ ID, Severity, Summary string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) < 25 {
		t.Fatalf("rules --format json: %v (%d rules)\n%s", err, len(list), r.stdout)
	}
	r = normlint(t, dir, "", nil, "rules")
	if !strings.Contains(r.stdout, "invalid-uptake-status") {
		t.Errorf("rules: %s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "explain", "unknown-reason")
	for _, want := range []string{"unknown-reason (default severity: error)", "Why", "Spec", "data-collection.rst", "Fails", "Passes"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	r = normlint(t, dir, "", nil, "schema")
	if !strings.Contains(r.stdout, "normandy-event") || !strings.Contains(r.stdout, "uptake") {
		t.Errorf("schema list: %s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "schema", "uptake")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v["$schema"] == nil {
		t.Errorf("schema uptake is not a JSON Schema: %v", err)
	}
	r = normlint(t, dir, "", nil, "check", "--help")
	if !strings.Contains(r.stdout, "EXIT CODES") {
		t.Errorf("check --help lacks the exit codes:\n%s", r.stdout)
	}
}

// TestBadInput: hostile files never crash or hang normlint, each has a
// clear outcome, and the other files are still checked.
func TestBadInput(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	long := `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "` + strings.Repeat("x", 10<<20) + `", "extra": {"branch": "control", "experimentType": "exp"}}`
	dir := writeFiles(t, map[string]string{
		"empty.json":   "",
		"bom.json":     "\xEF\xBB\xBF" + badRecord + "\n",
		"crlf.jsonl":   goodRecord + "\r\n" + badRecord + "\r\n",
		"deep.json":    deep,
		"long.jsonl":   long + "\n" + badRecord + "\n",
		"utf8.json":    `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "p` + "\xff" + `"}`,
		"good.json":    goodRecord,
		"dir/x.json":   goodRecord,
		"binary.json":  "\x00\x01\x02garbage",
		"nested.jsonl": `{"a": ` + strings.Repeat(`{"a": `, 20000) + "1" + strings.Repeat("}", 20001) + "\n" + badRecord + "\n",
	})
	r := normlint(t, dir, "", nil, "check", "--format", "json", "empty.json", "bom.json", "crlf.jsonl", "deep.json", "long.jsonl", "utf8.json", "binary.json", "nested.jsonl", "missing.json", "good.json")
	if r.code != 3 {
		t.Fatalf("exit %d, want 3 (unreadable inputs)\n%s", r.code, r.stderr)
	}
	var doc struct {
		Diagnostics []struct {
			Rule, File, Pointer string
			Line, Column        int
		}
		Summary map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, d := range doc.Diagnostics {
		got[d.File] = append(got[d.File], d.Rule)
		if d.File == "bom.json" && d.Rule == "unknown-reason" && d.Column != strings.Index(badRecord, `"unknown"`)+1 {
			t.Errorf("bom.json: the BOM shifted the column to %d", d.Column)
		}
		if d.File == "crlf.jsonl" && d.Line != 2 {
			t.Errorf("crlf.jsonl: finding on line %d", d.Line)
		}
		if d.File == "long.jsonl" && d.Rule == "unknown-reason" && d.Line != 2 {
			t.Errorf("long.jsonl: the line after the 10 MB line is reported on line %d", d.Line)
		}
	}
	want := map[string]string{
		"empty.json":   "no-normandy-records",
		"bom.json":     "unknown-reason",
		"crlf.jsonl":   "unknown-reason",
		"deep.json":    "parse-error",
		"long.jsonl":   "value-too-long unknown-reason",
		"utf8.json":    "parse-error",
		"binary.json":  "parse-error",
		"nested.jsonl": "parse-error unknown-reason",
	}
	for file, rules := range want {
		joined := " " + strings.Join(got[file], " ") + " "
		for _, rule := range strings.Fields(rules) {
			if !strings.Contains(joined, " "+rule+" ") {
				t.Errorf("%s: want %s among %v", file, rule, got[file])
			}
		}
	}
	if _, ok := got["good.json"]; ok {
		t.Errorf("good.json has findings: %v", got["good.json"])
	}
	for _, name := range []string{"missing.json"} {
		if !strings.Contains(r.stderr, "cannot read "+name) {
			t.Errorf("stderr does not name %s: %s", name, r.stderr)
		}
	}
	s := doc.Summary
	if s["records"].(float64) != s["records_with_findings"].(float64)+s["clean_records"].(float64)+s["skipped_records"].(float64) {
		t.Errorf("records do not add up: %v", s)
	}
}
