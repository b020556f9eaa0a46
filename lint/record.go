package lint

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
// the input. Validators and rules only ever see the canonical document; the
// Locator maps their pointers back to the input.
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
// it. Values keep their JSON types (strings, float64, bool, nil, maps,
// slices) so that the schemas can say what is wrong with them.
type Record struct {
	Kind Kind
	// Format is the name of the adapter that produced the record.
	Format string
	// Doc is the canonical document.
	Doc map[string]any
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
	// Count is how many times the record occurred: a histogram bucket of 3
	// is one record with Count 3. Zero means one.
	Count int
	// Prev is the event just before this one in the same event list of one
	// ping, whatever its category; nil when the record is not in such a
	// list or is its first event.
	Prev *Neighbor
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
	key := "value"
	if r.Kind == KindUptake {
		key = "source"
	}
	s, _ := r.Doc[key].(string)
	return s
}

// Str returns the canonical string at a top-level key, and whether it is a
// string.
func (r *Record) Str(key string) (string, bool) {
	s, ok := r.Doc[key].(string)
	return s, ok
}

// Extra returns the canonical extra object (never nil for adapter-made
// records whose extra is an object).
func (r *Record) Extra() map[string]any {
	m, _ := r.Doc["extra"].(map[string]any)
	return m
}

// ExtraStr returns the extra value at key when it is a string.
func (r *Record) ExtraStr(key string) (string, bool) {
	s, ok := r.Extra()[key].(string)
	return s, ok
}

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

// Location is a place in the input: an RFC 6901 pointer relative to the
// unit (the file's value, or the line's value in JSON Lines), whether the
// place is the member's name rather than its value, and a note for the
// message when the place is only approximate (inside a JSON string).
type Location struct {
	Pointer string
	Key     bool
	Note    string
}
