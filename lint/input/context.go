package input

import (
	"encoding/binary"
	"hash/maphash"
	"math"

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

func (c *pingCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "id")
}

func (c *pingCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/environment", "environment", "experiments")
}

func (*pingCtx) LegacyClientID() string { return "" }

func (*gleanCtx) Document() (string, uint64) { return "", 0 }

func (c *gleanCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/ping_info", "ping_info", "experiments")
}

func (*gleanCtx) LegacyClientID() string { return "" }

func (c *eventTableCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *eventTableCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/environment", "environment", "experiments")
}

func (*eventTableCtx) LegacyClientID() string { return "" }

func (c *gleanTableCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *gleanTableCtx) Annotations() []lint.Annotation {
	return experimentsAt((*lint.Object)(c), "/ping_info", "ping_info", "experiments")
}

func (*gleanTableCtx) LegacyClientID() string { return "" }

// A row holds one event: its digest tells the rows of one ping (which
// share its document_id) apart.
func (c *streamRowCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *streamRowCtx) Annotations() []lint.Annotation {
	return rowExperiments((*lint.Object)(c))
}

func (c *streamRowCtx) LegacyClientID() string {
	id, _ := (*lint.Object)(c).String("legacy_telemetry_client_id")
	return id
}

func (c *eventsRowCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *eventsRowCtx) Annotations() []lint.Annotation {
	return rowExperiments((*lint.Object)(c))
}

func (*eventsRowCtx) LegacyClientID() string { return "" }

// digestSeed makes digests comparable within a run.
var digestSeed = maphash.MakeSeed()

// document is the id member of a ping or row and its digest (none
// without an id).
func document(o *lint.Object, member string) (string, uint64) {
	id, _ := o.String(member)
	if id == "" {
		return "", 0
	}
	var h maphash.Hash
	h.SetSeed(digestSeed)
	digest(&h, o)
	return id, h.Sum64()
}

// digest writes a decoded value unambiguously: only the same value writes
// the same bytes.
func digest(h *maphash.Hash, v any) {
	var num [8]byte
	switch t := v.(type) {
	case nil:
		h.WriteByte('n')
	case bool:
		h.WriteByte('f')
		if t {
			h.WriteByte('t')
		}
	case float64:
		h.WriteByte('d')
		binary.LittleEndian.PutUint64(num[:], math.Float64bits(t))
		h.Write(num[:])
	case string:
		h.WriteByte('s')
		digestLen(h, len(t))
		h.WriteString(t)
	case []any:
		h.WriteByte('[')
		for _, e := range t {
			digest(h, e)
		}
		h.WriteByte(']')
	case *lint.Object:
		h.WriteByte('{')
		for i, n := range t.Names {
			digestLen(h, len(n))
			h.WriteString(n)
			digest(h, t.Values[i])
		}
		h.WriteByte('}')
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

func digestLen(h *maphash.Hash, n int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}
