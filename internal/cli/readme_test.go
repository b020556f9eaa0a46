package cli

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"

	"github.com/normlint/normlint/rules"
)

// readmeSection returns README's "## title" section, up to the next one.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	start := strings.Index(section, "\n## "+title+"\n")
	if start < 0 {
		t.Fatalf("README has no ## %s section", title)
	}
	section = section[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	return section
}

// TestReadmeRuleTable fails when README's rule table and `normlint rules`
// disagree: every rule, its default severity and its summary.
func TestReadmeRuleTable(t *testing.T) {
	section := readmeSection(t, "Rules")
	got := map[string][2]string{}
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Errorf("malformed table row: %s", line)
			continue
		}
		clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "`", "")) }
		got[clean(cells[0])] = [2]string{clean(cells[1]), clean(cells[2])}
	}
	all := rules.All()
	for _, r := range all {
		row, ok := got[r.ID]
		if !ok {
			t.Errorf("README's rule table lacks %s", r.ID)
			continue
		}
		if row[0] != r.Severity.String() {
			t.Errorf("%s: README says %s, the catalog %s", r.ID, row[0], r.Severity)
		}
		if row[1] != r.Summary {
			t.Errorf("%s: README says %q, the catalog %q", r.ID, row[1], r.Summary)
		}
	}
	if len(got) != len(all) {
		t.Errorf("README lists %d rules, the catalog has %d", len(got), len(all))
	}
}

// TestReadmeRuleReference fails when a rule has no anchor in README, where
// SARIF's helpUri sends people.
func TestReadmeRuleReference(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		if !strings.Contains(string(data), "\n### `"+r.ID+"`\n") {
			t.Errorf("README's rule reference has no heading for %s", r.ID)
		}
	}
}

// TestReadmeCheckFlags fails when a check flag is missing from README.
func TestReadmeCheckFlags(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range checkCommand().Flags {
		if !strings.Contains(string(data), "`--"+f.Names()[0]+"`") {
			t.Errorf("README does not document --%s", f.Names()[0])
		}
	}
}

// TestReadmeExamples runs every example in README: a fenced block whose
// first line is "$ normlint ARGS" shows what the built binary prints for
// those arguments, run in the repository's root. -update rewrites the
// blocks with what it prints now.
func TestReadmeExamples(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	var out strings.Builder
	examples := 0
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		if !strings.HasPrefix(lines[i], "```") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "$ normlint ") {
			continue
		}
		cmd := strings.TrimSpace(lines[i+1])
		out.WriteString(lines[i+1])
		end := i + 2
		for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
			end++
		}
		want := strings.Join(lines[i+2:end], "")
		r := normlint(t, ".", "", nil, strings.Fields(strings.TrimPrefix(cmd, "$ normlint "))...)
		examples++
		if r.stdout != want {
			t.Errorf("README example %q prints something else now (go test -run TestReadmeExamples -update . rewrites it):\n--- README\n%s--- normlint\n%s", cmd, want, r.stdout)
		}
		out.WriteString(r.stdout)
		i = end - 1
	}
	if examples == 0 {
		t.Fatal("README has no example to run")
	}
	if *linttest.Update {
		if err := os.WriteFile("README.md", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadmeGoVersion: README asks for the Go version go.mod names.
func TestReadmeGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var goVersion string
	for _, line := range strings.Split(string(mod), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			goVersion = strings.TrimSpace(v)
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if goVersion == "" || !strings.Contains(string(readme), "Go "+goVersion+" or later") {
		t.Errorf("README must ask for Go %s or later, as go.mod does", goVersion)
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.Contains(line, "Go 1.") && strings.Contains(line, "or later") && !strings.Contains(line, "Go "+goVersion+" or later") {
			t.Errorf("README names another Go version: %s", line)
		}
	}
}

// TestReadmeExitCodes: README's exit-code table lists exactly the codes
// normlint returns.
func TestReadmeExitCodes(t *testing.T) {
	section := readmeSection(t, "Exit codes")
	got := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		if cells := strings.Split(line, "|"); len(cells) > 2 {
			if c := strings.TrimSpace(cells[1]); len(c) == 1 && c[0] >= '0' && c[0] <= '9' {
				got[c] = true
			}
		}
	}
	want := map[string]bool{}
	for _, c := range []int{exitOK, exitFindings, exitUsage, exitUnreadable, exitWrite} {
		want[strconv.Itoa(c)] = true
	}
	if !maps.Equal(got, want) {
		t.Errorf("README's exit codes %v, normlint's %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	// Every exit the command line takes names one of those codes.
	files, _ := filepath.Glob("internal/cli/*.go")
	exits := regexp.MustCompile(`cli\.Exit\(.*\b(exit[A-Z]\w*)\)\s*$`)
	named := map[string]bool{"exitOK": true, "exitFindings": true, "exitUsage": true, "exitUnreadable": true, "exitWrite": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.Contains(line, "cli.Exit(") {
				continue
			}
			if m := exits.FindStringSubmatch(line); m == nil || !named[m[1]] {
				t.Errorf("%s exits with a code that is not one of README's table: %s", f, strings.TrimSpace(line))
			}
		}
	}
}

// TestReadmePreCommitRev: the rev in README's pre-commit snippet is a
// commit of this repository that has every hook the snippets name.
func TestReadmePreCommitRev(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rev string
	var hooks []string
	for _, line := range strings.Split(string(readme), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "rev: "); ok {
			rev = strings.Fields(v)[0]
		}
		if v, ok := strings.CutPrefix(line, "- id: "); ok && strings.HasPrefix(v, "normlint") {
			hooks = append(hooks, strings.Fields(v)[0])
		}
	}
	if rev == "" || len(hooks) == 0 {
		t.Fatal("README has no pre-commit snippet with a rev and hooks")
	}
	if out, err := exec.Command("git", "rev-parse", "--is-shallow-repository").Output(); err != nil || strings.TrimSpace(string(out)) != "false" {
		t.Skipf("not a full git clone (%v): the rev cannot be looked up", err)
	}
	manifest, err := exec.Command("git", "show", rev+":.pre-commit-hooks.yaml").Output()
	if err != nil {
		t.Fatalf("README's pre-commit rev %s is not a commit of this repository with .pre-commit-hooks.yaml: %v", rev, err)
	}
	for _, h := range hooks {
		if !strings.Contains(string(manifest), "- id: "+h+"\n") {
			t.Errorf("README's snippet uses hook %s, which rev %s does not have", h, rev)
		}
	}
}
