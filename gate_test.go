package main

import (
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
