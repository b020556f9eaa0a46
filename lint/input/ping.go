package input

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// isPing recognizes a Telemetry ping envelope: a "type" string beside the
// envelope's usual members.
func isPing(v any) (string, bool) {
	o, ok := v.(*lint.Object)
	if !ok {
		return "", false
	}
	typ, ok := o.String("type")
	if !ok {
		return "", false
	}
	for _, k := range []string{"payload", "application", "creationDate", "id", "version", "clientId"} {
		if o.Has(k) {
			return typ, true
		}
	}
	return "", false
}

// EventPing reads the legacy Telemetry "event" ping (Firefox 62 and later):
// payload.events maps each process to a list of event tuples.
type EventPing struct{}

// Name implements lint.Adapter.
func (EventPing) Name() string { return "event-ping" }

// Describe implements lint.Adapter.
func (EventPing) Describe() string {
	return `a legacy Telemetry event ping ({"type": "event", "payload": {"events": {...}}})`
}

// Detect implements lint.Adapter.
func (EventPing) Detect(v any) bool {
	typ, ok := isPing(v)
	return ok && typ == "event"
}

// Extract implements lint.Adapter.
func (a EventPing) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	// The ping's envelope is checked once, with its first Normandy record.
	defer x.SetEnvelope(x.Len(), &lint.Envelope{Format: a.Name(), Value: o})
	defer x.SetContext(x.Len(), (*pingCtx)(o))
	ctx := pingContext(o)
	payload, ok := o.Get("payload")
	if !ok {
		x.Malformed(a.Name(), "", false, "an event ping without a payload: expected payload.events with the event lists of each process", "")
		return
	}
	p, ok := payload.(*lint.Object)
	if !ok {
		x.Malformed(a.Name(), "/payload", false, fmt.Sprintf("an event ping's payload is %s; expected an object", lint.Describe(payload)), "")
		return
	}
	events, ok := p.Get("events")
	if !ok {
		x.Malformed(a.Name(), "/payload", false, "an event ping's payload has no events: expected payload.events with the event lists of each process", "")
		return
	}
	procs, ok := events.(*lint.Object)
	if !ok {
		x.Malformed(a.Name(), "/payload/events", false, fmt.Sprintf("payload.events is %s; expected an object mapping each process to its list of events", lint.Describe(events)), "")
		return
	}
	for i, proc := range procs.Names {
		base := lint.JoinPointer("/payload/events", proc)
		pctx := ctx
		pctx.process = proc
		extractEventList(procs.Values[i], a.Name(), base, pctx, x)
	}
}

// extractEventList reads a process's list of event tuples.
func extractEventList(v any, format, base string, ctx tupleContext, x *lint.Extraction) {
	list, ok := v.([]any)
	if !ok {
		x.Malformed(format, base, false, fmt.Sprintf("a process's events are %s; expected a list of event tuples", lint.Describe(v)), "")
		return
	}
	var prev *lint.Neighbor
	for i, e := range list {
		ptr := lint.IndexPointer(base, i)
		t, ok := e.([]any)
		if !ok || !isTupleShape(t) {
			x.Malformed(format, ptr, false, fmt.Sprintf("an event is %s; expected a tuple [timestamp, category, method, object, value, extra]", lint.Describe(e)), "")
			prev = nil
			continue
		}
		ectx := ctx
		ectx.prev = prev
		extractTuple(t, format, ptr, ectx, x)
		prev = neighbor(t[0], ptr+"/0")
	}
}

// TelemetryPing recognizes Telemetry pings of every other type: they are
// valid input that simply holds no Normandy records (a later adapter placed
// before this one reads the types that do).
type TelemetryPing struct{}

// Name implements lint.Adapter.
func (TelemetryPing) Name() string { return "telemetry-ping" }

// Describe implements lint.Adapter.
func (TelemetryPing) Describe() string { return "a Telemetry ping" }

// Detect implements lint.Adapter.
func (TelemetryPing) Detect(v any) bool {
	_, ok := isPing(v)
	return ok
}

// Extract implements lint.Adapter.
func (TelemetryPing) Extract(any, *lint.Extraction) {}
