package audit

import (
	"strings"

	"github.com/normlint/normlint/rules"
)

// GateResult is what the coverage gate (report --min-coverage, --require)
// found.
type GateResult struct {
	// Items are the documented items a clean suite can contain: every
	// documented status, event and reason but those normlint itself
	// reports as errors (the "unknown" reasons), which a suite that
	// passes check cannot hold.
	Items int
	// Seen counts the Items that occurred.
	Seen int
	// Percent is Seen ÷ Items × 100 (100 when there are no items).
	Percent float64
	// Unseen lists the Items that did not occur, in the order of
	// rules.Documented.
	Unseen []string
	// MissingRequired lists the required items that did not occur.
	MissingRequired []string
}

// GateItem reports whether a documented item counts in the coverage
// gate's denominator.
func GateItem(item string) bool {
	// unknown-reason (an error) flags these: a clean suite has none.
	return !strings.HasPrefix(item, "reason:") || !strings.HasSuffix(item, "/unknown")
}

// Gate measures the report's coverage for the coverage gate; require
// lists items (rules.Documented's form) that must have occurred.
func (r *Report) Gate(require []string) GateResult {
	seen := map[string]bool{}
	for _, s := range r.Coverage.Seen {
		seen[s] = true
	}
	g := GateResult{Unseen: []string{}, MissingRequired: []string{}}
	for _, d := range rules.Documented() {
		if !GateItem(d) {
			continue
		}
		g.Items++
		if seen[d] {
			g.Seen++
		} else {
			g.Unseen = append(g.Unseen, d)
		}
	}
	g.Percent = 100
	if g.Items > 0 {
		g.Percent = float64(g.Seen) * 100 / float64(g.Items)
	}
	for _, q := range require {
		if !seen[q] {
			g.MissingRequired = append(g.MissingRequired, q)
		}
	}
	return g
}
