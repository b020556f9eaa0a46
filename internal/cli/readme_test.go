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
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/internal/linttest"
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

// TestReadmeCheckFlags fails when a check flag is missing from README.
func TestReadmeCheckFlags(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range checkCommand().Flags {
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue // the profiling flags are CONTRIBUTING.md's
		}
		if !strings.Contains(string(data), "`--"+f.Names()[0]+"`") {
			t.Errorf("README does not document --%s", f.Names()[0])
		}
	}
}

// TestReadmeExamples runs every example in README and the docs: a fenced
// block whose first line is "$ normlint ARGS" shows what the built binary
// prints for those arguments, run in the repository's root. -update
// rewrites the blocks with what it prints now.
func TestReadmeExamples(t *testing.T) {
	pages, _ := filepath.Glob("docs/*.md")
	pages = append([]string{"README.md", "CONTRIBUTING.md"}, pages...)
	examples := 0
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		var out strings.Builder
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
				t.Errorf("%s: example %q prints something else now (go test -run TestReadmeExamples -update ./internal/cli rewrites it):\n--- %s\n%s--- normlint\n%s", page, cmd, page, want, r.stdout)
			}
			out.WriteString(r.stdout)
			i = end - 1
		}
		if *linttest.Update && out.String() != string(data) {
			if err := os.WriteFile(page, []byte(out.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if examples == 0 {
		t.Fatal("README and the docs have no example to run")
	}
}

// TestDocLinks: every relative link of README, CONTRIBUTING and the docs
// leads to a file of the repository, and every #anchor to a heading.
func TestDocLinks(t *testing.T) {
	pages, _ := filepath.Glob("docs/*.md")
	pages = append([]string{"README.md", "CONTRIBUTING.md"}, pages...)
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := page
			if file != "" {
				path = filepath.Join(filepath.Dir(page), file)
			}
			if st, err := os.Stat(path); err == nil && st.IsDir() && anchor == "" {
				continue // a folder of the repository
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s links to %s, which does not exist", page, target)
				continue
			}
			if anchor != "" && !slices.Contains(anchors(string(body)), anchor) {
				t.Errorf("%s links to %s, but %s has no heading with that anchor", page, target, path)
			}
		}
	}
}

// anchors lists the anchors GitHub gives a markdown page's headings.
func anchors(page string) []string {
	var out []string
	for _, line := range strings.Split(page, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range title {
			switch {
			case r == ' ':
				b.WriteByte('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
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
