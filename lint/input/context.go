package input

import (
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

func (c *pingCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return experimentsAt(dst, (*lint.Object)(c), "environment", "/environment/experiments")
}

func (*pingCtx) LegacyClientID() string { return "" }

func (*gleanCtx) Document() (string, uint64) { return "", 0 }

func (c *gleanCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return experimentsAt(dst, (*lint.Object)(c), "ping_info", "/ping_info/experiments")
}

func (*gleanCtx) LegacyClientID() string { return "" }

func (c *eventTableCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *eventTableCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return experimentsAt(dst, (*lint.Object)(c), "environment", "/environment/experiments")
}

func (*eventTableCtx) LegacyClientID() string { return "" }

func (c *gleanTableCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *gleanTableCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return experimentsAt(dst, (*lint.Object)(c), "ping_info", "/ping_info/experiments")
}

func (*gleanTableCtx) LegacyClientID() string { return "" }

// A row holds one event: its digest tells the rows of one ping (which
// share its document_id) apart.
func (c *streamRowCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *streamRowCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return rowExperiments(dst, (*lint.Object)(c))
}

func (c *streamRowCtx) LegacyClientID() string {
	id, _ := (*lint.Object)(c).String("legacy_telemetry_client_id")
	return id
}

func (c *eventsRowCtx) Document() (string, uint64) {
	return document((*lint.Object)(c), "document_id")
}

func (c *eventsRowCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	return rowExperiments(dst, (*lint.Object)(c))
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
	return id, digest(0, o)
}

// mix folds x into a digest.
func mix(h, x uint64) uint64 {
	h ^= x
	h *= 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// digest folds a decoded value into h, telling apart what JSON tells
// apart: only the same value digests the same (collisions aside).
func digest(h uint64, v any) uint64 {
	switch t := v.(type) {
	case nil:
		return mix(h, 1)
	case bool:
		if t {
			return mix(h, 2)
		}
		return mix(h, 3)
	case float64:
		return mix(mix(h, 4), math.Float64bits(t))
	case string:
		return mix(mix(h, 5), maphash.String(digestSeed, t))
	case []any:
		h = mix(h, 6)
		for _, e := range t {
			h = digest(h, e)
		}
		return mix(h, 7)
	case *lint.Object:
		h = mix(h, 8)
		for i, n := range t.Names {
			h = digest(mix(h, maphash.String(digestSeed, n)), t.Values[i])
		}
		return mix(h, 9)
	}
	return h
}

// experimentsAt reads the experiments member of o's section (environment
// or ping_info), at pointer base.
func experimentsAt(dst []lint.Annotation, o *lint.Object, section, base string) []lint.Annotation {
	s, ok := get(o, section).(*lint.Object)
	if !ok {
		return dst
	}
	return experiments(dst, get(s, "experiments"), base)
}

// rowExperiments reads an export row's experiments column: the value, or
// (bq --format=json writes a JSON column as its text) a string holding it,
// whose annotations are then all located at the column.
func rowExperiments(dst []lint.Annotation, o *lint.Object) []lint.Annotation {
	v := get(o, "experiments")
	s, ok := v.(string)
	if !ok {
		return experiments(dst, v, "/experiments")
	}
	inner, err := lint.Decode([]byte(s))
	if err != nil {
		return dst
	}
	n := len(dst)
	dst = experiments(dst, inner, "")
	for i := n; i < len(dst); i++ {
		a := &dst[i]
		dst[i] = lint.NewAnnotation(a.Slug, a.Branch, a.HasBranch, a.Type, "/experiments", -1, false, false)
	}
	return dst
}

// experiments reads annotations in every shape they are stored in: an
// object keyed by slug, or BigQuery's list of {key, value} structs; each
// value a struct with a branch (and a type, directly or in its extra), or
// the branch itself.
func experiments(dst []lint.Annotation, v any, base string) []lint.Annotation {
	switch t := v.(type) {
	case *lint.Object:
		for i, slug := range t.Names {
			dst = appendAnnotation(dst, slug, t.Values[i], base, i, false)
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
			dst = appendAnnotation(dst, slug, get(kv, "value"), base, i, true)
		}
	}
	return dst
}

func appendAnnotation(dst []lint.Annotation, slug string, v any, base string, index int, inList bool) []lint.Annotation {
	var branch, typ string
	hasBranch := false
	switch t := v.(type) {
	case string:
		return append(dst, lint.NewAnnotation(slug, t, true, "", base, index, inList, false))
	case *lint.Object:
		branch, hasBranch = t.String("branch")
		typ, _ = t.String("type")
		if extra, ok := get(t, "extra").(*lint.Object); ok && typ == "" {
			typ, _ = extra.String("type")
		}
	}
	return append(dst, lint.NewAnnotation(slug, branch, hasBranch, typ, base, index, inList, hasBranch))
}
