package lint

// Envelope is the ping, as submitted, that an adapter read records from (a
// legacy event or main ping, a Glean ping), shared by those records. A
// check of the envelope itself (what Mozilla's ingestion would accept)
// needs the whole ping, which no canonical document holds, and must run
// once per ping, not once per record: it runs on the record for which
// First is true. Table rows, tuples and hand-written records have none.
type Envelope struct {
	// Format is the name of the adapter that read the ping.
	Format string
	// Value is the decoded ping. Pointers into it are relative to the
	// value the adapter read, as Locator pointers and Pass.ReportInput's
	// are.
	Value *Object
	// Normandy is how many Normandy records the adapter read from it.
	Normandy int
	first    *Record
}

// First reports whether r is the first Normandy record read from the ping.
func (e *Envelope) First(r *Record) bool { return e != nil && e.first == r }

// SetEnvelope hands env to the Normandy records added since item from (a
// value of Len taken before the adapter read the ping) and counts them.
func (x *Extraction) SetEnvelope(from int, env *Envelope) {
	for _, it := range x.items[from:] {
		if it.kind != itemRecord {
			continue
		}
		it.record.Envelope = env
		if env.first == nil {
			env.first = it.record
		}
		env.Normandy++
	}
}
