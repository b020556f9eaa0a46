package input

import (
	"strconv"
	"strings"

	"github.com/normlint/normlint/lint"
)

// The lint.Context of each shape that says more than its records: the
// document id and the active-experiment annotations, read from the decoded
// ping or row only when a rule asks. Each is the decoded object under
// another name, so that setting one costs no allocation.
type (
	// pingCtx: a legacy event or main ping as submitted: its id, and
	// environment.experiments ({slug: {branch, type, enrollmentId}}, as
	// TelemetryEnvironment.setExperimentActive records them).
	pingCtx lint.Object
	// gleanCtx: a Glean ping as submitted (its document id is in the URL
	// it was sent to, not in the ping) and ping_info.experiments ({slug:
	// {branch, extra: {type, enrollmentId}}}).
	gleanCtx lint.Object
	// eventTableCtx: a row of the legacy event ping table: document_id,
	// and environment.experiments as a list of {key, value: {branch,
	// enrollment_id, type}} (mozilla-pipeline-schemas, event.4.bq).
	eventTableCtx lint.Object
	// gleanTableCtx: a row of a Glean ping table: document_id, and
	// ping_info.experiments as a list of {key, value: {branch, extra}}.
	gleanTableCtx lint.Object
	// streamRowCtx: an events_stream row: document_id (the ping's, shared
	// by its events' rows), the experiments JSON column, and
	// legacy_telemetry_client_id.
	streamRowCtx lint.Object
	// eventsRowCtx: a telemetry.events row: document_id and the
	// experiments column, a list of {key, value} (the branch, or a struct
	// holding it).
	eventsRowCtx lint.Object
)

var (
	_ lint.Context = (*pingCtx)(nil)
	_ lint.Context = (*gleanCtx)(nil)
	_ lint.Context = (*eventTableCtx)(nil)
	_ lint.Context = (*gleanTableCtx)(nil)
	_ lint.Context = (*streamRowCtx)(nil)
	_ lint.Context = (*eventsRowCtx)(nil)
)

// place is where a record of a ping is in it: its method's place (an
// event's item in its list), or its status's (an uptake record's).
func place(r *lint.Record) string {
	if r.Kind == lint.KindUptake {
		return r.Loc.Locate("/status", false).Pointer
	}
	return r.Loc.Locate("/method", false).Pointer
}

func (c *pingCtx) Document(r *lint.Record) (string, string) {
	id, _ := (*lint.Object)(c).String("id")
	return id, place(r)
}

func (c *pingCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/environment", "environment", "experiments")
}

func (*pingCtx) LegacyClientID() string { return "" }

func (*gleanCtx) Document(*lint.Record) (string, string) { return "", "" }

func (c *gleanCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/ping_info", "ping_info", "experiments")
}

func (*gleanCtx) LegacyClientID() string { return "" }

func (c *eventTableCtx) Document(r *lint.Record) (string, string) {
	id, _ := (*lint.Object)(c).String("document_id")
	return id, place(r)
}

func (c *eventTableCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/environment", "environment", "experiments")
}

func (*eventTableCtx) LegacyClientID() string { return "" }

func (c *gleanTableCtx) Document(r *lint.Record) (string, string) {
	id, _ := (*lint.Object)(c).String("document_id")
	return id, place(r)
}

func (c *gleanTableCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/ping_info", "ping_info", "experiments")
}

func (*gleanTableCtx) LegacyClientID() string { return "" }

// A row holds one event, so its place in its ping is what the row's event
// columns say (a ping's events' rows share its document_id).
func (c *streamRowCtx) Document(*lint.Record) (string, string) {
	return rowDocument((*lint.Object)(c), "event_timestamp", "event_category", "event_name", "event_extra")
}

func (c *streamRowCtx) Annotations() []lint.Annotation {
	return rowExperiments((*lint.Object)(c))
}

func (c *streamRowCtx) LegacyClientID() string {
	id, _ := (*lint.Object)(c).String("legacy_telemetry_client_id")
	return id
}

