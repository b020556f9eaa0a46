package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// docExample is an example of docs/diff.md: a console block whose first
// line names the golden case whose inputs and output it shows (so that
// TestReadmeExamples, which runs blocks that start with the command, leaves
// it alone: its inputs are in the archive, not in the repository).
var docExample = regexp.MustCompile("(?s)```console\n# inputs: internal/cli/testdata/([a-z0-9-]+)[.]txtar( [(]standard error[)])?\n(.*?)```\n")

// TestDiffDocExamples checks that every example of docs/diff.md is the
// output of its golden case (which TestGolden checks against normlint),
// so that the page cannot drift from what normlint prints.
func TestDiffDocExamples(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "diff.md"))
	if err != nil {
		t.Fatal(err)
	}
	ms := docExample.FindAllSubmatch(doc, -1)
	if len(ms) < 3 {
		t.Fatalf("docs/diff.md has %d examples, want at least 3", len(ms))
	}
	for _, m := range ms {
		name, stderrOnly, got := string(m[1]), len(m[2]) > 0, string(m[3])
		if want := docExampleText(t, name, stderrOnly); got != want {
			t.Errorf("docs/diff.md's example %s differs from its golden case\n--- want\n%s--- got\n%s", name, want, got)
		}
	}
}

// docExampleText is what the example of a golden case shows: the command,
// its output (only standard error with stderrOnly) and its exit code.
func docExampleText(t *testing.T, name string, stderrOnly bool) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("internal", "cli", "testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	sec := map[string]string{}
	for _, f := range ar.Files {
		sec[f.Name] = string(f.Data)
	}
	var sb strings.Builder
	sb.WriteString("$ normlint " + strings.Join(strings.Fields(sec["args"]), " "))
	if stderrOnly {
		sb.WriteString(" > report.txt\n")
	} else {
		sb.WriteString("\n" + sec["stdout"])
	}
	sb.WriteString(sec["stderr"])
	sb.WriteString("$ echo $?\n" + sec["exit"])
	return sb.String()
}
