package rules

import (
	"sort"

	"github.com/normlint/normlint/lint"
)

// The values a record or a violation holds, in the order messages list them.

// stringValues returns the record's string values that Firefox
// length-limits and that could carry personal data: the value (the status
// for uptake), the uptake source, and every extra value, each with its
// canonical pointer, in a stable order.
func stringValues(r *lint.Record) []struct{ ptr, key, val string } {
	extra := r.Extra()
	out := make([]struct{ ptr, key, val string }, 0, len(extra)+2)
	add := func(ptr, key string, v any) {
		if s, ok := v.(string); ok {
			out = append(out, struct{ ptr, key, val string }{ptr, key, s})
		}
	}
	if r.Kind == lint.KindUptake {
		add("/status", "status", r.Doc["status"])
		add("/source", "source", r.Doc["source"])
	} else {
		add("/value", "value", r.Doc["value"])
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(lint.JoinPointer("/extra", k), k, extra[k])
	}
	return out
}

// wantStrings returns the violation's allowed string values, sorted.
func wantStrings(v *lint.Violation) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range v.Want {
		if s, ok := w.(string); ok && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
