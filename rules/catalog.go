package rules

import (
	"slices"
	"strings"

	"github.com/normlint/normlint/lint"
)

// catalog holds every rule by ID. Each rule registers itself from its own
// file, rules/<rule_id>.go, which holds its ID, default severity, summary,
// documentation and check or message: adding a rule adds a file and its
// golden cases (testdata/<rule-id>.txtar), and edits no list.
//
// Rule IDs are stable: a retired rule keeps its ID as a no-op so that
// configurations naming it still parse. A rule's Doc.Bad and Doc.Good are
// single input lines that normlint accepts as a file by themselves: Bad
// makes the rule fire and Good does not (the examples test runs both).
var catalog = map[string]*lint.Rule{}

// register adds r to the catalog; it is called from the init function of
// the rule's file. An ID registered twice is a programming error.
func register(r *lint.Rule) {
	if _, dup := catalog[r.ID]; dup {
		panic("rules: " + r.ID + " registered twice")
	}
	catalog[r.ID] = r
}

// All returns the catalog, sorted by ID. Each call returns fresh values, so
// a caller may adjust severities without affecting others.
func All() []*lint.Rule {
	out := make([]*lint.Rule, 0, len(catalog))
	for _, r := range catalog {
		out = append(out, clone(r))
	}
	slices.SortFunc(out, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// ByID returns the rule with that ID, a fresh value as All's.
func ByID(id string) (*lint.Rule, bool) {
	r, ok := catalog[id]
	if !ok {
		return nil, false
	}
	return clone(r), true
}

// clone copies a registered rule, so that no caller can change the catalog.
func clone(r *lint.Rule) *lint.Rule {
	c := *r
	c.Yields = slices.Clone(r.Yields)
	return &c
}
