package lint

import "fmt"

// emitter numbers records within files, holds back a file's first
// diagnostics until it is known whether the file has Normandy records, and
// feeds the reporter in order.
//
// Holding back keeps a file's no-normandy-records finding, at line 1, in
// line order with the file's other findings. It is bounded: past
// maxHeld diagnostics the held ones are reported, nothing more is held,
// and no-normandy-records, if the file turns out to have no Normandy
// record, comes after the file's other findings.
type emitter struct {
	rep    Reporter
	sum    *Summary
	e      *Engine
	inputs []Input
	// streamPass and streamFindings are runStreams' scratch, reused from
	// record to record.
	streamPass     StreamPass
	streamFindings []streamFinding

	file        int
	started     bool
	values      int
	records     int
	parseErrors int
	normandy    int
	findings    int
	held        []Diagnostic
	// holding says the file's diagnostics are still held back.
	holding              bool
	normandyWithFindings int
	streams              []streamState
}

type streamState struct {
	st   *ruleState
	impl Stream
	byID map[string]*ruleState
}

// maxHeld bounds the diagnostics held back per file.
const maxHeld = 1024

func (m *emitter) startFile(i int) {
	if m.started && m.file == i {
		return
	}
	m.started, m.file = true, i
	m.values, m.records, m.parseErrors, m.normandy, m.findings, m.held = 0, 0, 0, 0, 0, nil
	// Nothing is held when no-normandy-records cannot be reported.
	m.holding = m.e.byID[RuleNoNormandyRecords].on
}

// emit reports one checked unit of file i.
func (m *emitter) emit(i int, res *unitResult) error {
	m.startFile(i)
	base := m.records
	m.values += res.values
	m.records += res.records
	m.parseErrors += res.parseErrors
	m.normandy += res.normandy
	m.sum.Records += res.records
	m.sum.NormandyRecords += res.normandy
	m.sum.SkippedRecords += res.skipped
	m.sum.RecordsWithFindings += res.withFindings
	m.normandyWithFindings += res.normandyWithFindings
	for _, f := range res.formats {
		m.sum.Formats[f.name] += f.n
	}
	for i := range res.diags {
		d := &res.diags[i]
		if d.Record > 0 {
			d.Record += base
		}
	}
	for i := range res.recs {
		res.recs[i].n += base
	}
	if p := m.e.cfg.Progress; p != nil {
		p.Records.Add(int64(res.records))
	}
	more := m.runStreams(res)
	res.diags = dropRepeats(res.diags, res.recs)
	// The observer sees a record once the streams said whether it is a
	// repeat, which it must not count again.
	if obs := m.e.cfg.Observer; obs != nil {
		no, numbered := obs.(NumberedObserver)
		for i := range res.recs {
			sr := &res.recs[i]
			switch {
			case sr.repeat:
				if ro, ok := obs.(RepeatObserver); ok {
					ro.ObserveRepeat(sr.rec, sr.file, sr.n)
				}
			case numbered:
				no.ObserveNumbered(sr.rec, sr.file, sr.n)
			default:
				obs.Observe(sr.rec, sr.file)
			}
		}
	}
	res.diags = mergeDiagnostics(res.diags, more)
	// The records have been seen by everything that sees them.
	for i := range res.recs {
		if r := res.recs[i].rec; r.Recycle != nil {
			r.Recycle(r)
		}
		res.recs[i].rec = nil
	}
	if m.holding && m.normandy == 0 && len(m.held)+len(res.diags) <= maxHeld {
		m.held = append(m.held, res.diags...)
		return nil
	}
	if err := m.flush(); err != nil {
		return err
	}
	return m.send(res.diags)
}

// dropRepeats drops the findings of the records the streams found to be
// repeats (StreamPass.Repeat).
func dropRepeats(ds []Diagnostic, recs []streamRecord) []Diagnostic {
	var repeats map[int]bool
	for i := range recs {
		if recs[i].repeat {
			if repeats == nil {
				repeats = map[int]bool{}
			}
			repeats[recs[i].n] = true
		}
	}
	if repeats == nil {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Record == 0 || !repeats[d.Record] {
			out = append(out, d)
		}
	}
	return out
}

// flush reports the held diagnostics and ends holding for the file.
func (m *emitter) flush() error {
	held := m.held
	m.held, m.holding = nil, false
	return m.send(held)
}

func (m *emitter) send(ds []Diagnostic) error {
	for i := range ds {
		d := &ds[i]
		if sup := m.e.cfg.Suppress; sup != nil {
			switch sup(d) {
			case Waived:
				m.sum.Waived++
				if !m.e.cfg.ShowWaived {
					continue
				}
				d.Waived = true
				if err := m.rep.Diagnostic(d); err != nil {
					return err
				}
				continue
			case Baselined:
				m.sum.Baselined++
				continue
			}
		}
		m.sum.Add(d)
		m.findings++
		if err := m.rep.Diagnostic(d); err != nil {
			return err
		}
	}
	return nil
}

// endFile ends file i, whose reading failed with readErr if not nil.
func (m *emitter) endFile(i int, readErr error) error {
	m.startFile(i)
	name := m.inputs[i].Name
	if readErr != nil {
		m.sum.Unreadable++
	} else {
		m.sum.Files++
	}
	// A file of nothing but broken JSON was not read at all: whether it
	// holds Normandy records cannot be known, and the parse errors say so.
	unread := m.records > 0 && m.records == m.parseErrors
	if readErr == nil && m.normandy == 0 && !unread {
		if st := m.e.byID[RuleNoNormandyRecords]; st.on {
			msg := "the file is empty: it holds no Normandy record"
			switch {
			case m.records == 0 && m.values > 0:
				msg = fmt.Sprintf("the file's %d JSON %s no Normandy record (a Telemetry ping of another type, or an empty list)", m.values, plural(m.values, "value holds", "values hold"))
			case m.records > 0:
				msg = fmt.Sprintf("the file holds %d %s, none of them Normandy's (expected at least one normandy event or normandy/... uptake record)", m.records, plural(m.records, "record", "records"))
			}
			d := Diagnostic{Rule: RuleNoNormandyRecords, Severity: st.sev, Message: msg, File: name, Line: 1, Column: 1,
				Hint: "if this file should hold Normandy telemetry, check that it is the export you meant; otherwise leave it out of the run"}
			m.held = append(m.held, d)
			if m.holding {
				sortDiagnostics(m.held)
			}
		}
	}
	if err := m.flush(); err != nil {
		return err
	}
	return m.rep.File(FileResult{File: name, Records: m.records, Findings: m.findings, Err: readErr})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
