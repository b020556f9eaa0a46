package input

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/normlint/normlint/lint"
)

// What the raw-table adapters (event-table, glean-table) share. A row of a
// ping table is the ping as the pipeline stored it, not as Firefox sent
// it: BigQuery turned each map of strings into a list of {"key", "value"}
// structs, each event tuple into a struct {f0_, ..., f5_}, and its JSON
// exports write every INT64 as a string. The rows are read with the
// ping adapters' code (extractTuple, gleanEvent) on a tuple or an extra
// object rebuilt from the row, and a tableLoc maps what those locate back
// to the row's own members.

// The table adapters skim too (see skim.go).
var (
	_ lint.Skimmer = EventTable{}
	_ lint.Skimmer = GleanTable{}
)

// isTableRow reports whether an object has the members that only the
// pipeline adds to a ping: the time it was received and the metadata of
// its request. A ping as Firefox submits it has neither.
func isTableRow(o *lint.Object) bool {
	return o.Has("submission_timestamp") || o.Has("metadata")
}

// skimTableRow mirrors isTableRow.
func skimTableRow(s *lint.Skimmed) bool {
	return s.Has("submission_timestamp") || s.Has("metadata")
}

// kvExtra reads a BigQuery map column, a list of {"key", "value"} structs,
// as the extra object it was (an object is taken as it is). It reports
// false, having said why at ptr, when the list is not such a map; nil and
// an empty list are no extra.
func kvExtra(v any, format, ptr string, x *lint.Extraction) (extra *lint.Object, keys []string, ok bool) {
	switch m := v.(type) {
	case nil:
		return nil, nil, true
	case *lint.Object:
		return m, nil, true
	case []any:
		if len(m) == 0 {
			return nil, nil, true
		}
		extra = &lint.Object{Names: make([]string, 0, len(m)), Values: make([]any, 0, len(m))}
		for i, e := range m {
			pair, isObj := e.(*lint.Object)
			k, kok := "", false
			if isObj {
				k, kok = pair.String("key")
			}
			if !kok {
				x.Malformed(format, lint.IndexPointer(ptr, i), false,
					fmt.Sprintf("a key/value list item is %s; expected {\"key\": name, \"value\": string}", describeEntry(e)), "")
				return nil, nil, false
			}
			if extra.Has(k) {
				x.Malformed(format, lint.IndexPointer(ptr, i)+"/key", false,
					fmt.Sprintf("the key/value list repeats the key %s; an event's extras have unique keys", lint.Quote(k)), "")
				return nil, nil, false
			}
			val, _ := pair.Get("value")
			extra.Names = append(extra.Names, k)
			extra.Values = append(extra.Values, val)
		}
		return extra, extra.Names, true
	}
	x.Malformed(format, ptr, false,
		fmt.Sprintf("the extras are %s; expected a list of {\"key\", \"value\"} structs", lint.Describe(v)), "")
	return nil, nil, false
}

// int64Problem says what makes an INT64 column's value unreadable ("" when
// it is an integer, as a JSON number or the decimal string BigQuery's
// exports write, or null).
func int64Problem(v any) string {
	switch t := int64Column(v).(type) {
	case nil:
		return ""
	case float64:
		if t == float64(int64(t)) {
			return ""
		}
	}
	return lint.Describe(v)
}

// checkInt64 reports an INT64 member of o (a row's sample_id, a ping_info's
// seq) that holds no integer: the row was not written by BigQuery as it
// is, so its events, read all the same, may not be what was stored.
func checkInt64(o *lint.Object, name, base, format string, x *lint.Extraction) {
	v, ok := o.Get(name)
	if !ok {
		return
	}
	if why := int64Problem(v); why != "" {
		x.Malformed(format, lint.JoinPointer(base, name), false,
			fmt.Sprintf("%s is %s; BigQuery writes this INT64 column as an integer or a decimal string", name, why),
			"the row's events are read all the same")
	}
}

// normandyAdded reports whether items past n (of which skipped were
// skipped records) hold anything but skipped records.
func normandyAdded(x *lint.Extraction, n, skipped int) bool {
	return x.Len()-n > x.Skipped()-skipped
}

// tableLoc maps the places an adapter's locator gives for the tuple or
// Glean event rebuilt from a row to the row's own members: a tuple's item
// N to the struct's fN_, and an extra key to its {"key", "value"} item.
type tableLoc struct {
	inner lint.Locator
	// from is the pointer the inner locator gives the extra object
	// (base/5 for a tuple, base/extra for a Glean event); to is where the
	// row holds it.
	from, to string
	// keys are the extras' keys in list order; nil when the row gave the
	// extra as an object (or none).
	keys []string
	// tuple is the struct's pointer when the inner locator places a tuple
	// there ("" for a Glean event).
	tuple    string
	isTuple  bool
	hasExtra bool
}

// relocate, when the event came from a table row, puts a tableLoc in
// front of the record's locator.
func (c *tupleContext) relocate(r *lint.Record) {
	if c.row == nil {
		return
	}
	l := *c.row
	l.inner = r.Loc
	r.Loc = &l
}

// Locate implements lint.Locator.
func (l *tableLoc) Locate(canonical string, key bool) lint.Location {
	return l.fix(l.inner.Locate(canonical, key))
}

// Container implements lint.Locator.
func (l *tableLoc) Container(canonical, key string) lint.Location {
	return l.fix(l.inner.Container(canonical, key))
}

func (l *tableLoc) fix(loc lint.Location) lint.Location {
	p := loc.Pointer
	if l.hasExtra && (p == l.from || strings.HasPrefix(p, l.from+"/")) {
		rest := p[len(l.from):]
		switch {
		case l.keys == nil:
			loc.Pointer = l.to + rest
		case rest == "":
			loc.Pointer = l.to
		default:
			tok, tail, _ := strings.Cut(rest[1:], "/")
			name := lint.SplitPointer("/" + tok)[0]
			i := indexOf(l.keys, name)
			switch {
			case i < 0:
				loc.Pointer = l.to
			case loc.Key && tail == "":
				loc.Pointer, loc.Key = lint.IndexPointer(l.to, i)+"/key", false
			default:
				loc.Pointer = lint.IndexPointer(l.to, i) + "/value"
				if tail != "" {
					loc.Pointer += "/" + tail
				}
			}
		}
		return loc
	}
	if l.isTuple && strings.HasPrefix(p, l.tuple+"/") {
		tok, tail, _ := strings.Cut(p[len(l.tuple)+1:], "/")
		if n, err := strconv.Atoi(tok); err == nil && n >= 0 && n <= 5 {
			loc.Pointer = l.tuple + "/f" + tok + "_"
			if tail != "" {
				loc.Pointer += "/" + tail
			}
		}
	}
	return loc
}

func indexOf(keys []string, name string) int {
	for i, k := range keys {
		if k == name {
			return i
		}
	}
	return -1
}
