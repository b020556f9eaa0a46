package main

import (
	"strconv"
	"strings"
	"time"
)

// The shapes below are the ones normlint reads (docs/input-formats.md);
// the columns and their order follow the BigQuery tables described in the
// shared reference on exports.

// record is the hand-written record form, canonical for normlint's schemas.
func (m *model) record(e *event) obj {
	if e.uptake() {
		status := e.value
		if c, ok := recipeConst[status]; ok && m.rng.IntN(5) == 0 && strings.HasPrefix(e.extra[0].val.(string), "normandy/recipe/") {
			status = c // the spec's constant, as QA engineers write it
		}
		return obj{{"source", e.extra[0].val}, {"status", status}, {"timestamp", e.ts}, {"client_id", e.client.id}}
	}
	o := obj{{"category", e.category}, {"method", e.method}, {"object", e.object}}
	if e.hasValue {
		o = append(o, member{"value", e.value})
	}
	if len(e.extra) > 0 {
		o = append(o, member{"extra", e.extra})
	}
	return append(o, member{"timestamp", e.ts}, member{"client_id", e.client.id})
}

// snake turns a camelCase method into the snake_case of Glean names.
func snake(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

func bqTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05.000000 UTC")
}

var (
	countries = []string{"US", "DE", "FR", "GB", "IN", "BR", "CA", "PL", "JP", "IT"}
	oses      = []string{"Windows", "Windows", "Windows", "Mac", "Linux"}
	versions  = []string{"132.0.2", "133.0.3", "134.0", "134.0.1", "135.0"}
)

// streamRow is a row of firefox_desktop.events_stream: the ping's columns,
// then the event's. With asText, the row is as `bq query --format=json`
// writes it: INT64 as strings and the JSON column event_extra as its text.
func (m *model) streamRow(e *event, asText bool) obj {
	c := e.client
	name := e.gleanName
	if e.category == "normandy" {
		name = snake(e.method) + "_" + e.object
	} else if e.uptake() {
		name = "uptake_normandy"
	}
	extra := make(obj, 0, len(e.extra)+1)
	if e.hasValue {
		extra = append(extra, member{"value", e.value})
	}
	extra = append(extra, e.extra...)
	h := int64(0)
	for i := range len(c.id) {
		h = h*31 + int64(c.id[i])
	}
	if h < 0 {
		h = -h
	}
	sample := any(h % 100)
	if asText {
		sample = strconv.FormatInt(h%100, 10)
	}
	row := obj{
		{"submission_timestamp", bqTime(e.ts + 60_000 + h%600_000)},
		{"document_id", uuid(m.rng)},
		{"client_id", c.id},
		{"sample_id", sample},
		{"normalized_channel", "release"},
		{"normalized_country_code", countries[h%int64(len(countries))]},
		{"normalized_os", oses[h%int64(len(oses))]},
		{"client_info", obj{{"app_display_version", versions[h%int64(len(versions))]}, {"architecture", "x86_64"}, {"locale", "en-US"}}},
		{"event_timestamp", bqTime(e.ts)},
		{"event_category", e.category},
		{"event_name", name},
	}
	var ev any = extra
	if asText || m.rng.IntN(5) == 0 {
		ev = compact(extra) // a JSON column exported as text
	}
	return append(row, member{"event_extra", ev})
}

// tuple is Firefox's event serialization, with a timestamp relative to the
// process start; empty extras are left out.
func tuple(e *event, ts int64) []any {
	t := []any{ts, e.category, e.method, e.object}
	switch {
	case len(e.extra) > 0 && e.hasValue:
		t = append(t, e.value, e.extra)
	case len(e.extra) > 0:
		t = append(t, nil, e.extra)
	case e.hasValue:
		t = append(t, e.value)
	}
	return t
}

// eventPing is a legacy Telemetry "event" ping of one client, holding its
// events in order; Normandy's are in the parent or the dynamic process.
func (m *model) eventPing(c *client, events []event) obj {
	start := events[0].ts - m.rng.Int64N(3_600_000)
	normandyProc := "parent"
	if m.rng.IntN(5) == 0 {
		normandyProc = "dynamic"
	}
	var parent, dynamic []any
	for i := range events {
		e := &events[i]
		t := tuple(e, e.ts-start)
		if e.category == "normandy" && normandyProc == "dynamic" {
			dynamic = append(dynamic, t)
		} else {
			parent = append(parent, t)
		}
	}
	procs := obj{}
	if len(dynamic) > 0 {
		procs = append(procs, member{"dynamic", dynamic})
	}
	if len(parent) > 0 {
		procs = append(procs, member{"parent", parent})
	}
	last := events[len(events)-1].ts
	reason := "periodic"
	if len(events) > 20 {
		reason = "max"
	}
	v := versions[m.rng.IntN(len(versions))]
	return obj{
		{"type", "event"},
		{"id", uuid(m.rng)},
		{"creationDate", time.UnixMilli(last + 1000).UTC().Format("2006-01-02T15:04:05.000Z")},
		{"version", int64(4)},
		{"clientId", c.id},
		{"application", obj{{"architecture", "x86-64"}, {"buildId", "20250113093027"}, {"channel", "release"},
			{"name", "Firefox"}, {"platformVersion", v}, {"version", v}, {"vendor", "Mozilla"}, {"xpcomAbi", "x86_64-gcc3"}}},
		{"payload", obj{{"reason", reason}, {"processStartTimestamp", start}, {"sessionId", uuid(m.rng)},
			{"subsessionId", uuid(m.rng)}, {"lostEventsCount", int64(0)}, {"events", procs}}},
	}
}
