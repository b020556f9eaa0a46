package lint

import "sort"

// Stream is the state of a check across records (a lifecycle check): it
// sees every Normandy record of the run once, in stream order (files in
// command-line order, records in file order), on one goroutine, whatever the
// parallelism of the per-record checks.
type Stream interface {
	Record(p *StreamPass, r *Record)
}

// Anchor is a place in an earlier record that a later finding can point at
// (its related location), resolved when it is taken: it holds the place
// itself, not the input it came from, so a stream that keeps anchors keeps
// no records or input lines alive, and a finding's related location needs
// nothing else. A stream that keeps many anchors may store them in a more
// compact form of its own and rebuild them with these fields.
type Anchor struct {
	// File is the name of the input.
	File string
	// Line and Column (1-based; columns count characters) of the value, or
	// of the member name when the anchor is at a key.
	Line, Column int
	// Pointer is the RFC 6901 pointer of the value within the file's
	// value.
	Pointer string
}

// Valid reports whether the anchor was set.
func (a Anchor) Valid() bool { return a.Line > 0 }

// StreamPass is handed to a Stream for one record.
type StreamPass struct {
	st       *ruleState
	byID     map[string]*ruleState
	rec      *streamRecord
	findings *[]streamFinding
	cfg      *Config
	sum      *Summary
	// anchors holds what Anchors returns, so that taking anchors for every
	// enrollment allocates nothing.
	anchors [4]Anchor
}

type streamFinding struct {
	st      *ruleState
	rec     *streamRecord
	loc     Location
	message string
	hint    string
	related []relatedAnchor
}

type relatedAnchor struct {
	anchor  Anchor
	message string
}

// Anchor returns an anchor at the value at canonical pointer ptr of the
// current record. Its line and column are worked out now, in one pass over
// the record's unit up to the value, so only take anchors that a later
// finding may need.
func (p *StreamPass) Anchor(ptr string) Anchor {
	return p.Anchors(ptr)[0]
}

// Anchors is Anchor for several pointers of the current record, in one
// pass over its unit. Places the stream's rule named in StreamAnchors were
// worked out ahead, on a worker. The slice is the pass's own, valid until
// the next call: keep the anchors, not the slice.
func (p *StreamPass) Anchors(ptrs ...string) []Anchor {
	out := p.anchors[:0]
	if len(ptrs) > len(p.anchors) {
		out = make([]Anchor, 0, len(ptrs))
	}
	out = out[:len(ptrs)]
	for i, ptr := range ptrs {
		found := false
		for _, a := range p.rec.anchors {
			if a.ptr == ptr {
				out[i], found = a.anchor, true
				break
			}
		}
		if !found {
			return anchorsOf(p.rec, ptrs, make([]Anchor, len(ptrs)))
		}
	}
	return out
}

// MaxLifecyclePairs is Config.MaxLifecyclePairs: the bound a stream that
// follows (client, study) pairs keeps its state to; 0 means its default.
func (p *StreamPass) MaxLifecyclePairs() int { return p.cfg.MaxLifecyclePairs }

// ForgetPairs counts n (client, study) pairs that a stream forgot because
// its state reached its bound, in the run's summary.
func (p *StreamPass) ForgetPairs(n int) { p.sum.LifecyclePairsForgotten += n }

// Report records a finding at canonical pointer ptr of the current record,
// with the earlier places that it contradicts.
func (p *StreamPass) Report(ptr, message, hint string, related ...RelatedAnchor) {
	p.report(p.st, ptr, message, hint, related)
}

// ReportRule is Report under another rule of the stream's group; a
// disabled rule reports nothing.
func (p *StreamPass) ReportRule(id, ptr, message, hint string, related ...RelatedAnchor) {
	st := p.byID[id]
	if st == nil || st.rule.StreamGroup == "" || st.rule.StreamGroup != p.st.rule.StreamGroup {
		panic("lint: stream reports under rule " + id + ", which is not in its group")
	}
	if st.on {
		p.report(st, ptr, message, hint, related)
	}
}

// File is the name of the input the current record came from.
func (p *StreamPass) File() string { return p.rec.file }

