package input

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/normlint/normlint/lint"
)

// Glean reads a Glean ping (ping_info, client_info, events): since Firefox
// 132 Normandy's events arrive this way. Category "normandy" names its
// events "<method_snake>_<object>" and carries the value in extra.value;
// uptake is category "uptake.remotecontent.result", name "uptake_normandy".
type Glean struct{}

// Name implements lint.Adapter.
func (Glean) Name() string { return "glean" }

// Describe implements lint.Adapter.
func (Glean) Describe() string {
	return `a Glean ping ({"ping_info": {...}, "client_info": {...}, "events": [...]})`
}

// Detect implements lint.Adapter. An events_stream row carries its ping's
// ping_info and client_info too, but a ping never has an event_category
// of its own: such a row is the bigquery adapter's.
func (Glean) Detect(v any) bool {
	o, ok := v.(*lint.Object)
	return ok && o.Has("ping_info") && o.Has("client_info") && !o.Has("event_category")
}

// Extract implements lint.Adapter.
func (a Glean) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	// The ping's envelope is checked once, with its first Normandy record.
	defer x.SetEnvelope(x.Len(), &lint.Envelope{Format: a.Name(), Value: o})
	defer x.SetContext(x.Len(), (*gleanCtx)(o))
	ctx := tupleContext{process: "events", atPlusOffset: true}
	ctx.at = gleanStart(o)
	if ci, ok := o.Get("client_info"); ok {
		if cio, ok := ci.(*lint.Object); ok {
			ctx.clientID, _ = cio.String("client_id")
		}
	}
	events, ok := o.Get("events")
	if !ok {
		return // a Glean ping without events (metrics, baseline, ...)
	}
	list, ok := events.([]any)
	if !ok {
		x.Malformed(a.Name(), "/events", false, fmt.Sprintf("events is %s; expected a list of Glean events", lint.Describe(events)), "")
		return
	}
	var prev *lint.Neighbor
	for i, e := range list {
		ptr := lint.IndexPointer("/events", i)
		ev, ok := e.(*lint.Object)
		if !ok {
			x.Malformed(a.Name(), ptr, false, fmt.Sprintf("a Glean event is %s; expected an object with timestamp, category, name and extra", lint.Describe(e)), "")
			prev = nil
			continue
		}
		ectx := ctx
		ectx.prev = prev
		extractGleanEvent(ev, a.Name(), ptr, ectx, x)
		ts, _ := ev.Get("timestamp")
		prev = neighbor(ts, ptr+"/timestamp")
	}
}

func extractGleanEvent(ev *lint.Object, format, base string, ctx tupleContext, x *lint.Extraction) {
	catV, _ := ev.Get("category")
	cat, ok := catV.(string)
	if !ok {
		x.Malformed(format, base+"/category", false, fmt.Sprintf("a Glean event's category is %s; expected a string", lint.Describe(catV)), "")
		return
	}
	name, _ := ev.String("name")
	extraV, hasExtra := ev.Get("extra")
	g := gleanEvent{
		format: format, category: cat, name: name,
		base: base, nameRel: "/name", extra: extraV, hasExtra: hasExtra && extraV != nil,
		extraRel: "/extra", ctx: ctx,
	}
	if ts, ok := ev.Get("timestamp"); ok {
		g.timestamp, g.hasTimestamp, g.timestampRel = ts, true, "/timestamp"
	}
	g.extract(x)
}

// gleanEvent is what a Glean event and a Glean export row have in common:
// a category, a "<method>_<object>" name and an extra object holding the
// value. Export rows may hold the extra as a JSON string (extraNote).
type gleanEvent struct {
	format   string
	category string
	name     string
	// base is the event's pointer; the name, extra and timestamp are at
	// base + their Rel (joined only for a finding).
	base         string
	nameRel      string
	extra        any
	hasExtra     bool
	extraRel     string
	extraNote    string // set when extra was decoded from a JSON string
	timestamp    any
	hasTimestamp bool
	timestampRel string
	// nullTime: a BigQuery row's event_timestamp is null (its
	// timestampRel is then set, whether or not the row has a time).
	nullTime bool
	// retyped: the extras went through the events_stream query, which
	// turns numeric and boolean strings into numbers and booleans (and,
	// in its older form, "null" into null).
	retyped bool
	ctx     tupleContext
}

// readBack is an extra value as the record holds it: a value the
// events_stream query re-typed is read back as a string (its canonical
// pointer, parent joined with name, noted in r.Retyped, and only then
// built); any other value as it is.
func (g *gleanEvent) readBack(r *lint.Record, parent, name string, v any) lint.Field {
	if !g.retyped {
		return lint.AnyField(v)
	}
	var s string
	switch t := v.(type) {
	case float64:
		s = strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		s = strconv.FormatBool(t)
	case nil:
		s = "null"
	default:
		return lint.AnyField(v)
	}
	r.Retyped = append(r.Retyped, lint.JoinPointer(parent, name))
	return lint.StrField(s)
}

