package main

import (
	"os"
	"strings"
	"testing"

	"github.com/normlint/normlint/rules"
)

// TestReadmeRuleTable fails when README's rule table and `normlint rules`
// disagree: every rule, its default severity and its summary.
func TestReadmeRuleTable(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	start := strings.Index(section, "\n## Rules\n")
	if start < 0 {
		t.Fatal("README has no ## Rules section")
	}
	section = section[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
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