// Enabled reports whether a rule of the catalog is on in this run, so a
// stream can skip work nobody will see.
func (p *StreamPass) Enabled(id string) bool {
	st := p.byID[id]
	return st != nil && st.on
}

// ReportRuleInput is ReportRule at a pointer into the value the record's
// adapter read (an annotation of its ping, which no canonical pointer
// reaches) rather than a canonical pointer.
func (p *StreamPass) ReportRuleInput(id, ptr, message, hint string, related ...RelatedAnchor) {
	st := p.byID[id]
	if st == nil || st.rule.StreamGroup == "" || st.rule.StreamGroup != p.st.rule.StreamGroup {
		panic("lint: stream reports under rule " + id + ", which is not in its group")
	}
	if st.on {
		p.add(st, Location{Pointer: ptr}, message, hint, related)
	}
}

// AnchorInput is Anchor at a pointer into the value the record's adapter
// read.
func (p *StreamPass) AnchorInput(ptr string) Anchor {
	u := p.rec.u
	ts := []target{{pointer: p.rec.base + ptr}}
	pos := []Position{{}}
	locateAll(u.raw, u.start, ts, pos)
	return Anchor{File: p.rec.file, Line: pos[0].Line, Column: pos[0].Column, Pointer: u.prefix + ts[0].pointer}
}

// Repeat says the current record is one the run has read already (the
// same event of the same document): its own findings are dropped, the
// observer does not see it, and the streams after this one skip it, so
// that it is counted and checked once. The stream's own findings about it
// stay.
func (p *StreamPass) Repeat() { p.rec.repeat = true }

func (p *StreamPass) report(st *ruleState, ptr, message, hint string, related []RelatedAnchor) {
	p.add(st, p.rec.rec.Loc.Locate(ptr, false), message, hint, related)
}

func (p *StreamPass) add(st *ruleState, loc Location, message, hint string, related []RelatedAnchor) {
	f := streamFinding{st: st, rec: p.rec, loc: loc, message: message, hint: hint}
	for _, r := range related {
		if r.Anchor.Valid() {
			f.related = append(f.related, relatedAnchor{anchor: r.Anchor, message: r.Message})
		}
	}
	*p.findings = append(*p.findings, f)
}

// RelatedAnchor pairs an anchor with what it shows.
type RelatedAnchor struct {
	Anchor  Anchor
	Message string
}

// streamRecord is a Normandy record on its way to the stream checks.
type streamRecord struct {
	rec  *Record
	file string
	u    *unit
	base string // pointer of the adapter's value within the unit
	n    int    // record number within the unit, then within the file
	// hadFindings says whether the per-record checks found anything, so
	// that counts stay right when a stream check adds the first finding.
	hadFindings bool
	// repeat says a stream found the record to be one read already
	// (StreamPass.Repeat).
	repeat bool
	// anchors are the places the streams said they may take anchors at,
	// worked out by the worker that checked the record.
	anchors []takenAnchor
}

// takenAnchor is an anchor worked out ahead, with the canonical pointer it
// was asked for.
type takenAnchor struct {
	ptr    string
	anchor Anchor
}

// anchorsAhead works out, on a worker, the places where the streams may
// take anchors in a record.
func (e *Engine) anchorsAhead(sr *streamRecord) {
	var ptrs []string
	if len(e.anchors) == 1 {
		ptrs = e.anchors[0](sr.rec) // no copy for the usual one stream
	} else {
		for _, f := range e.anchors {
			ptrs = append(ptrs, f(sr.rec)...)
		}
	}
	if len(ptrs) == 0 {
		return
	}
	var buf [4]Anchor
	as := buf[:0]
	if len(ptrs) > len(buf) {
		as = make([]Anchor, 0, len(ptrs))
	}
	as = anchorsOf(sr, ptrs, as[:len(ptrs)])
	sr.anchors = make([]takenAnchor, len(ptrs))
	for i, p := range ptrs {
		sr.anchors[i] = takenAnchor{ptr: p, anchor: as[i]}
	}
}

