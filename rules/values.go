package rules

import (
	"iter"
	"slices"
	"sort"
	"strings"

	"github.com/normlint/normlint/lint"
)

// The values a record or a violation holds, in the order messages list them.

// strValue is a string value of a record: a top-level member (the value,
// the status, the source) or an extra.
type strValue struct {
	key, val string
	extra    bool
}

// ptr is the value's canonical pointer, built only for a finding.
func (s strValue) ptr() string {
	if s.extra {
		return lint.JoinPointer("/extra", s.key)
	}
	return "/" + s.key
}

// stringValues yields the record's string values that Firefox
// length-limits and that could carry personal data: the value (the status
// for uptake), the uptake source, and every extra value sorted by key.
func stringValues(r *lint.Record) iter.Seq[strValue] {
	return func(yield func(strValue) bool) {
		top := [2]struct {
			key string
			f   lint.Field
		}{{"value", r.Value}}
		if r.Kind == lint.KindUptake {
			top[0].key, top[0].f = "status", r.Status
			top[1].key, top[1].f = "source", r.Source
		}
		for _, t := range top {
			if s, ok := t.f.String(); ok && !yield(strValue{key: t.key, val: s}) {
				return
			}
		}
		if r.ExtraValue.Kind != lint.Absent {
			return
		}
		var buf [16]strValue
		vals := buf[:0]
		for _, e := range r.Extras {
			if s, ok := e.Value.String(); ok {
				vals = append(vals, strValue{key: e.Name, val: s, extra: true})
			}
		}
		slices.SortFunc(vals, func(a, b strValue) int { return strings.Compare(a.key, b.key) })
		for _, v := range vals {
			if !yield(v) {
				return
			}
		}
	}
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
