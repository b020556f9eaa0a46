package input

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/normlint/normlint/lint"
)

// BigQuery reads event rows as analysts export them from the telemetry
// tables, one JSON object per line: the legacy telemetry.events shape
// (event_category, event_method, event_object, event_string_value,
// event_map_values) and the Glean events_stream shape (event_category,
// event_name, event_extra).
type BigQuery struct{}

// Name implements lint.Adapter.
func (BigQuery) Name() string { return "bigquery" }

// Describe implements lint.Adapter.
func (BigQuery) Describe() string {
	return `an exported event row ({"event_category", "event_method", "event_object", ...} or {"event_category", "event_name", "event_extra", ...})`
}

// Detect implements lint.Adapter.
func (BigQuery) Detect(v any) bool {
	o, ok := v.(*lint.Object)
	return ok && o.Has("event_category") && (o.Has("event_method") || o.Has("event_name"))
}

// Extract implements lint.Adapter.
func (a BigQuery) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	ctx := tupleContext{}
	ctx.clientID, _ = o.String("client_id")
	if ts, ok := o.Get("event_timestamp"); ok {
		if f, ok := int64Column(ts).(float64); ok {
			ctx.time, ctx.hasTime = int64(f), true
		}
	}
	if s, ok := o.String("submission_timestamp"); ok {
		if t, err := parseTimestamp(s); err == nil {
			ctx.at = t.UnixMilli()
			if !ctx.hasTime {
				ctx.time, ctx.hasTime = ctx.at, true
			}
		}
	} else if s, ok := o.String("submission_date"); ok {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			ctx.at = t.UnixMilli()
		}
	}
	catV, _ := o.Get("event_category")
	cat, ok := catV.(string)
	if !ok {
		x.Malformed(a.Name(), "/event_category", false, fmt.Sprintf("event_category is %s; expected a string", lint.Describe(catV)), "")
		return
	}
	if o.Has("event_name") {
		a.extractStream(o, cat, ctx, x)
		return
	}
	a.extractLegacy(o, cat, ctx, x)
}

// int64Column reads an INT64 column as BigQuery writes it: its JSON export
// and `bq --format=json` write every INT64 as a decimal string ("81234"),
// which is the integer it spells. Any other value, and an integer a float64
// cannot hold exactly, is returned as it is, for the checks to judge.
func int64Column(v any) any {
	if s, ok := v.(string); ok {
		if f, ok := int64Text(s); ok {
			return f
		}
	}
	return v
}

// int64Text reads the text of an INT64 column written as a string: the
// integer it spells, when a float64 holds it exactly.
func int64Text(s string) (float64, bool) {
	if s == "" || s[0] == '+' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n >= 1<<53 || n <= -(1<<53) {
		return 0, false
	}
	return float64(n), true
}

// parseTimestamp reads BigQuery's timestamp renderings.
func parseTimestamp(s string) (time.Time, error) {
	if t, ok := parseUTCTimestamp(s); ok {
		return t, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 MST", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a timestamp: %q", s)
}