func (g *gleanEvent) extract(x *lint.Extraction) {
	switch {
	case g.category == categoryNormandy:
	case g.category == categoryUptake && g.name == "uptake_normandy":
	default:
		x.Skip(g.format) // another category, or uptake of another component
		return
	}
	var extra *lint.Object
	if g.hasExtra {
		o, ok := g.extra.(*lint.Object)
		if !ok {
			x.Malformed(g.format, g.base+g.extraRel, false, fmt.Sprintf("extra is %s; expected an object of string values", lint.Describe(g.extra)), "")
			return
		}
		extra = o
	}
	kind := lint.KindUptake
	if g.category == categoryNormandy {
		kind = lint.KindEvent
	}
	r := &lint.Record{Kind: kind, Format: g.format, Glean: true, ClientID: g.ctx.clientID, Process: g.ctx.process, At: g.ctx.at}
	if off, ok := g.timestamp.(float64); ok && g.ctx.atPlusOffset && g.ctx.at != 0 && off >= 0 && off < 1<<40 {
		r.At += int64(off)
	}
	valueKey := "value"
	if g.category == categoryUptake {
		valueKey = "status"
	}
	if extra != nil {
		for i, k := range extra.Names {
			v := extra.Values[i]
			switch {
			case k == "value":
				r.Set(valueKey, g.readBack(r, "", valueKey, v))
			case k == "source" && g.category == categoryUptake:
				r.Source = g.readBack(r, "", "source", v)
			default:
				r.SetExtra(k, g.readBack(r, "/extra", k, v))
			}
		}
	}
	if g.hasTimestamp {
		r.Time = lint.AnyField(g.timestamp)
	}
	r.NullTime = g.nullTime
	if g.ctx.clientID != "" {
		r.Client = lint.StrField(g.ctx.clientID)
	}
	if g.category == categoryNormandy {
		method, object := splitGleanName(g.name)
		r.Category = lint.StrField(categoryNormandy)
		r.Method = lint.StrField(method)
		r.Object = lint.StrField(object)
	}
	r.Loc = &gleanLoc{fieldLoc: fieldLoc{mode: locGlean, base: g.base, hasExtra: extra != nil,
		glean: gleanPlaces{nameRel: g.nameRel, extraRel: g.extraRel, timestampRel: g.timestampRel, hasTimestamp: g.hasTimestamp, uptake: g.category == categoryUptake}},
		note: g.extraNote, name: g.name}
	withTime(r, g.timestamp)
	r.Prev = g.ctx.prev
	g.ctx.relocate(r)
	x.Record(r)
}

// gleanLoc adds two things to fieldLoc: the method and object both live in
// the event's name (said in the message), and extras decoded from a JSON
// string are located at that string.
type gleanLoc struct {
	fieldLoc
	note string
	name string
}

// Locate implements lint.Locator.
func (l *gleanLoc) Locate(canonical string, key bool) lint.Location {
	loc := l.fieldLoc.Locate(canonical, key)
	head, _ := splitHead(canonical)
	switch {
	case head == "method" || head == "object":
		loc.Note = fmt.Sprintf("Glean event name %s", lint.Quote(l.name))
	case l.note != "" && (head == "extra" || head == "value" || head == "status" || head == "source"):
		inner := canonical
		switch head {
		case "extra":
			inner = strings.TrimPrefix(canonical, "/extra")
		case "status":
			inner = "/value"
		}
		extra, _ := l.extraPlace()
		loc = lint.Location{Pointer: extra, Note: fmt.Sprintf("inside the JSON string %s, at %s", l.note, inner)}
	}
	return loc
}

// Container implements lint.Locator.
func (l *gleanLoc) Container(canonical, key string) lint.Location {
	loc := l.fieldLoc.Container(canonical, key)
	if extra, _ := l.extraPlace(); l.note != "" && loc.Pointer == extra {
		loc.Note = "inside the JSON string " + l.note
	}
	return loc
}

// gleanMethods maps the snake_case method prefixes of Glean metric names to
// the legacy camelCase methods, longest first so that "enroll_failed_..."
// is not read as "enroll".
var gleanMethods = []struct{ snake, camel string }{
	{"validation_failed", "validationFailed"},
	{"exp_pref_changed", "expPrefChanged"},
	{"unenroll_failed", "unenrollFailed"},
	{"enroll_failed", "enrollFailed"},
	{"update_failed", "updateFailed"},
	{"unenroll", "unenroll"},
	{"graduate", "graduate"},
	{"enroll", "enroll"},
	{"update", "update"},
	{"expose", "expose"},
}

// splitGleanName maps "enroll_failed_addon_study" to ("enrollFailed",
// "addon_study"). A name with no known method prefix keeps its whole name as
// the method, which the schema then reports as an unknown event.
func splitGleanName(name string) (method, object string) {
	for _, m := range gleanMethods {
		if rest, ok := strings.CutPrefix(name, m.snake+"_"); ok {
			return m.camel, rest
		}
	}
	return name, ""
}

// gleanStart reads a Glean ping's ping_info.start_time (Glean writes it to
// the minute, "2026-11-01T10:00+01:00"), in milliseconds since the epoch;
// 0 when there is none.
func gleanStart(o *lint.Object) int64 {
	pi, ok := o.Get("ping_info")
	if !ok {
		return 0
	}
	pio, ok := pi.(*lint.Object)
	if !ok {
		return 0
	}
	s, ok := pio.String("start_time")
	if !ok {
		return 0
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli()
		}
	}
	return 0
}
