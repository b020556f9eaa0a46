package lint

import (
	"maps"
	"slices"
)

// Kind says what a Normandy record reports.
type Kind uint8

// Record kinds.
const (
	// KindEvent is an event of the "normandy" category.
	KindEvent Kind = iota + 1
	// KindUptake is an uptake status of a "normandy/..." source.
	KindUptake
)

// String names the kind for messages.
func (k Kind) String() string {
	switch k {
	case KindEvent:
		return "event"
	case KindUptake:
		return "uptake"
	}
	return "unknown"
}

// Record is one Normandy record in canonical form, whatever shape it had in
// the input. Validators and rules only ever see the canonical document
// (through the typed fields, or as a map from Doc); the Locator maps their
// pointers back to the input.
//
// The canonical document of an event is the hand-written record form:
//
//	{"category": "normandy", "method": M, "object": O, "value": V,
//	 "extra": {...}, "timestamp": T, "client_id": C}
//
// and that of an uptake record:
//
//	{"source": S, "status": ST, "extra": {...}, "timestamp": T, "client_id": C}
//
// where "extra" holds the uptake event's extras other than "source". Keys the
// input lacks are absent, except "extra", which is always present (an empty
// object when the input has none) so that a missing extra is reported against
// it. Values keep their JSON types so that the schemas can say what is wrong
// with them.
//
// Adapters fill the typed fields, one per canonical member (Set routes a
// member by name); the map form is built only when something asks for it
// (Doc), which the checks of a valid record never do.
type Record struct {
	Kind Kind
	// Format is the name of the adapter that produced the record.
	Format string
	// Glean says the Glean SDK recorded the event (a Glean ping, an
	// events_stream row) rather than legacy Telemetry: Format cannot tell,
	// since events_stream and telemetry.events rows share the bigquery
	// adapter, and the two pipelines cut string values at different lengths.
	Glean bool

	// The canonical members: "category", "method", "object", "value",
	// "source", "status", "timestamp" (Time) and "client_id" (Client).
	Category, Method, Object, Value, Source, Status, Time, Client Field
	// Others are the canonical document's other top-level members (a
	// misspelt key of a hand-written record), in input order.
	Others []Member
	// Extras are the members of the canonical extra object, in input
	// order, when it is an object; ExtraValue is set instead when the
	// input's extra is some other value (a string, a list).
	Extras     []Member
	ExtraValue Field

	// Loc maps canonical pointers to pointers into the input value.
	Loc Locator
	// ClientID is the client the record belongs to, when the input says.
	ClientID string
	// Process is the Telemetry process list the record came from, if any.
	Process string
	// Timestamp is the record's time in milliseconds as its input gives it
	// (relative to process start for legacy events, to ping start for Glean,
	// since the epoch for exports); HasTimestamp says whether there is one.
	Timestamp    int64
	HasTimestamp bool
	// At is the time the record's envelope gives, in milliseconds since
	// the Unix epoch, 0 when it gives none: an export row's
	// submission_timestamp or submission_date, a ping's creationDate, a
	// Glean ping's start_time plus the event's offset from it. Epoch
	// falls back on it.
	At int64
	// NullTime says the input gave the record's time as null: a BigQuery
	// row whose event_timestamp the pipeline wrote as NULL. Time is then
	// absent.
	NullTime bool
	// Retyped lists the canonical pointers of the values an export's query
	// re-typed (events_stream's extras turned into numbers, booleans or
	// null), which the adapter read back as strings.
	Retyped []string
	// Count is how many times the record occurred: a histogram bucket of 3
	// is one record with Count 3. Zero means one.
	Count int
	// Prev is the event just before this one in the same event list of one
	// ping, whatever its category; nil when the record is not in such a
	// list or is its first event.
	Prev *Neighbor
	// Envelope is the ping as submitted the record was read from; nil for
	// every other shape.
	Envelope *Envelope
	// Ctx is what the ping or row the record came from says beyond the
	// canonical document (its document id, its experiment annotations),
	// read on demand; nil for shapes that say nothing more.
	Ctx Context
	// lastOfCtx: the record is its Ctx's last (LastOfContext).
	lastOfCtx bool

	// Recycle, when an adapter sets it, is called once the engine is done
	// with the record: its checks, the stream checks and the observer have
	// seen it, and nothing keeps it or a pointer into it. The adapter may
	// then reuse the record's memory; records are most of what a run
	// allocates, and the collector's work grows with it.
	Recycle func(*Record)

	// noExtra is set for a document made by RecordFromDoc without an
	// extra member: adapters always give one.
	noExtra bool
	// doc caches Doc. A record is checked on one goroutine and then handed
	// on, so the cache needs no lock.
	doc map[string]any
}

// Neighbor is another event of the same list.
type Neighbor struct {
	Timestamp    int64
	HasTimestamp bool
	// Pointer locates the neighbour in the input, relative to the value the
	// adapter read (as Locator pointers are).
	Pointer string
}

// Identity names what the record is about: an event's value (the study's
// slug, or its name), an uptake record's source.
func (r *Record) Identity() string {
	f := r.Value
	if r.Kind == KindUptake {
		f = r.Source
	}
	s, _ := f.String()
	return s
}

// field returns the typed field of a canonical top-level name, or nil.
func (r *Record) field(name string) *Field {
	switch name {
	case "category":
		return &r.Category
	case "method":
		return &r.Method
	case "object":
		return &r.Object
	case "value":
		return &r.Value
	case "source":
		return &r.Source
	case "status":
		return &r.Status
	case "timestamp":
		return &r.Time
	case "client_id":
		return &r.Client
	}
	return nil
}