// parseUTCTimestamp reads the rendering exports hold most,
// "2025-01-15 09:31:02.123456 UTC", to the time the layout
// "2006-01-02 15:04:05.999999999 MST" reads it as, without trying the
// layouts before it. It declines every other spelling (a one-digit hour,
// a comma before the fraction, ten digits of it), which time.Parse reads.
func parseUTCTimestamp(s string) (time.Time, bool) {
	body, ok := strings.CutSuffix(s, " UTC")
	if !ok || len(body) < 19 || body[4] != '-' || body[7] != '-' || body[10] != ' ' || body[13] != ':' || body[16] != ':' {
		return time.Time{}, false
	}
	bad := false
	num := func(from, to int) int {
		n := 0
		for _, c := range []byte(body[from:to]) {
			if c < '0' || c > '9' {
				bad = true
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec := num(11, 13), num(14, 16), num(17, 19)
	nsec := 0
	if frac := body[19:]; frac != "" {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		nsec = num(20, len(body))
		for range 10 - len(frac) {
			nsec *= 10
		}
	}
	if bad || month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), true
}

// daysIn is the number of days of a month.
func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// extractStream reads a Glean events_stream row: the extra may be an object
// or a JSON string holding one. The events_stream query re-typed its
// values (numeric and boolean strings became numbers and booleans, and in
// its older form "null" became null): they are read back as strings.
func (a BigQuery) extractStream(o *lint.Object, cat string, ctx tupleContext, x *lint.Extraction) {
	name, _ := o.String("event_name")
	extraV, hasExtra := o.Get("event_extra")
	g := gleanEvent{
		format: a.Name(), category: cat, name: name, nameRel: "/event_name",
		extra: extraV, hasExtra: hasExtra && extraV != nil, extraRel: "/event_extra", ctx: ctx,
		retyped: true,
	}
	if s, ok := extraV.(string); ok && (cat == categoryNormandy || (cat == categoryUptake && name == "uptake_normandy")) {
		inner, err := lint.Decode([]byte(s))
		if err != nil {
			x.Malformed(a.Name(), "/event_extra", false, fmt.Sprintf("event_extra holds a string that is not a JSON object (%s)", lint.DescribeJSONError(err)),
				"event_extra is an object, or a JSON string holding one")
			return
		}
		g.extra, g.extraNote = inner, "event_extra"
	}
	if ctx.hasTime {
		g.timestamp, g.hasTimestamp = float64(ctx.time), true
	}
	if ts, ok := o.Get("event_timestamp"); ok && ts == nil {
		g.nullTime, g.timestampRel = true, "/event_timestamp"
	}
	g.extract(x)
}

// extractLegacy reads a telemetry.events row.
func (a BigQuery) extractLegacy(o *lint.Object, cat string, ctx tupleContext, x *lint.Extraction) {
	method, _ := o.Get("event_method")
	object, _ := o.Get("event_object")
	isUptake := cat == categoryUptake && method == methodUptake && object == objectNormandy
	if cat != categoryNormandy && !isUptake {
		x.Skip(a.Name())
		return
	}
	kind := lint.KindEvent
	if cat == categoryUptake {
		kind = lint.KindUptake
	}
	r := &lint.Record{Kind: kind, Format: a.Name(), ClientID: ctx.clientID, Timestamp: ctx.time, HasTimestamp: ctx.hasTime, At: ctx.at}
	loc := &rowLoc{fields: map[string]string{}, extraKeys: map[string]int{}}
	if mv, ok := o.Get("event_map_values"); ok && mv != nil {
		loc.hasExtra = true
		switch m := mv.(type) {
		case *lint.Object:
			loc.object = true
			for i, k := range m.Names {
				r.SetExtra(k, lint.AnyField(m.Values[i]))
			}
		case []any:
			for i, e := range m {
				pair, ok := e.(*lint.Object)
				k, kok := "", false
				if ok {
					k, kok = pair.String("key")
				}
				if !kok {
					x.Malformed(a.Name(), lint.IndexPointer("/event_map_values", i), false,
						fmt.Sprintf("event_map_values item %d is %s; expected {\"key\": name, \"value\": string}", i, describeEntry(e)), "")
					return
				}
				if _, dup := loc.extraKeys[k]; dup {
					x.Malformed(a.Name(), lint.IndexPointer("/event_map_values", i)+"/key", false,
						fmt.Sprintf("event_map_values repeats the key %s; an event's extras have unique keys", lint.Quote(k)), "")
					return
				}
				val, _ := pair.Get("value")
				r.SetExtra(k, lint.AnyField(val))
				loc.extraKeys[k] = i
			}
		default:
			x.Malformed(a.Name(), "/event_map_values", false,
				fmt.Sprintf("event_map_values is %s; expected a list of {\"key\", \"value\"} pairs or an object", lint.Describe(mv)), "")
			return
		}
	}
	if ts, ok := o.Get("event_timestamp"); ok {
		if ts == nil {
			r.NullTime = true
		} else {
			r.Time = lint.AnyField(int64Column(ts))
		}
		loc.fields["timestamp"] = "/event_timestamp"
	}
	if ctx.clientID != "" {
		r.Client = lint.StrField(ctx.clientID)
	}
	if cat == categoryUptake {
		if v, ok := o.Get("event_string_value"); ok {
			r.Status = lint.AnyField(v)
		}
		loc.fields["status"] = "/event_string_value"
		for i, e := range r.Extras {
			if e.Name == "source" {
				r.Source = e.Value
				r.Extras = append(r.Extras[:i], r.Extras[i+1:]...)
				break
			}
		}
		loc.uptake = true
	} else {
		r.Category = lint.StrField(cat)
		r.Method = lint.AnyField(method)
		r.Object = lint.AnyField(object)
		if v, ok := o.Get("event_string_value"); ok {
			r.Value = lint.AnyField(v)
		}
		loc.fields["category"] = "/event_category"
		loc.fields["method"] = "/event_method"
		loc.fields["object"] = "/event_object"
		loc.fields["value"] = "/event_string_value"
	}
	r.Loc = loc
	x.Record(r)
}

func describeEntry(e any) string {
	if o, ok := e.(*lint.Object); ok {
		if _, ok := o.Get("key"); !ok {
			return "an object without a key"
		}
		return "an object whose key is not a string"
	}
	return lint.Describe(e)
}

// rowLoc locates extras in event_map_values: a list of {"key", "value"}
// pairs (where a key's place is the pair's "key" string) or an object.
type rowLoc struct {
	fields    map[string]string
	hasExtra  bool
	object    bool
	extraKeys map[string]int
	uptake    bool
}

// extraLoc locates an extra key of the row.
func (l *rowLoc) extraLoc(name string, key bool) lint.Location {
	if !l.hasExtra {
		return lint.Location{}
	}
	if l.object {
		return lint.Location{Pointer: lint.JoinPointer("/event_map_values", name), Key: key}
	}
	i, ok := l.extraKeys[name]
	if !ok {
		return lint.Location{Pointer: "/event_map_values"}
	}
	pair := lint.IndexPointer("/event_map_values", i)
	if key {
		return lint.Location{Pointer: pair + "/key"}
	}
	return lint.Location{Pointer: pair + "/value"}
}

// Locate implements lint.Locator.
func (l *rowLoc) Locate(canonical string, key bool) lint.Location {
	toks := lint.SplitPointer(canonical)
	if len(toks) == 0 {
		return lint.Location{}
	}
	switch {
	case toks[0] == "extra" && len(toks) == 1:
		if !l.hasExtra {
			return lint.Location{}
		}
		return lint.Location{Pointer: "/event_map_values"}
	case toks[0] == "extra":
		loc := l.extraLoc(toks[1], key && len(toks) == 2)
		if len(toks) > 2 && loc.Pointer != "" {
			loc.Pointer = lint.JoinPointer(loc.Pointer, toks[2:]...)
		}
		return loc
	case toks[0] == "source" && l.uptake:
		return l.extraLoc("source", key)
	}
	if p, ok := l.fields[toks[0]]; ok {
		return lint.Location{Pointer: lint.JoinPointer(p, toks[1:]...), Key: key}
	}
	return lint.Location{}
}

// Container implements lint.Locator.
func (l *rowLoc) Container(canonical, key string) lint.Location {
	if canonical == "/extra" || canonical == "" && l.uptake && key == "source" {
		if l.hasExtra {
			return lint.Location{Pointer: "/event_map_values"}
		}
	}
	return lint.Location{}
}
