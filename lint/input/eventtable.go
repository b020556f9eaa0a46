package input

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// EventTable reads a row of the legacy event ping table as BigQuery
// exports it (telemetry.event, telemetry_stable.event_v4): the ping's
// columns in snake_case beside submission_timestamp and metadata, and
// payload.events mapping each process to a list of structs {f0_, ..., f5_}
// (timestamp, category, method, object, value, and the extras as a list of
// {"key", "value"} structs), with the INT64 f0_ written as a string. It is
// never a ping as Firefox submitted it: the pipeline accepted it already.
type EventTable struct{}

// Name implements lint.Adapter.
func (EventTable) Name() string { return "event-table" }

// Describe implements lint.Adapter.
func (EventTable) Describe() string {
	return `a row of the legacy event ping table ({"submission_timestamp", "metadata", "client_id", "payload": {"events": {"parent": [{"f0_": "81234", "f1_": "normandy", ...}]}}, ...})`
}

// Detect implements lint.Adapter. A row keeps the ping's "type" column; a
// ping as submitted has neither the pipeline's columns nor struct events.
// Without a type, payload.events says it is an event ping's row.
func (EventTable) Detect(v any) bool {
	o, ok := v.(*lint.Object)
	if !ok || o.Has("event_category") {
		return false
	}
	events, hasEvents := payloadEvents(o)
	if !o.Has("type") {
		return hasEvents
	}
	if typ, ok := o.String("type"); !ok || typ != "event" {
		return false
	}
	return isTableRow(o) || hasStructEvent(events)
}

// Skim implements lint.Skimmer: whether the events are structs is only
// seen decoded.
func (EventTable) Skim(s *lint.Skimmed) lint.Verdict {
	switch {
	case s.Has("event_category"):
		return lint.Verdict{}
	case s.Has("type") && !s.Is("type", "event"):
		return lint.Verdict{}
	case s.Has("type") && skimTableRow(s):
		return lint.Verdict{Mine: true, Decode: true}
	case s.Kind("payload") == '{':
		return lint.Verdict{Decode: true}
	}
	return lint.Verdict{}
}

// payloadEvents returns payload.events, and whether there is one.
func payloadEvents(o *lint.Object) (any, bool) {
	p, _ := o.Get("payload")
	po, ok := p.(*lint.Object)
	if !ok {
		return nil, false
	}
	return po.Get("events")
}

// hasStructEvent reports whether a process's list holds an event struct
// (an object with the struct's f0_ or f1_: an event ping's list may hold
// an object that is a broken event, which does not make it a row).
func hasStructEvent(events any) bool {
	procs, ok := events.(*lint.Object)
	if !ok {
		return false
	}
	for _, list := range procs.Values {
		l, _ := list.([]any)
		for _, e := range l {
			if o, ok := e.(*lint.Object); ok && (o.Has("f0_") || o.Has("f1_")) {
				return true
			}
		}
	}
	return false
}

// Extract implements lint.Adapter. A row without payload.events holds no
// events (the export left the column out); one of another shape cannot be
// read.
func (a EventTable) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	defer x.SetContext(x.Len(), (*eventTableCtx)(o))
	ctx := tupleContext{}
	ctx.clientID, _ = o.String("client_id")
	for _, col := range []string{"creation_date", "submission_timestamp"} {
		if s, ok := o.String(col); ok {
			if t, err := parseTimestamp(s); err == nil {
				ctx.time, ctx.hasTime = t.UnixMilli(), true
				break
			}
		}
	}
	events, ok := payloadEvents(o)
	if !ok {
		return
	}
	n, skipped := x.Len(), x.Skipped()
	switch procs := events.(type) {
	case nil:
	case *lint.Object:
		for i, proc := range procs.Names {
			pctx := ctx
			pctx.process = proc
			a.extractList(procs.Values[i], lint.JoinPointer("/payload/events", proc), pctx, x)
		}
	default:
		x.Malformed(a.Name(), "/payload/events", false,
			fmt.Sprintf("payload.events is %s; expected a struct with a list of event structs per process", lint.Describe(events)), "")
	}
	if normandyAdded(x, n, skipped) {
		checkInt64(o, "sample_id", "", a.Name(), x)
	}
}

// extractList reads one process's list of event structs (null, as BigQuery
// may write an empty repeated column, holds none).
func (a EventTable) extractList(v any, base string, ctx tupleContext, x *lint.Extraction) {
	if v == nil {
		return
	}
	list, ok := v.([]any)
	if !ok {
		x.Malformed(a.Name(), base, false, fmt.Sprintf("a process's events are %s; expected a list of event structs {f0_, ..., f5_}", lint.Describe(v)), "")
		return
	}
	var prev *lint.Neighbor
	for i, e := range list {
		ptr := lint.IndexPointer(base, i)
		ev, ok := e.(*lint.Object)
		if !ok {
			x.Malformed(a.Name(), ptr, false, fmt.Sprintf("an event is %s; expected a struct {f0_: timestamp, f1_: category, f2_: method, f3_: object, f4_: value, f5_: extras}", lint.Describe(e)), "")
			prev = nil
			continue
		}
		t, ts, ok := a.tuple(ev, ptr, &ctx, x)
		if !ok {
			prev = nil
			continue
		}
		ectx := ctx
		ectx.prev = prev
		extractTuple(t, a.Name(), ptr, ectx, x)
		prev = neighbor(ts, ptr+"/f0_")
	}
}

// tuple rebuilds the event tuple a struct was made from, and sets ctx.row
// to locate its records in the struct.
func (a EventTable) tuple(ev *lint.Object, ptr string, ctx *tupleContext, x *lint.Extraction) ([]any, any, bool) {
	cat, _ := ev.Get("f1_")
	if _, ok := cat.(string); !ok {
		x.Malformed(a.Name(), ptr+"/f1_", false, fmt.Sprintf("an event's f1_ is the category; found %s, expected a string", lint.Describe(cat)), "")
		return nil, nil, false
	}
	extra, keys, ok := kvExtra(get(ev, "f5_"), a.Name(), ptr+"/f5_", x)
	if !ok {
		return nil, nil, false
	}
	ts := int64Column(get(ev, "f0_"))
	t := []any{ts, cat, get(ev, "f2_"), get(ev, "f3_")}
	value, hasValue := ev.Get("f4_")
	if extra != nil || hasValue && value != nil {
		t = append(t, value)
	}
	if extra != nil {
		t = append(t, extra)
	}
	ctx.row = &tableLoc{from: ptr + "/5", to: ptr + "/f5_", keys: keys, tuple: ptr, isTuple: true, hasExtra: extra != nil}
	return t, ts, true
}

// get returns a member's value, nil when it is absent.
func get(o *lint.Object, name string) any {
	v, _ := o.Get(name)
	return v
}
