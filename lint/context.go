package lint

// Context is what the ping or row a record came from says beyond the
// canonical document: which submission it was, and which experiments the
// client had active when it was sent. An adapter gives every record of one
// ping or row the same Context (Extraction.SetContext); it reads the input
// only when asked, so that a run whose rules ask nothing pays nothing for
// it. Hand-written records and bare tuples have none.
type Context interface {
	// Document names the submission the record arrived in (a ping's id, a
	// row's document_id) and the record's place in it (where in the ping
	// the event is, or what the row's event columns say): the same
	// document and place twice is one event read twice. id is "" when the
	// input does not say.
	Document(r *Record) (id, place string)
	// Annotations are the active-experiment annotations the ping or row
	// carries, in input order: a legacy ping's environment.experiments, a
	// Glean ping's ping_info.experiments, an export row's experiments
	// column.
	Annotations() []Annotation
	// LegacyClientID is the legacy Telemetry client ID that a Glean row
	// names beside its own client ID (events_stream's
	// legacy_telemetry_client_id), "" for none.
	LegacyClientID() string
}

// Annotation is one active-experiment annotation: the study's slug and
// the branch the client was in when the ping was sent.
type Annotation struct {
	Slug      string
	Branch    string
	HasBranch bool
	// Type is the annotation's type ("normandy-exp",
	// "normandy-addonstudy", "nimbus-nimbus", ...), "" when it gives none.
	Type string
	// Pointer locates the branch (or the annotation, when it has no
	// branch) in the value the adapter read, as Locator pointers do.
	Pointer string
}

// Document is the record's Context's Document, ("", "") without one.
func (r *Record) Document() (id, place string) {
	if r.Ctx == nil {
		return "", ""
	}
	return r.Ctx.Document(r)
}

// Annotations are the record's Context's annotations, nil without one.
func (r *Record) Annotations() []Annotation {
	if r.Ctx == nil {
		return nil
	}
	return r.Ctx.Annotations()
}

// LegacyClientID is the record's Context's legacy client ID, "" without
// one.
func (r *Record) LegacyClientID() string {
	if r.Ctx == nil {
		return ""
	}
	return r.Ctx.LegacyClientID()
}

// SetContext hands c to the Normandy records added since item from (a
// value of Len taken before the adapter read the ping or row).
func (x *Extraction) SetContext(from int, c Context) {
	for _, it := range x.items[from:] {
		if it.kind == itemRecord {
			it.record.Ctx = c
		}
	}
}