func (c *eventsRowCtx) Document(*lint.Record) (string, string) {
	return rowDocument((*lint.Object)(c), "event_process", "event_timestamp", "event_category", "event_method", "event_object", "event_string_value", "event_map_values")
}

func (c *eventsRowCtx) Annotations() []lint.Annotation {
	return rowExperiments((*lint.Object)(c))
}

func (*eventsRowCtx) LegacyClientID() string { return "" }

// rowDocument is a row's document_id and its event columns, written out.
func rowDocument(o *lint.Object, cols ...string) (string, string) {
	id, _ := o.String("document_id")
	if id == "" {
		return "", ""
	}
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c)
		b.WriteByte('=')
		v, _ := o.Get(c)
		if c == "event_timestamp" {
			v = int64Column(v)
		}
		writeValue(&b, v)
		b.WriteByte(';')
	}
	return id, b.String()
}

// writeValue writes a decoded value unambiguously (not as JSON: only the
// same value writes the same).
func writeValue(b *strings.Builder, v any) {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case float64:
		b.WriteString(strconv.FormatFloat(t, 'g', -1, 64))
	case string:
		b.WriteString(strconv.Quote(t))
	case []any:
		b.WriteByte('[')
		for _, e := range t {
			writeValue(b, e)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case *lint.Object:
		b.WriteByte('{')
		for i, n := range t.Names {
			b.WriteString(strconv.Quote(n))
			b.WriteByte(':')
			writeValue(b, t.Values[i])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	}
}

// experimentsAt reads the experiments member of the section of o called
// section (at pointer base).
func experimentsAt(o *lint.Object, base, section, member string) []lint.Annotation {
	s, ok := get(o, section).(*lint.Object)
	if !ok {
		return nil
	}
	return experiments(get(s, member), lint.JoinPointer(base, member))
}

// rowExperiments reads an export row's experiments column: the value, or
// (bq --format=json writes a JSON column as its text) a string holding it,
// whose annotations are then all located at the column.
func rowExperiments(o *lint.Object) []lint.Annotation {
	v := get(o, "experiments")
	s, ok := v.(string)
	if !ok {
		return experiments(v, "/experiments")
	}
	inner, err := lint.Decode([]byte(s))
	if err != nil {
		return nil
	}
	as := experiments(inner, "")
	for i := range as {
		as[i].Pointer = "/experiments"
	}
	return as
}

// experiments reads annotations in every shape they are stored in: an
// object keyed by slug, or BigQuery's list of {key, value} structs; each
// value a struct with a branch (and a type, directly or in its extra), or
// the branch itself.
func experiments(v any, base string) []lint.Annotation {
	var out []lint.Annotation
	switch t := v.(type) {
	case *lint.Object:
		for i, slug := range t.Names {
			out = appendAnnotation(out, slug, t.Values[i], lint.JoinPointer(base, slug))
		}
	case []any:
		for i, e := range t {
			kv, ok := e.(*lint.Object)
			if !ok {
				continue
			}
			slug, ok := kv.String("key")
			if !ok {
				continue
			}
			out = appendAnnotation(out, slug, get(kv, "value"), lint.IndexPointer(base, i)+"/value")
		}
	}
	return out
}

func appendAnnotation(out []lint.Annotation, slug string, v any, ptr string) []lint.Annotation {
	a := lint.Annotation{Slug: slug, Pointer: ptr}
	switch t := v.(type) {
	case string:
		a.Branch, a.HasBranch = t, true
	case *lint.Object:
		if b, ok := t.String("branch"); ok {
			a.Branch, a.HasBranch = b, true
			a.Pointer = ptr + "/branch"
		}
		a.Type, _ = t.String("type")
		if extra, ok := get(t, "extra").(*lint.Object); ok && a.Type == "" {
			a.Type, _ = extra.String("type")
		}
	}
	return append(out, a)
}
