package rules_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/normlint/normlint/config"
	"github.com/normlint/normlint/rules"
	"github.com/normlint/normlint/schemas"
)

// referencePath is normlint's own telemetry reference, relative to this
// package. Rule documentation and schema comments cite its sections as
// "docs/telemetry-reference.md §N.N".
const referencePath = "../docs/telemetry-reference.md"

// privateCitation matches citations of documents users do not have: notes
// kept outside the repository and their short source tags.
var privateCitation = regexp.MustCompile(`normandy-telemetry\.md|bigquery-exports\.md|linter-conventions\.md|issue11-research\.md|\.\./shared|/work/|\b(EV-(dyn|80|115)|GL-[AB]|TE-G|UP-(old|mid|new)|UT-2[47]|DOC-[1-6]|HIST|NIM|MPS|MPS_GEN|BQETL|TEC|REF)\b`)

// sectionSign matches a section citation such as "§2.3" (or "§4").
var sectionSign = regexp.MustCompile(`§\s*([0-9]+(?:\.[0-9]+)*)`)

// clauses splits a text into citations: at semicolons and sentence ends.
var clauses = regexp.MustCompile(`;|\.\s|\n\n`)

// referenceHeading matches a numbered heading of the reference, e.g.
// "### 2.3 Markers and special values" or "## 3. Limits".
var referenceHeading = regexp.MustCompile(`(?m)^#{1,6} ([0-9]+(?:\.[0-9]+)*)\.? `)

// citedTexts returns every user-visible text that cites sources: each
// rule's documentation and summary, and each schema `normlint schema`
// prints.
func citedTexts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for _, r := range rules.All() {
		texts[r.ID+" summary"] = r.Summary
		texts[r.ID+" rationale"] = r.Doc.Rationale
		texts[r.ID+" spec"] = r.Doc.Spec
		texts[r.ID+" firefox"] = r.Doc.Firefox
		texts[r.ID+" bad"] = r.Doc.Bad
		texts[r.ID+" good"] = r.Doc.Good
	}
	names := schemas.Names()
	if len(names) == 0 {
		t.Fatal("no embedded schemas")
	}
	for _, name := range names {
		src, ok := schemas.Source(name)
		if !ok {
			t.Fatalf("schema %q listed but has no source", name)
		}
		texts["schema "+name] = string(src)
	}
	texts["schema config"] = string(config.SchemaSource())
	return texts
}

// TestNoPrivateCitations fails when a rule's documentation or an embedded
// schema cites a document users do not have (private notes, their source
// tags) instead of data-collection.rst, a Firefox source path or
// docs/telemetry-reference.md.
func TestNoPrivateCitations(t *testing.T) {
	for where, text := range citedTexts(t) {
		for _, m := range privateCitation.FindAllString(text, -1) {
			t.Errorf("%s cites %q, which users do not have", where, m)
		}
	}
	ref, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range privateCitation.FindAllString(string(ref), -1) {
		t.Errorf("%s cites %q, which users do not have", referencePath, m)
	}
}

// TestReferenceSectionsExist fails when a rule's documentation or an
// embedded schema cites a section of docs/telemetry-reference.md that the
// file has no heading for. Every "§N" in those texts is such a citation:
// data-collection.rst is cited by its heading path, never by number.
func TestReferenceSectionsExist(t *testing.T) {
	ref, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, m := range referenceHeading.FindAllStringSubmatch(string(ref), -1) {
		headings[m[1]] = true
	}
	if len(headings) == 0 {
		t.Fatalf("%s has no numbered headings", referencePath)
	}
	cites := 0
	for where, text := range citedTexts(t) {
		for _, m := range sectionSign.FindAllStringSubmatch(text, -1) {
			cites++
			if !headings[m[1]] {
				t.Errorf("%s cites docs/telemetry-reference.md §%s, which has no such heading", where, m[1])
			}
		}
		// A section sign must follow a mention of the reference within
		// the same citation (up to the next ';' or end of sentence).
		for _, clause := range clauses.Split(text, -1) {
			if strings.Contains(clause, "§") && !strings.Contains(clause, "telemetry-reference.md") {
				t.Errorf("%s: %q cites a section without naming docs/telemetry-reference.md", where, strings.TrimSpace(clause))
			}
		}
	}
	if cites == 0 {
		t.Error("no rule documentation cites docs/telemetry-reference.md")
	}
}

// TestSpecCitesSources fails when a Normandy rule's Spec cites neither the
// spec document nor normlint's reference. Rules about normlint itself
// (configuration, input formats) cite the README instead.
func TestSpecCitesSources(t *testing.T) {
	for _, r := range rules.All() {
		s := r.Doc.Spec
		if strings.Contains(s, "data-collection.rst") || strings.Contains(s, "docs/telemetry-reference.md") || strings.Contains(s, "README") {
			continue
		}
		t.Errorf("%s: Spec cites neither data-collection.rst, docs/telemetry-reference.md nor the README: %q", r.ID, s)
	}
}
