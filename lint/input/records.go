package input

import (
	"fmt"
	"math"
	"strings"

	"github.com/normlint/normlint/lint"
)

// Normandy's telemetry names.
const (
	categoryNormandy = "normandy"
	categoryUptake   = "uptake.remotecontent.result"
	methodUptake     = "uptake"
	objectNormandy   = "normandy"
)

// Records reads the hand-writable forms: an event record
// {"category", "method", "object", "value", "extra", "timestamp",
// "client_id"}, an uptake record {"source", "status", ...}, and an event
// tuple [timestamp, category, method, object, value, extra] as Firefox
// serializes it.
type Records struct{}

// Name implements lint.Adapter.
func (Records) Name() string { return "records" }

// Describe implements lint.Adapter.
func (Records) Describe() string {
	return `a record ({"category", "method", "object", ...} or {"source", "status"}) or an event tuple ([timestamp, category, method, object, value, extra])`
}

// Detect implements lint.Adapter.
func (Records) Detect(v any) bool {
	switch v := v.(type) {
	case *lint.Object:
		return isRecordObject(v)
	case []any:
		return isTupleShape(v)
	}
	return false
}

func isRecordObject(o *lint.Object) bool {
	if o.Has("type") || o.Has("payload") {
		return false // an envelope, not a record
	}
	return o.Has("category") || o.Has("source") || o.Has("status")
}

// isTupleShape accepts any array whose second item is a string: the
// category decides whether it is Normandy's, and only then is its shape
// judged (a wrong-length tuple of another category is not ours to flag).
func isTupleShape(a []any) bool {
	if len(a) < 2 {
		return false
	}
	_, ok := a[1].(string)
	return ok
}

// Extract implements lint.Adapter.
func (Records) Extract(v any, x *lint.Extraction) {
	switch v := v.(type) {
	case *lint.Object:
		extractRecordObject(v, "records", "", x)
	case []any:
		extractTuple(v, "records", "", tupleContext{}, x)
	}
}

func extractRecordObject(o *lint.Object, format, base string, x *lint.Extraction) {
	clientID, _ := o.String("client_id")
	if !o.Has("category") {
		extractUptakeRecord(o, format, base, clientID, x)
		return
	}
	catV, _ := o.Get("category")
	cat, ok := catV.(string)
	if !ok {
		x.Malformed(format, base+"/category", false,
			fmt.Sprintf("the record's category is %s; expected a string such as \"normandy\"", lint.Describe(catV)), "")
		return
	}
	switch cat {
	case categoryNormandy:
		r := newRecord(lint.KindEvent, format, clientID, fieldLoc{mode: locRecord, obj: o, base: base})
		setMembers(r, o)
		x.Record(withTime(r, r.Time.Raw))
	case categoryUptake:
		method, _ := o.String("method")
		object, _ := o.String("object")
		if method != methodUptake || object != objectNormandy {
			x.Skip(format)
			return
		}
		r := newRecord(lint.KindUptake, format, clientID, fieldLoc{mode: locUptakeEvent, obj: o, base: base})
		for i, n := range o.Names {
			switch n {
			case "category", "method", "object":
			case "value":
				r.Set("status", lint.AnyField(o.Values[i]))
			case "extra":
				splitUptakeExtra(o.Values[i], r)
			default:
				r.Set(n, lint.AnyField(o.Values[i]))
			}
		}
		x.Record(withTime(r, r.Time.Raw))
	default:
		x.Skip(format)
	}
}

// recordAndLoc allocates a record and its locator at once.
type recordAndLoc struct {
	rec lint.Record
	loc fieldLoc
}

// newRecord makes a record located by loc.
func newRecord(kind lint.Kind, format, clientID string, loc fieldLoc) *lint.Record {
	rl := &recordAndLoc{rec: lint.Record{Kind: kind, Format: format, ClientID: clientID}, loc: loc}
	rl.rec.Loc = &rl.loc
	return &rl.rec
}

// setMembers sets every member of a record object as a canonical member;
// a null extra is none.
func setMembers(r *lint.Record, o *lint.Object) {
	for i, n := range o.Names {
		if n == "extra" && o.Values[i] == nil {
			continue
		}
		r.Set(n, lint.AnyField(o.Values[i]))
	}
}

// splitUptakeExtra moves an uptake event's extra.source to the canonical
// "source" and keeps the other extras under "extra".
func splitUptakeExtra(e any, r *lint.Record) {
	obj, ok := e.(*lint.Object)
	if !ok {
		if e != nil {
			r.Set("extra", lint.AnyField(e))
		}
		return
	}
	for i, n := range obj.Names {
		if n == "source" {
			r.Set("source", lint.AnyField(obj.Values[i]))
			continue
		}
		r.SetExtra(n, lint.AnyField(obj.Values[i]))
	}
}

func extractUptakeRecord(o *lint.Object, format, base, clientID string, x *lint.Extraction) {
	if src, ok := o.String("source"); ok && !strings.HasPrefix(src, "normandy") {
		x.Skip(format) // uptake of another component
		return
	}
	r := newRecord(lint.KindUptake, format, clientID, fieldLoc{mode: locUptakeRecord, obj: o, base: base})
	setMembers(r, o)
	x.Record(withTime(r, r.Time.Raw))
}

