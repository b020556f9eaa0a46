package rules

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// referenceFile is the generated rule reference, relative to this package.
const referenceFile = "../docs/rules.md"

// TestReferenceUpToDate fails when docs/rules.md is not what the catalog
// generates now.
func TestReferenceUpToDate(t *testing.T) {
	var b, again bytes.Buffer
	if err := Reference(&b); err != nil {
		t.Fatal(err)
	}
	if err := Reference(&again); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Fatalf("Reference is not deterministic (%v)", err)
	}
	got, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatalf("%v: run `go generate ./rules`", err)
	}
	if bytes.Equal(got, b.Bytes()) {
		return
	}
	gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(b.String(), "\n")
	n := 0
	for n < len(gotLines) && n < len(wantLines) && gotLines[n] == wantLines[n] {
		n++
	}
	t.Errorf("docs/rules.md is stale: run `go generate ./rules` (it differs from line %d on)", n+1)
}

// TestReferenceLinksEveryRule: the table links every rule to a section
// whose heading is the rule ID, so that its anchor is #rule-id.
func TestReferenceLinksEveryRule(t *testing.T) {
	var b bytes.Buffer
	if err := Reference(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, r := range All() {
		if !strings.Contains(md, "| [`"+r.ID+"`](#"+r.ID+") | "+r.Severity.String()+" | ") {
			t.Errorf("the table has no row for %s", r.ID)
		}
		if strings.Count(md, "\n## "+r.ID+"\n") != 1 {
			t.Errorf("%s has no section of its own", r.ID)
		}
	}
}

// TestMarkdownText: prose shows as written, not as markup.
func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"preference_study and __NO_ADDON__", `preference_study and \_\_NO_ADDON\_\_`},
		{"normandy/recipe/<id>, RUNNER_*", `normandy/recipe/\<id\>, RUNNER\_\*`},
		{`[a, b] C:\Users`, `\[a, b\] C:\\Users`},
		{"one\n- two\n# three\n12. four\n2.0b3", "one\n\\- two\n\\# three\n12\\. four\n2.0b3"},
	} {
		if got := markdownText(tc.in); got != tc.want {
			t.Errorf("markdownText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