// anchorsAt works out anchors from the offsets the record's locator noted,
// it reports false when one is not known.
func anchorsAt(sr *streamRecord, vo ValueOffsets, ptrs []string, out []Anchor) bool {
	u := sr.u
	var offBuf [4]int
	offs := offBuf[:0]
	for _, ptr := range ptrs {
		off, ok := vo.ValueOffset(ptr)
		if !ok || off < 0 || off > len(u.raw) {
			return false
		}
		offs = append(offs, off)
	}
	for i, ptr := range ptrs {
		pos := advance(u.start, u.raw[:offs[i]])
		out[i] = Anchor{File: sr.file, Line: pos.Line, Column: pos.Column, Pointer: u.prefix + sr.rec.Loc.Locate(ptr, false).Pointer}
	}
	return true
}

// anchorsOf works out the anchors of a record at canonical pointers into
// out (as long as ptrs), in one pass over its unit.
func anchorsOf(sr *streamRecord, ptrs []string, out []Anchor) []Anchor {
	u := sr.u
	if vo, ok := sr.rec.Loc.(ValueOffsets); ok && sr.base == "" {
		if anchorsAt(sr, vo, ptrs, out) {
			return out
		}
	}
	var tsBuf [4]target
	var posBuf [4]Position
	ts, pos := tsBuf[:0], posBuf[:0]
	for _, ptr := range ptrs {
		loc := sr.rec.Loc.Locate(ptr, false)
		ts = append(ts, target{pointer: sr.base + loc.Pointer, key: loc.Key})
		pos = append(pos, Position{})
	}
	locateAll(u.raw, u.start, ts, pos)
	for i, t := range ts {
		out[i] = Anchor{File: sr.file, Line: pos[i].Line, Column: pos[i].Column, Pointer: u.prefix + t.pointer}
	}
	return out
}

// runStreams feeds a unit's records to the stream checks and returns their
// diagnostics, located. It runs on the emitter goroutine.
func (m *emitter) runStreams(res *unitResult) []Diagnostic {
	if len(m.streams) == 0 || len(res.recs) == 0 {
		return nil
	}
	// One pass and one findings buffer serve every record: handed to a
	// Stream, a pass made per record would be allocated per record.
	defer func() {
		clear(m.streamFindings)
		m.streamFindings = m.streamFindings[:0]
	}()
	m.streamFindings = m.streamFindings[:0]
	for i := range res.recs {
		sr := &res.recs[i]
		for _, s := range m.streams {
			if sr.repeat {
				break
			}
			m.streamPass = StreamPass{st: s.st, byID: s.byID, rec: sr, findings: &m.streamFindings, cfg: &m.e.cfg, sum: m.sum}
			s.impl.Record(&m.streamPass, sr.rec)
		}
		if sr.repeat && sr.hadFindings {
			// Its findings were the first copy's: they are dropped.
			sr.hadFindings = false
			m.sum.RecordsWithFindings--
			m.normandyWithFindings--
		}
	}
	m.streamPass = StreamPass{}
	fs := m.streamFindings
	if len(fs) == 0 {
		return nil
	}
	u := res.recs[0].u
	ps := make([]pending, 0, len(fs))
	counted := map[*streamRecord]bool{}
	for _, f := range fs {
		msg := f.message
		if f.loc.Note != "" {
			msg += " (" + f.loc.Note + ")"
		}
		ps = append(ps, pending{st: f.st, identity: f.rec.rec.Identity(), pointer: f.rec.base + f.loc.Pointer, key: f.loc.Key,
			message: msg, hint: f.hint, record: f.rec.n, anchors: f.related})
		if !f.rec.hadFindings && !counted[f.rec] {
			counted[f.rec] = true
			m.sum.RecordsWithFindings++
			m.normandyWithFindings++
		}
	}
	return u.place(res.file, ps)
}

// resolve is the anchor as a related location.
func (a Anchor) resolve(message string) Related {
	return Related{File: a.File, Line: a.Line, Column: a.Column, Pointer: a.Pointer, Message: message}
}

// mergeDiagnostics adds stream diagnostics to a unit's and keeps the order.
func mergeDiagnostics(ds, more []Diagnostic) []Diagnostic {
	if len(more) == 0 {
		return ds
	}
	ds = append(ds, more...)
	sort.SliceStable(ds, func(i, j int) bool { return lessDiagnostic(&ds[i], &ds[j]) })
	return ds
}
