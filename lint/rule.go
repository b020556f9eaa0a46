package lint

// Rule is one named check of the catalog: a small declarative unit in the
// spirit of go/analysis.Analyzer. A rule either has a Check (Go code run on
// every Normandy record), or is backed by a schema constraint (its ID is
// named by a schema annotation and Message turns the violation into words),
// or is raised by the engine or an adapter itself (parse-error,
// unrecognized-input, malformed-record, no-normandy-records).
type Rule struct {
	// ID is stable and kebab-case; it is never reused for another meaning.
	ID string
	// Severity is the default severity.
	Severity Severity
	// Summary is one line, shown by `normlint rules`.
	Summary string
	// Doc is the long form shown by `normlint explain`.
	Doc Doc
	// Check runs on every Normandy record; nil for schema-backed and engine
	// rules.
	Check func(p *Pass, r *Record)
	// NewStream makes the state of a check across records (lifecycle
	// rules), fresh for every run.
	NewStream func() Stream
	// StreamGroup names rules that share one Stream: the engine makes it
	// once, from the first enabled rule of the group, and the stream
	// reports under each rule's ID with StreamPass.ReportRule.
	StreamGroup string
	// StreamAnchors names the canonical pointers of a record at which the
	// stream may take anchors (StreamPass.Anchor), nil for none. The
	// workers work out those places while they check the record, in
	// parallel, so that the stream, which runs on one goroutine, does not
	// have to. It may name more than the stream takes; an anchor it does
	// not name is worked out when taken. The first enabled rule of a
	// group speaks for the group, as for NewStream.
	StreamAnchors func(r *Record) []string
	// Message words a schema violation annotated with this rule's ID. Nil
	// for rules no schema names.
	Message func(r *Record, v *Violation) (message, hint string)
	// Yields lists rules that make this one redundant: when one of them
	// reports at the same pointer of the same record, this rule's report is
	// dropped (an "unknown" reason is unknown-reason, not also
	// invalid-reason). A report made with Pass.ReportInput yields to one at
	// the same place of the same unit, from any record.
	Yields []string
}

// Doc is the structured documentation behind `normlint explain`.
type Doc struct {
	// Rationale says why the rule exists, in a paragraph or two.
	Rationale string
	// Spec cites the section of data-collection.rst (by its heading path)
	// and of docs/telemetry-reference.md ("§N.N") the rule enforces.
	Spec string
	// Firefox says which Firefox versions send what, where that matters.
	Firefox string
	// Bad is an input that makes the rule fire; Good one that does not.
	Bad, Good string
}

// Violation is a schema constraint failure, already folded: one per
// annotated schema node that failed, not one per validator error.
type Violation struct {
	// Rule is the catalog ID named by the failing schema node's annotation.
	Rule string
	// Pointer is the RFC 6901 pointer into the record's canonical document
	// (Record.Doc) of the offending value; for an unexpected key it is the
	// member's pointer (Key is then true); for missing keys it is the object
	// that should hold them.
	Pointer string
	// Key is true when the problem is the member's name, not its value.
	Key bool
	// Missing names the absent properties of a "required" failure.
	Missing []string
	// Keyword is the JSON Schema keyword that failed ("enum", "required",
	// "additionalProperties", "type", "pattern", "maxProperties", "const",
	// "minLength", "not", ...).
	Keyword string
	// Got is the offending instance value (nil when Missing is set).
	Got any
	// Want lists the allowed values when the failing node enumerates them
	// (enum and const values found under the annotated node).
	Want []any
	// SchemaLocation is the absolute keyword location, for debugging.
	SchemaLocation string
}

// Validator checks a record's canonical document against schemas.
type Validator interface {
	Validate(r *Record) []Violation
}

// Pass is handed to a Rule's Check: it reports findings on one record.
type Pass struct {
	rule     *Rule
	findings *[]finding
}

// finding is a report before its pointer is mapped to the input and its
// position resolved.
type finding struct {
	rule    *Rule
	pointer string // canonical pointer
	related []inputRelated
	key     bool
	missing string // a missing key: report at the object that should hold it
	message string
	hint    string
	// input says that pointer is already a pointer into the input value
	// (ReportInput), not a canonical one.
	input bool
}

// Report records a finding at the value at the canonical pointer ptr.
func (p *Pass) Report(ptr, message, hint string) {
	*p.findings = append(*p.findings, finding{rule: p.rule, pointer: ptr, message: message, hint: hint})
}

// ReportRelated records a finding at canonical pointer ptr that points at
// another place of the same input value: inputPtr is relative to the value
// the adapter read, like Record.Prev's pointer.
func (p *Pass) ReportRelated(ptr, message, hint, inputPtr, relatedMessage string) {
	*p.findings = append(*p.findings, finding{rule: p.rule, pointer: ptr, message: message, hint: hint,
		related: []inputRelated{{pointer: inputPtr, message: relatedMessage}}})
}

type inputRelated struct {
	pointer string
	message string
}

// ReportKey records a finding about the name of the member at ptr.
func (p *Pass) ReportKey(ptr, message, hint string) {
	*p.findings = append(*p.findings, finding{rule: p.rule, pointer: ptr, key: true, message: message, hint: hint})
}

// ReportInput records a finding at inputPtr, a pointer into the value the
// adapter read (as Envelope pointers are), at the member's name when key is
// set: for what the canonical document does not hold, such as a ping's
// envelope. Such a finding is about no study (its Diagnostic has no
// Identity), and is dropped when a rule it Yields to reports at the same
// place of the same unit, whichever record that finding belongs to.
func (p *Pass) ReportInput(inputPtr string, key bool, message, hint string) {
	*p.findings = append(*p.findings, finding{rule: p.rule, pointer: inputPtr, key: key, message: message, hint: hint, input: true})
}