// tupleContext is what an envelope knows about its tuples.
type tupleContext struct {
	clientID string
	process  string
	// time is the ping's creation time (epoch ms), for records that carry
	// none of their own.
	time    int64
	hasTime bool
	// at is the envelope's time (lint.Record.At); with atPlusOffset, the
	// start that a Glean event's timestamp counts from.
	at           int64
	atPlusOffset bool
	// prev is the event before this one in its list, if any.
	prev *lint.Neighbor
	// row, for an event rebuilt from a table row, locates its record in
	// the row (relocate).
	row *tableLoc
}

// extractTuple reads [timestamp, category, method, object, value?, extra?].
func extractTuple(a []any, format, base string, ctx tupleContext, x *lint.Extraction) {
	cat, ok := a[1].(string)
	if !ok {
		x.Malformed(format, base+"/1", false,
			fmt.Sprintf("an event tuple's second item is the category; found %s, expected a string", lint.Describe(a[1])), "")
		return
	}
	uptake := cat == categoryUptake
	if len(a) < 4 || len(a) > 6 {
		// Not an event tuple of any category: say so once, and read the
		// records it holds, so that none is lost with it.
		msg := fmt.Sprintf("an event tuple has 4 to 6 items ([timestamp, category, method, object, value, extra]); this one has %d", len(a))
		hint := ""
		if base == "" {
			msg += ": an array that starts with a number and a string is read as one tuple, not as a list of records"
			hint = "write one event per tuple; the records it holds are checked all the same"
		}
		x.Malformed(format, base, false, msg, hint)
		extractNested(a, format, base, ctx, x)
		return
	}
	if cat != categoryNormandy && !uptake {
		if why := tupleShapeProblem(a); why != "" {
			x.Malformed(format, base, false,
				fmt.Sprintf("an event tuple of category %s is not well-formed: %s; Firefox never writes one", lint.Quote(cat), why), "")
			extractNested(a, format, base, ctx, x)
			return
		}
		x.Skip(format)
		return
	}
	if uptake && (a[2] != methodUptake || a[3] != objectNormandy) {
		if why := tupleShapeProblem(a); why != "" {
			x.Malformed(format, base, false,
				fmt.Sprintf("an event tuple of category %s is not well-formed: %s; Firefox never writes one", lint.Quote(cat), why), "")
			extractNested(a, format, base, ctx, x)
			return
		}
		x.Skip(format) // uptake of another component
		return
	}
	kind := lint.KindEvent
	if uptake {
		kind = lint.KindUptake
	}
	r := newRecord(kind, format, ctx.clientID, fieldLoc{mode: locTuple, tuple: a, base: base})
	r.At = ctx.at
	r.Process = ctx.process
	r.Time = lint.AnyField(a[0])
	var extra any
	if len(a) == 6 {
		extra = a[5]
	}
	if ctx.clientID != "" {
		r.Client = lint.StrField(ctx.clientID)
	}
	if uptake {
		if len(a) >= 5 {
			r.Status = lint.AnyField(a[4])
		}
		splitUptakeExtra(extra, r)
	} else {
		r.Category = lint.StrField(cat)
		r.Method = lint.AnyField(a[2])
		r.Object = lint.AnyField(a[3])
		if len(a) >= 5 {
			r.Value = lint.AnyField(a[4])
		}
		if extra != nil {
			r.SetExtraObject(lint.AnyField(extra))
		}
	}
	withTime(r, a[0])
	if !r.HasTimestamp && ctx.hasTime {
		r.Timestamp, r.HasTimestamp = ctx.time, true
	}
	r.Prev = ctx.prev
	ctx.relocate(r)
	x.Record(r)
}

// tupleShapeProblem says what makes a 4-to-6-item array of another
// category not an event tuple ("" when it is one): Firefox writes
// [integer, string, string, string, string or null, object or null].
func tupleShapeProblem(a []any) string {
	if _, ok := a[0].(float64); !ok {
		return "its timestamp is " + lint.Describe(a[0])
	}
	for i, what := range []string{"", "", "method", "object"} {
		if what == "" {
			continue
		}
		if _, ok := a[i].(string); !ok {
			return fmt.Sprintf("its %s is %s", what, lint.Describe(a[i]))
		}
	}
	if len(a) >= 5 {
		if _, ok := a[4].(string); !ok && a[4] != nil {
			return "its value is " + lint.Describe(a[4])
		}
	}
	if len(a) == 6 {
		if _, ok := a[5].(*lint.Object); !ok && a[5] != nil {
			return "its extra is " + lint.Describe(a[5])
		}
	}
	return ""
}

// extractNested reads the records held as items of an array that is not
// an event tuple: objects that are records, and arrays that are tuples.
func extractNested(a []any, format, base string, ctx tupleContext, x *lint.Extraction) {
	ctx.prev = nil
	for i, v := range a {
		ptr := lint.IndexPointer(base, i)
		switch v := v.(type) {
		case *lint.Object:
			if isRecordObject(v) {
				extractRecordObject(v, format, ptr, x)
			}
		case []any:
			if isTupleShape(v) {
				if _, num := v[0].(float64); num {
					extractTuple(v, format, ptr, ctx, x)
				}
			}
		}
	}
}

// neighbor describes an event of a list for the order check of the next.
func neighbor(ts any, ptr string) *lint.Neighbor {
	n := &lint.Neighbor{Pointer: ptr}
	if f, ok := ts.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		n.Timestamp, n.HasTimestamp = int64(f), true
	}
	return n
}

// withTime sets the record's timestamp from an integer JSON number.
func withTime(r *lint.Record, v any) *lint.Record {
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		r.Timestamp, r.HasTimestamp = int64(f), true
	}
	return r
}
