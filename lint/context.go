package lint

// Context is what the ping or row a record came from says beyond the
// canonical document: which submission it was, and which experiments the
// client had active when it was sent. An adapter gives every record of one
// ping or row the same Context (Extraction.SetContext); it reads the input
// only when asked, so that a run whose rules ask nothing pays nothing for
// it. Hand-written records and bare tuples have none.
type Context interface {
	// Document names the submission the record arrived in (a ping's id, a
	// row's document_id), "" when the input does not say, and digests the
	// whole ping or row: two copies of one submission (overlapping
	// exports) have the same id and digest, where a ping that reuses an
	// id with other content (as hand-made test pings do) has another
	// digest. It walks the whole value: ask once per ping.
	Document() (id string, digest uint64)
	// AppendAnnotations appends to dst the active-experiment annotations
	// the ping or row carries, in input order: a legacy ping's
	// environment.experiments, a Glean ping's ping_info.experiments, an
	// export row's experiments column. Their strings are the input's own:
	// with a reused dst, reading them allocates nothing.
	AppendAnnotations(dst []Annotation) []Annotation
	// LegacyClientID is the legacy Telemetry client ID that a Glean row
	// names beside its own client ID (events_stream's
	// legacy_telemetry_client_id), "" for none.
	LegacyClientID() string
}

// RepeatObserver is an optional method of an Observer: it is told of
// the records a stream found to be repeats (StreamPass.Repeat), which
// Observe never sees, with their number in their file, so that findings
// about them still find their record.
type RepeatObserver interface {
	ObserveRepeat(r *Record, file string, n int)
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
	// The place of the annotation, joined only when asked (Pointer): the
	// experiments member's pointer, the annotation's key in it (its slug)
	// or its index (a key/value list's item, whose value holds it), and
	// whether the place is its branch member.
	base   string
	index  int
	inList bool
	branch bool
}

// NewAnnotation makes an annotation at base (the experiments member's
// pointer): the member called slug of an object, or, with inList, the
// value of item index of a key/value list, or, with index -1, base itself
// (annotations read from a JSON string); atBranch puts it at the
// annotation's branch member.
func NewAnnotation(slug, branch string, hasBranch bool, typ, base string, index int, inList, atBranch bool) Annotation {
	return Annotation{Slug: slug, Branch: branch, HasBranch: hasBranch, Type: typ, base: base, index: index, inList: inList, branch: atBranch}
}

// Pointer locates the annotation's branch (or the annotation, when it has
// no branch member) in the value the adapter read, as Locator pointers do.
func (a *Annotation) Pointer() string {
	p := a.base
	switch {
	case a.inList:
		p = IndexPointer(p, a.index) + "/value"
	case a.index >= 0:
		p = JoinPointer(p, a.Slug)
	}
	if a.branch {
		p += "/branch"
	}
	return p
}

// Document is the record's Context's Document, ("", 0) without one.
func (r *Record) Document() (id string, digest uint64) {
	if r.Ctx == nil {
		return "", 0
	}
	return r.Ctx.Document()
}

// AppendAnnotations appends the record's Context's annotations to dst.
func (r *Record) AppendAnnotations(dst []Annotation) []Annotation {
	if r.Ctx == nil {
		return dst
	}
	return r.Ctx.AppendAnnotations(dst)
}

// LegacyClientID is the record's Context's legacy client ID, "" without
// one.
func (r *Record) LegacyClientID() string {
	if r.Ctx == nil {
		return ""
	}
	return r.Ctx.LegacyClientID()
}

// LastOfContext reports whether r is the last Normandy record of its ping
// or row: a check of what the ping says as a whole runs there, once its
// events have been seen.
func (r *Record) LastOfContext() bool { return r.Ctx != nil && r.lastOfCtx }

// SetContext hands c to the Normandy records added since item from (a
// value of Len taken before the adapter read the ping or row).
func (x *Extraction) SetContext(from int, c Context) {
	var last *Record
	for _, it := range x.items[from:] {
		if it.kind == itemRecord {
			it.record.Ctx = c
			last = it.record
		}
	}
	if last != nil {
		last.lastOfCtx = true
	}
}