// Get returns the canonical top-level member called name ("extra" aside).
func (r *Record) Get(name string) Field {
	if f := r.field(name); f != nil {
		return *f
	}
	for _, m := range r.Others {
		if m.Name == name {
			return m.Value
		}
	}
	return Field{}
}

// Set sets the canonical top-level member called name, replacing an
// earlier one as a map assignment would. The name "extra" sets the extra:
// its members when f holds an object, else ExtraValue.
func (r *Record) Set(name string, f Field) {
	r.doc = nil
	if p := r.field(name); p != nil {
		*p = f
		return
	}
	if name == "extra" {
		r.noExtra = false
		r.SetExtraObject(f)
		return
	}
	r.Others = setMember(r.Others, name, f)
}

// SetExtraObject sets the whole extra from a decoded value: the members of
// an object, else ExtraValue (an absent field makes an empty extra; adapters
// read a JSON null extra as none).
func (r *Record) SetExtraObject(f Field) {
	r.doc = nil
	r.Extras, r.ExtraValue = r.Extras[:0], Field{}
	switch v := f.Raw.(type) {
	case *Object:
		if cap(r.Extras) < len(v.Names) {
			r.Extras = make([]Member, 0, len(v.Names))
		}
		for i, n := range v.Names {
			r.Extras = setMember(r.Extras, n, AnyField(v.Values[i]))
		}
		return
	case map[string]any:
		for _, n := range slices.Sorted(maps.Keys(v)) {
			r.Extras = append(r.Extras, Member{Name: n, Value: AnyField(v[n])})
		}
		return
	case nil:
		if f.Kind == Absent {
			return
		}
	}
	r.ExtraValue = f
}

// SetExtra sets one member of the extra object, replacing an earlier one
// of the same name.
func (r *Record) SetExtra(name string, f Field) {
	r.doc = nil
	r.Extras = setMember(r.Extras, name, f)
}

func setMember(ms []Member, name string, f Field) []Member {
	for i := range ms {
		if ms[i].Name == name {
			ms[i].Value = f
			return ms
		}
	}
	return append(ms, Member{Name: name, Value: f})
}

// Str returns the canonical string at a top-level key, and whether it is a
// string.
func (r *Record) Str(key string) (string, bool) {
	return r.Get(key).String()
}

// ExtraStr returns the extra value at key when it is a string.
func (r *Record) ExtraStr(key string) (string, bool) {
	for _, m := range r.Extras {
		if m.Name == key {
			return m.Value.String()
		}
	}
	return "", false
}

// Extra returns the canonical extra object (never nil for adapter-made
// records whose extra is an object).
func (r *Record) Extra() map[string]any {
	m, _ := r.Doc()["extra"].(map[string]any)
	return m
}

// Doc returns the canonical document as plain Go JSON values (maps,
// slices, strings, float64, bool, nil), the form a JSON Schema validator
// reads. It is built on first use; the caller must not change it.
func (r *Record) Doc() map[string]any {
	if r.doc != nil {
		return r.doc
	}
	m := make(map[string]any, 8+len(r.Others))
	for _, name := range [...]string{"category", "method", "object", "value", "source", "status", "timestamp", "client_id"} {
		if f := r.field(name); f.Kind != Absent {
			m[name] = f.Plain()
		}
	}
	for _, o := range r.Others {
		m[o.Name] = o.Value.Plain()
	}
	switch {
	case r.noExtra:
	case r.ExtraValue.Kind != Absent:
		m["extra"] = r.ExtraValue.Plain()
	default:
		extra := make(map[string]any, len(r.Extras))
		for _, e := range r.Extras {
			extra[e.Name] = e.Value.Plain()
		}
		m["extra"] = extra
	}
	r.doc = m
	return m
}

// RecordFromDoc makes a record of a canonical document given as a map, as
// tests and pipelines that build documents themselves have them. Members
// are set in sorted order of their names.
func RecordFromDoc(kind Kind, doc map[string]any) *Record {
	r := &Record{Kind: kind}
	for _, k := range slices.Sorted(maps.Keys(doc)) {
		r.Set(k, AnyField(doc[k]))
	}
	_, hasExtra := doc["extra"]
	r.noExtra = !hasExtra
	return r
}

// HasExtra reports whether the canonical document has an extra member:
// always, but for documents given to RecordFromDoc without one.
func (r *Record) HasExtra() bool { return !r.noExtra }

// Locator maps pointers into a record's canonical document to places in
// the JSON value the record was read from. Input shapes differ: an extra key
// of a BigQuery row lives in a {"key", "value"} pair, a Glean event's method
// in its name, an extra in a JSON string.
type Locator interface {
	// Locate maps the canonical pointer of a value (or, with key set, of a
	// member's name) that exists in the input. A pointer with no
	// counterpart maps to the nearest enclosing value that has one.
	Locate(canonical string, key bool) Location
	// Container maps the canonical pointer of an object that lacks key to
	// the input value that should hold it: the extra object, or the record
	// itself when the input has no extra object.
	Container(canonical, key string) Location
}

// ValueOffsets is what a Locator can add when its adapter noted, while
// reading, where values start: the byte offset, in the value the adapter
// read, of the value at a canonical pointer, and whether it knows it. The
// lifecycle's anchors then cost no second pass over the record.
type ValueOffsets interface {
	ValueOffset(canonical string) (int, bool)
}

// Location is a place in the input: an RFC 6901 pointer relative to the
// unit (the file's value, or the line's value in JSON Lines), whether the
// place is the member's name rather than its value, and a note for the
// message when the place is only approximate (inside a JSON string).
type Location struct {
	Pointer string
	Key     bool
	Note    string
}
