package input

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// GleanTable reads a row of a Glean ping's stable or live table as
// BigQuery exports it (firefox_desktop_stable.events_v1 and the other
// ping tables): the whole ping, its client_info, ping_info and events,
// beside the pipeline's submission_timestamp, metadata, document_id,
// normalized_* and sample_id; each event's extra is a list of
// {"key", "value"} structs, and the INT64 timestamp, seq and sample_id
// are written as strings. It is never a ping as the Glean SDK submitted
// it: the pipeline accepted it already.
type GleanTable struct{}

// Name implements lint.Adapter.
func (GleanTable) Name() string { return "glean-table" }

// Describe implements lint.Adapter.
func (GleanTable) Describe() string {
	return `a row of a Glean ping table ({"submission_timestamp", "metadata", "client_info", "ping_info", "events": [{"category", "name", "timestamp": "0", "extra": [{"key", "value"}]}], ...})`
}

// Detect implements lint.Adapter: a Glean ping's sections beside the
// pipeline's columns, or events that only a table holds: an extra as a
// key/value list, or every timestamp an INT64 written as a string (one
// string among numbers is a broken ping, which the pipeline would reject,
// not a row). An events_stream row has an event_category of its own: the
// bigquery adapter's.
func (GleanTable) Detect(v any) bool {
	o, ok := v.(*lint.Object)
	if !ok || o.Has("event_category") || !o.Has("ping_info") && !o.Has("client_info") {
		return false
	}
	if isTableRow(o) {
		return true
	}
	events, _ := o.Get("events")
	list, _ := events.([]any)
	allStrings := len(list) > 0
	for _, e := range list {
		ev, ok := e.(*lint.Object)
		if !ok {
			allStrings = false
			continue
		}
		if extra, _ := ev.Get("extra"); isList(extra) {
			return true
		}
		ts, _ := ev.Get("timestamp")
		if _, ok := ts.(string); !ok {
			allStrings = false
		}
	}
	return allStrings
}

func isList(v any) bool {
	_, ok := v.([]any)
	return ok
}

// Skim implements lint.Skimmer: a row without events holds no records;
// without the pipeline's columns, only the decoded events tell a row from
// a ping.
func (GleanTable) Skim(s *lint.Skimmed) lint.Verdict {
	switch {
	case s.Has("event_category") || !s.Has("ping_info") && !s.Has("client_info"):
		return lint.Verdict{}
	case skimTableRow(s):
		return lint.Verdict{Mine: true, Decode: s.Has("events")}
	case s.Kind("events") == '[':
		return lint.Verdict{Decode: true}
	}
	return lint.Verdict{}
}

// Extract implements lint.Adapter.
func (a GleanTable) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	defer x.SetContext(x.Len(), (*gleanTableCtx)(o))
	ctx := tupleContext{process: "events"}
	ci, _ := o.Get("client_info")
	if cio, ok := ci.(*lint.Object); ok {
		ctx.clientID, _ = cio.String("client_id")
	}
	events, _ := o.Get("events")
	if events == nil {
		return // a ping without events, or an export without the column
	}
	list, ok := events.([]any)
	if !ok {
		x.Malformed(a.Name(), "/events", false, fmt.Sprintf("events is %s; expected a list of event structs", lint.Describe(events)), "")
		return
	}
	n, skipped := x.Len(), x.Skipped()
	var prev *lint.Neighbor
	for i, e := range list {
		ptr := lint.IndexPointer("/events", i)
		ev, ok := e.(*lint.Object)
		if !ok {
			x.Malformed(a.Name(), ptr, false, fmt.Sprintf("a Glean event is %s; expected a struct with timestamp, category, name and extra", lint.Describe(e)), "")
			prev = nil
			continue
		}
		ectx := ctx
		ectx.prev = prev
		a.extractEvent(ev, ptr, ectx, x)
		ts := int64Column(get(ev, "timestamp"))
		prev = neighbor(ts, ptr+"/timestamp")
	}
	if normandyAdded(x, n, skipped) {
		if pi, ok := o.Get("ping_info"); ok {
			if pio, ok := pi.(*lint.Object); ok {
				checkInt64(pio, "seq", "/ping_info", a.Name(), x)
			}
		}
		checkInt64(o, "sample_id", "", a.Name(), x)
	}
}

// extractEvent reads one event struct as the Glean event it was.
func (a GleanTable) extractEvent(ev *lint.Object, base string, ctx tupleContext, x *lint.Extraction) {
	catV, _ := ev.Get("category")
	cat, ok := catV.(string)
	if !ok {
		x.Malformed(a.Name(), base+"/category", false, fmt.Sprintf("a Glean event's category is %s; expected a string", lint.Describe(catV)), "")
		return
	}
	name, _ := ev.String("name")
	g := gleanEvent{format: a.Name(), category: cat, name: name, base: base, nameRel: "/name", extraRel: "/extra"}
	if cat == categoryNormandy || cat == categoryUptake && name == "uptake_normandy" {
		extra, keys, ok := kvExtra(get(ev, "extra"), a.Name(), base+"/extra", x)
		if !ok {
			return
		}
		g.extra, g.hasExtra = extra, extra != nil
		ctx.row = &tableLoc{from: base + "/extra", to: base + "/extra", keys: keys, hasExtra: extra != nil}
	}
	if ts, ok := ev.Get("timestamp"); ok {
		g.timestamp, g.hasTimestamp, g.timestampRel = int64Column(ts), true, "/timestamp"
	}
	g.ctx = ctx
	g.extract(x)
}
