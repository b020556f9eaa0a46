package lint

// Rule IDs that the engine and adapters raise themselves. The catalog must
// define them; New refuses to build an engine without them.
const (
	RuleParseError        = "parse-error"
	RuleUnrecognizedInput = "unrecognized-input"
	RuleMalformedRecord   = "malformed-record"
	RuleNoNormandyRecords = "no-normandy-records"
	RuleInvalidHistogram  = "invalid-histogram"
)

// Adapter turns one decoded JSON value of a known shape into records. Each
// input format is one adapter: adding a format touches its file, its golden
// cases, the list in lint/input/all.go and docs/input-formats.md. An
// adapter that can tell from an object's top-level members that it holds no
// Normandy record is also a Skimmer.
type Adapter interface {
	// Name is the format's name, as counted in the summary and accepted by
	// --input-format.
	Name() string
	// Describe says what the format looks like, for the message when a
	// value does not fit a forced format.
	Describe() string
	// Detect reports whether v has this format's shape. Values are nil,
	// bool, float64, string, []any or *Object.
	Detect(v any) bool
	// Extract hands every record in v to x. Pointers the adapter reports
	// (through Locators and Malformed) are relative to v.
	Extract(v any, x *Extraction)
}

// Verdict is what an adapter's Skim decides about a skimmed object. The
// zero Verdict says that Detect would not accept it.
type Verdict struct {
	// Mine says that Detect would accept the object.
	Mine bool
	// Skipped is, for an object that is Mine, the number of records
	// Extract would find in it, none of them Normandy's (Extract would only
	// call Skip, this many times).
	Skipped int
	// Decode says the skim is not enough to tell: the engine decodes the
	// object and asks Detect and Extract.
	Decode bool
}

// Skimmer is an optional method of an Adapter: deciding from a skimmed
// object what Detect and Extract would do with it, so that the many values
// of an export that hold no Normandy record are never decoded. It must be
// certain: when anything but the object's top-level names and strings
// matters, it asks for the decoded value (Verdict.Decode).
type Skimmer interface {
	Skim(s *Skimmed) Verdict
}

// DirectReader is an optional method of an Adapter: reading a unit's bytes
// straight into records, without the decoded value that Detect and Extract
// read, for the shapes that make up most of an input (a hand-written
// record on a line). It must be exact where it answers and may decline
// anything else: the engine then takes the full path, which words syntax
// errors and reads every shape.
type DirectReader interface {
	// ReadDirect reads data, the bytes of one unit. When they hold one
	// JSON value, valid as strictly as Decode requires, of a shape it
	// knows, it hands x exactly what Extract would hand it for the
	// decoded value and reports true. Otherwise it reports false, having
	// added nothing to x. The values it reads must be ones that only this
	// adapter's Detect accepts, so that the order of Config.Adapters does
	// not matter.
	ReadDirect(data []byte, x *Extraction) bool
}

// Extraction collects what an adapter found in a value, in input order.
type Extraction struct {
	items []item
}

type itemKind uint8

const (
	itemRecord itemKind = iota
	itemSkipped
	itemMalformed
)

type item struct {
	kind   itemKind
	format string
	record *Record
	// a problem report (malformed-record, or the rule in rule), in the
	// value's pointer space
	rule    string
	pointer string
	key     bool
	message string
	hint    string
}

// Record adds a Normandy record.
func (x *Extraction) Record(r *Record) {
	x.items = append(x.items, item{kind: itemRecord, format: r.Format, record: r})
}

// Skip counts a record that is not Normandy's (another category, or uptake
// of another source): never flagged, always counted.
func (x *Extraction) Skip(format string) {
	x.items = append(x.items, item{kind: itemSkipped, format: format})
}

// Malformed adds a record that cannot be read as one, reported under
// malformed-record at pointer (at the member name when key is set).
func (x *Extraction) Malformed(format, pointer string, key bool, message, hint string) {
	x.Invalid(format, RuleMalformedRecord, pointer, key, message, hint)
}

// Invalid adds a record that cannot be read as one, reported under rule (a
// rule of the catalog that the adapter itself enforces, such as a
// histogram's shape).
func (x *Extraction) Invalid(format, rule, pointer string, key bool, message, hint string) {
	x.items = append(x.items, item{kind: itemMalformed, format: format, rule: rule, pointer: pointer, key: key, message: message, hint: hint})
}

// Records returns the Normandy records added so far, in input order (for
// tests and for pipelines that run adapters themselves).
func (x *Extraction) Records() []*Record {
	var out []*Record
	for _, it := range x.items {
		if it.kind == itemRecord {
			out = append(out, it.record)
		}
	}
	return out
}

// Len is the number of items added so far: records, skipped records and
// malformed ones.
func (x *Extraction) Len() int { return len(x.items) }

// Skipped is the number of records skipped so far (Skip).
func (x *Extraction) Skipped() int {
	n := 0
	for _, it := range x.items {
		if it.kind == itemSkipped {
			n++
		}
	}
	return n
}
