package lint

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-json-experiment/json/jsontext"
)

// Config is what the command line hands the engine: the catalog, the schema
// validators and the input adapters, none of which the engine knows itself.
type Config struct {
	Rules      []*Rule
	Validators []Validator
	// Adapters are tried in order; the first whose Detect accepts a value
	// extracts it.
	Adapters []Adapter
	// Format, when set, is the one adapter name tried for every value: a
	// value it does not accept is unrecognized input.
	Format string
	// Workers is the number of units checked at once; 0 means one per CPU.
	Workers int
	// Severity overrides rules' default severities.
	Severity map[string]Severity
	// Disabled rules are not run and never reported.
	Disabled map[string]bool
	// Observer, when set, sees every Normandy record in stream order, as
	// the stream checks do (the audit report counts them).
	Observer Observer
	// Progress, when set, is kept up to date while the run goes on.
	Progress *Progress
	// Info describes the tool to reporters; the engine fills in Rules.
	Info RunInfo
	// Suppress, when set, decides for every finding whether it is
	// reported (a configuration waiver, a baseline entry). Suppressed
	// findings are counted apart and do not make the run fail.
	Suppress func(d *Diagnostic) Suppression
	// ShowWaived reports waived findings anyway, marked as waived.
	ShowWaived bool
	// Finally, when set, is called once all inputs are done, for
	// findings about the run itself (unused or expired waivers); they are
	// reported and counted like the others, after them.
	Finally func() []Diagnostic
}

// Suppression is why a finding is not reported.
type Suppression uint8

// Suppressions.
const (
	NotSuppressed Suppression = iota
	Waived
	Baselined
)

// Observer sees every Normandy record of a run in stream order, on one
// goroutine.
type Observer interface {
	Observe(r *Record, file string)
}

// Progress counts a run's work as it happens, for a progress display; it
// is safe to read from another goroutine.
type Progress struct {
	// Bytes read from the inputs (compressed bytes for gzip).
	Bytes atomic.Int64
	// Records reported so far.
	Records atomic.Int64
}

// Input is one thing to check: a file, or standard input.
type Input struct {
	// Name is shown in diagnostics.
	Name string
	// Open returns the input's bytes. An error makes the input unreadable
	// (exit 3); the other inputs are still checked.
	Open func() (io.ReadCloser, error)
	// Format, when set, is the one adapter name tried for this input's
	// values, over Config.Format.
	Format string
}

// Engine runs the catalog over inputs. It is safe to Run once at a time.
type Engine struct {
	cfg     Config
	byID    map[string]*ruleState
	checks  []*ruleState
	streams []*ruleState
	rules   []*Rule
}

type ruleState struct {
	rule *Rule
	sev  Severity
	on   bool
}

// New validates the configuration and prepares an engine.
func New(cfg Config) (*Engine, error) {
	e := &Engine{cfg: cfg, byID: map[string]*ruleState{}}
	groups := map[string]bool{}
	for _, r := range cfg.Rules {
		if _, dup := e.byID[r.ID]; dup {
			return nil, fmt.Errorf("rule %s is defined twice", r.ID)
		}
		st := &ruleState{rule: r, sev: r.Severity, on: !cfg.Disabled[r.ID]}
		if s, ok := cfg.Severity[r.ID]; ok {
			st.sev = s
		}
		e.byID[r.ID] = st
		if r.Check != nil && st.on {
			e.checks = append(e.checks, st)
		}
		if r.NewStream != nil && st.on {
			if r.StreamGroup == "" || !groups[r.StreamGroup] {
				e.streams = append(e.streams, st)
			}
			if r.StreamGroup != "" {
				groups[r.StreamGroup] = true
			}
		}
		eff := *r
		eff.Severity = st.sev
		e.rules = append(e.rules, &eff)
	}
	for _, id := range []string{RuleParseError, RuleUnrecognizedInput, RuleMalformedRecord, RuleNoNormandyRecords} {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("the catalog lacks the engine rule %s", id)
		}
	}
	for id := range cfg.Severity {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	for id := range cfg.Disabled {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	if cfg.Format != "" && e.adapter(cfg.Format) == nil {
		return nil, fmt.Errorf("unknown input format %q", cfg.Format)
	}
	if e.cfg.Workers <= 0 {
		e.cfg.Workers = runtime.GOMAXPROCS(0)
	}
	return e, nil
}

// Rules returns the catalog with effective severities.
func (e *Engine) Rules() []*Rule { return e.rules }

// job is one step of the ordered stream: a unit to check, or the end of a
// file.
type job struct {
	seq     int
	file    int
	unit    *unit
	fileEnd bool
	readErr error
}

// unitResult is what checking a unit produced. Record numbers in diags are
// relative to the unit until the emitter numbers them within the file.
type unitResult struct {
	diags []Diagnostic
	// recs are the unit's Normandy records, for the stream checks.
	recs         []streamRecord
	unit         *unit
	file         string
	values       int
	records      int
	normandy     int
	skipped      int
	withFindings int
	// normandyWithFindings counts the Normandy records among withFindings.
	normandyWithFindings int
	// parseErrors counts the records that were unreadable JSON.
	parseErrors int
	// formats counts records per input format; a unit rarely holds more
	// than one, so a slice beats a map.
	formats []formatCount
}

type formatCount struct {
	name string
	n    int
}

// Run checks the inputs in order and reports to rep. Units are checked in
// parallel; what rep sees does not depend on scheduling. The error is a
// reporter's error (a write failure); unreadable inputs are counted in the
// summary, not returned.
func (e *Engine) Run(inputs []Input, rep Reporter) (Summary, error) {
	sum := Summary{Formats: map[string]int{}}
	info := e.cfg.Info
	if info.Tool == "" {
		info.Tool = "normlint"
	}
	info.Rules = e.rules
	if err := rep.Start(info); err != nil {
		return sum, err
	}
	workers := e.cfg.Workers
	// inFlight bounds memory: the reader waits while this many units are
	// read but not yet reported.
	inFlight := make(chan struct{}, workers*4)
	jobs := make(chan job)
	results := make(chan struct {
		j   job
		res *unitResult
	}, workers*4)
	stop := make(chan struct{})

	go func() {
		defer close(jobs)
		seq := 0
		send := func(j job) bool {
			select {
			case inFlight <- struct{}{}:
			case <-stop:
				return false
			}
			j.seq = seq
			seq++
			select {
			case jobs <- j:
				return true
			case <-stop:
				return false
			}
		}
		for i, in := range inputs {
			var readErr error
			rc, err := in.Open()
			if err != nil {
				readErr = err
			} else {
				if e.cfg.Progress != nil {
					rc = &countingReader{ReadCloser: rc, n: &e.cfg.Progress.Bytes}
				}
				errStop := errors.New("stopped")
				err = splitUnits(rc, func(u *unit) error {
					if !send(job{file: i, unit: u}) {
						return errStop
					}
					return nil
				})
				_ = rc.Close()
				if errors.Is(err, errStop) {
					return
				}
				readErr = err
			}
			if !send(job{file: i, fileEnd: true, readErr: readErr}) {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var res *unitResult
				if j.unit != nil {
					in := inputs[j.file]
					format := in.Format
					if format == "" {
						format = e.cfg.Format
					}
					res = e.process(j.unit, in.Name, format)
				}
				results <- struct {
					j   job
					res *unitResult
				}{j, res}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	em := emitter{rep: rep, sum: &sum, e: e, inputs: inputs}
	for _, st := range e.streams {
		em.streams = append(em.streams, streamState{st: st, impl: st.rule.NewStream(), byID: e.byID})
	}
	waiting := map[int]struct {
		j   job
		res *unitResult
	}{}
	next := 0
	var repErr error
	for r := range results {
		waiting[r.j.seq] = r
		for {
			w, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if repErr == nil {
				repErr = em.emit(w.j, w.res)
				if repErr != nil {
					close(stop)
				}
			}
			<-inFlight
		}
	}
	if repErr != nil {
		return sum, repErr
	}
	sum.CleanRecords = sum.NormandyRecords - em.normandyWithFindings
	if e.cfg.Finally != nil {
		last := e.cfg.Finally()
		sortDiagnostics(last)
		for i := range last {
			sum.Add(&last[i])
			if err := rep.Diagnostic(&last[i]); err != nil {
				return sum, err
			}
		}
	}
	return sum, rep.Finish(sum)
}

// countingReader adds what it reads to a progress counter.
type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// emitter numbers records within files, holds back a file's diagnostics
// until it is known whether the file has Normandy records, and feeds the
// reporter in order.
type emitter struct {
	rep    Reporter
	sum    *Summary
	e      *Engine
	inputs []Input

	file                 int
	started              bool
	values               int
	records              int
	parseErrors          int
	normandy             int
	findings             int
	held                 []Diagnostic
	normandyWithFindings int
	streams              []streamState
}

type streamState struct {
	st   *ruleState
	impl Stream
	byID map[string]*ruleState
}

func (m *emitter) startFile(i int) {
	if m.started && m.file == i {
		return
	}
	m.started, m.file = true, i
	m.values, m.records, m.parseErrors, m.normandy, m.findings, m.held = 0, 0, 0, 0, 0, nil
}

func (m *emitter) emit(j job, res *unitResult) error {
	m.startFile(j.file)
	name := m.inputs[j.file].Name
	if j.fileEnd {
		return m.endFile(name, j.readErr)
	}
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
		if obs := m.e.cfg.Observer; obs != nil {
			obs.Observe(res.recs[i].rec, res.recs[i].file)
		}
	}
	if p := m.e.cfg.Progress; p != nil {
		p.Records.Add(int64(res.records))
	}
	res.diags = mergeDiagnostics(res.diags, m.runStreams(res))
	if m.normandy == 0 {
		m.held = append(m.held, res.diags...)
		return nil
	}
	if err := m.flush(); err != nil {
		return err
	}
	return m.send(res.diags)
}

func (m *emitter) flush() error {
	held := m.held
	m.held = nil
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

func (m *emitter) endFile(name string, readErr error) error {
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
			sortDiagnostics(m.held)
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

// pending is a finding whose pointer is mapped to the unit but whose
// position is not resolved yet.
type pending struct {
	st       *ruleState
	identity string
	pointer  string // relative to the unit's raw value
	related  []inputRelated
	key      bool
	message  string
	hint     string
	record   int
}

// process checks one unit.
func (e *Engine) process(u *unit, file, format string) *unitResult {
	res := &unitResult{values: 1, unit: u, file: file}
	if u.parseErr != nil {
		res.records, res.withFindings, res.parseErrors = 1, 1, 1
		hint := "the data after this position is lost; the records before it were checked"
		msg := u.parseMsg
		var ce *CorruptError
		var be *BinaryError
		switch {
		case errors.As(u.parseErr, &ce):
			msg = ce.Error()
		case errors.As(u.parseErr, &be):
			msg = be.Error()
			hint = "normlint reads JSON, JSON Lines and their gzip; check that this is the file you meant (nothing in it was checked)"
			if be.UTF16 {
				hint = "convert it to UTF-8 (iconv -f UTF-16 -t UTF-8) and check it again"
			}
		default:
			hint = "fix the JSON at this position: nothing after it in this file was checked"
		}
		res.diags = append(res.diags, e.parseDiag(u.parseErr, msg, hint, file, u.start, u.prefix))
		return res
	}
	v, err := Decode(u.raw)
	if err != nil {
		res.records, res.withFindings, res.parseErrors = 1, 1, 1
		var se *jsontext.SyntacticError
		off := 0
		if errors.As(err, &se) {
			off = min(int(se.ByteOffset), len(u.raw))
		}
		msg, off := syntaxProblem(err, u.raw, off)
		res.diags = append(res.diags, e.parseDiag(err, msg, "fix the JSON at this position; the other lines of the file are still checked",
			file, advance(u.start, u.raw[:off]), u.prefix))
		return res
	}
	var ps []pending
	if arr, ok := v.([]any); ok && u.top && !IsTuple(arr) && looksLikeTuple(arr) {
		// Read as a list (the rule is that a tuple starts with a number),
		// its items are strings and an object that are not records: one
		// finding that says why beats one per item.
		res.records, res.withFindings = 1, 1
		res.count("unrecognized")
		ps = e.add(ps, RuleUnrecognizedInput, "", false,
			fmt.Sprintf("this array looks like an event tuple, but its first item, the timestamp, is %s: a top-level array is an event tuple only when it starts with a number, and read as a list of values its items are not records", Describe(arr[0])),
			"write the timestamp as an integer number of milliseconds", 1)
	} else if ok && u.top && !IsTuple(arr) {
		if len(arr) > 0 {
			res.values = len(arr)
		}
		for i, el := range arr {
			ps = e.value(el, IndexPointer("", i), format, res, ps)
		}
	} else {
		ps = e.value(v, "", format, res, ps)
	}
	if len(ps) == 0 {
		return res
	}
	targets := make(map[target]int, len(ps))
	for _, p := range ps {
		targets[target{pointer: p.pointer, key: p.key}] = 0
		for _, r := range p.related {
			targets[target{pointer: r.pointer}] = 0
		}
	}
	locate(u.raw, targets)
	// Offsets are resolved in increasing order so that each position is
	// computed from the previous one, not from the unit's start.
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	offOf := func(i int) int { return targets[target{pointer: ps[i].pointer, key: ps[i].key}] }
	sort.SliceStable(order, func(a, b int) bool { return offOf(order[a]) < offOf(order[b]) })
	pos, last := u.start, 0
	for _, i := range order {
		p := ps[i]
		off := offOf(i)
		pos = advance(pos, u.raw[last:off])
		last = off
		d := Diagnostic{
			Rule: p.st.rule.ID, Severity: p.st.sev, Message: p.message, Hint: p.hint,
			File: file, Line: pos.Line, Column: pos.Column, Pointer: u.prefix + p.pointer, Record: p.record,
			Identity: p.identity,
		}
		for _, r := range p.related {
			rpos := advance(u.start, u.raw[:targets[target{pointer: r.pointer}]])
			d.Related = append(d.Related, Related{File: file, Line: rpos.Line, Column: rpos.Column, Pointer: u.prefix + r.pointer, Message: r.message})
		}
		res.diags = append(res.diags, d)
	}
	sortDiagnostics(res.diags)
	return res
}

// looksLikeTuple reports whether an array that is not a tuple by the rule has
// a tuple's shape but for its first item.
func looksLikeTuple(arr []any) bool {
	if len(arr) < 4 || len(arr) > 6 {
		return false
	}
	for _, v := range arr[1:4] {
		if _, ok := v.(string); !ok {
			return false
		}
	}
	return true
}

// adapter returns the adapter of a format name, or nil.
func (e *Engine) adapter(name string) Adapter {
	for _, a := range e.cfg.Adapters {
		if a.Name() == name {
			return a
		}
	}
	return nil
}

// IsTuple reports whether a top-level array is one event tuple rather than a
// list of values: its first item is a number and its second a string.
func IsTuple(arr []any) bool {
	if len(arr) < 2 {
		return false
	}
	_, num := arr[0].(float64)
	_, str := arr[1].(string)
	return num && str
}

// value extracts and checks one value of a unit.
func (e *Engine) value(v any, base, format string, res *unitResult, ps []pending) []pending {
	var ad Adapter
	if format != "" {
		if a := e.adapter(format); a.Detect(v) {
			ad = a
		}
	} else {
		for _, a := range e.cfg.Adapters {
			if a.Detect(v) {
				ad = a
				break
			}
		}
	}
	if ad == nil {
		res.records++
		res.withFindings++
		res.count("unrecognized")
		msg, hint := unrecognizedMessage(v), unrecognizedHint
		if format != "" {
			msg = fmt.Sprintf("%s, but the input format %s expects %s", unrecognizedShape(v), format, e.adapter(format).Describe())
			hint = "drop the forced format (--input-format, or input-formats in the configuration) to let normlint recognize each value's format"
		}
		return e.add(ps, RuleUnrecognizedInput, base, false, msg, hint, res.records)
	}
	x := &Extraction{}
	ad.Extract(v, x)
	for _, it := range x.items {
		res.records++
		res.count(it.format)
		n := res.records
		switch it.kind {
		case itemSkipped:
			res.skipped++
		case itemMalformed:
			res.withFindings++
			ps = e.add(ps, it.rule, base+it.pointer, it.key, it.message, it.hint, n)
		case itemRecord:
			res.normandy++
			before := len(ps)
			ps = e.check(it.record, base, n, ps)
			had := len(ps) > before
			if had {
				res.withFindings++
				res.normandyWithFindings++
			}
			if len(e.streams) > 0 || e.cfg.Observer != nil {
				res.recs = append(res.recs, streamRecord{rec: it.record, file: res.file, u: res.unit, base: base, n: n, hadFindings: had})
			}
		}
	}
	return ps
}

func (res *unitResult) count(format string) {
	for i := range res.formats {
		if res.formats[i].name == format {
			res.formats[i].n++
			return
		}
	}
	res.formats = append(res.formats, formatCount{format, 1})
}

func (e *Engine) add(ps []pending, id, ptr string, key bool, msg, hint string, record int) []pending {
	st := e.byID[id]
	if st == nil {
		// An adapter names a rule the catalog lacks: a defect that tests
		// catch; never lose the finding.
		st = e.byID[RuleMalformedRecord]
	}
	if !st.on {
		return ps
	}
	return append(ps, pending{st: st, pointer: ptr, key: key, message: msg, hint: hint, record: record})
}

// check runs the validators and the rules' checks on one record.
func (e *Engine) check(r *Record, base string, n int, ps []pending) []pending {
	var fs []finding
	for _, val := range e.cfg.Validators {
		for _, v := range val.Validate(r) {
			st := e.byID[v.Rule]
			if st == nil {
				// A schema names a rule the catalog lacks: a defect that
				// tests catch; never lose the finding.
				st = e.byID[RuleMalformedRecord]
			}
			if !st.on {
				continue
			}
			msg, hint := fmt.Sprintf("schema constraint %s failed", v.SchemaLocation), ""
			if st.rule.Message != nil {
				msg, hint = st.rule.Message(r, &v)
			}
			f := finding{rule: st.rule, pointer: v.Pointer, key: v.Key, message: msg, hint: hint}
			if len(v.Missing) > 0 {
				f.missing = v.Missing[0]
			}
			fs = append(fs, f)
		}
	}
	for _, st := range e.checks {
		st.rule.Check(&Pass{rule: st.rule, findings: &fs}, r)
	}
	fs = applyYields(fs)
	for _, f := range fs {
		var loc Location
		if f.missing != "" {
			loc = r.Loc.Container(f.pointer, f.missing)
		} else {
			loc = r.Loc.Locate(f.pointer, f.key)
		}
		msg := f.message
		if loc.Note != "" {
			msg += " (" + loc.Note + ")"
		}
		p := pending{st: e.byID[f.rule.ID], pointer: base + loc.Pointer, key: loc.Key, message: msg, hint: f.hint, record: n, identity: r.Identity()}
		for _, r := range f.related {
			p.related = append(p.related, inputRelated{pointer: base + r.pointer, message: r.message})
		}
		ps = append(ps, p)
	}
	return ps
}

// applyYields drops findings made redundant by another finding at the same
// pointer (Rule.Yields).
func applyYields(fs []finding) []finding {
	if len(fs) < 2 {
		return fs
	}
	out := fs[:0:0]
	for i, f := range fs {
		drop := false
		for j, g := range fs {
			if i == j || g.pointer != f.pointer {
				continue
			}
			for _, y := range f.rule.Yields {
				if y == g.rule.ID {
					drop = true
				}
			}
		}
		if !drop {
			out = append(out, f)
		}
	}
	return out
}

// parseDiag reports a syntax error.
func (e *Engine) parseDiag(err error, msg, hint, file string, pos Position, prefix string) Diagnostic {
	st := e.byID[RuleParseError]
	ptr := prefix
	var se *jsontext.SyntacticError
	if errors.As(err, &se) && se.JSONPointer != "" {
		ptr = prefix + string(se.JSONPointer)
	}
	return Diagnostic{Rule: RuleParseError, Severity: st.sev, Message: msg, File: file, Line: pos.Line, Column: pos.Column, Pointer: ptr, Record: 1, Hint: hint}
}

// syntaxProblem words a syntax error found at off in data. The decoder
// blames a trailing comma on the comma or on the bracket after it; either
// way the finding moves to the comma, where people look.
func syntaxProblem(err error, data []byte, off int) (string, int) {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return "invalid JSON: " + err.Error(), off
	}
	if off < len(data) {
		switch data[off] {
		case ',':
			if next := skipSpace(data[off+1:]); len(next) > 0 && (next[0] == '}' || next[0] == ']') {
				return fmt.Sprintf("invalid JSON: trailing comma before '%c'", next[0]), off
			}
		case '}', ']':
			i := off - 1
			for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
				i--
			}
			if i >= 0 && data[i] == ',' {
				return fmt.Sprintf("invalid JSON: trailing comma before '%c'", data[off]), i
			}
		}
	}
	return describeSyntaxError(se), off
}

// describeSyntaxError words a decoder error without the decoder's prefix
// and byte offset (the diagnostic carries line and column instead).
func describeSyntaxError(se *jsontext.SyntacticError) string {
	msg := "invalid JSON"
	if se.Err != nil {
		msg = se.Err.Error()
	}
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of input: the JSON value is not complete"
	}
	if strings.Contains(msg, "duplicate") {
		name := ""
		if toks := SplitPointer(string(se.JSONPointer)); len(toks) > 0 {
			name = " " + Quote(toks[len(toks)-1])
		}
		msg = fmt.Sprintf("duplicate object key%s: JSON objects must not repeat a key (parsers disagree about which value wins)", name)
	}
	return "invalid JSON: " + msg
}

const unrecognizedHint = "normlint reads Normandy records ({\"category\", \"method\", \"object\", ...} or {\"source\", \"status\"}), event tuples ([timestamp, category, method, object, value, extra]), Telemetry pings (event, main and others), Glean pings and exported event rows; see README"

// unrecognizedShape names what a value is, for the forced-format message.
func unrecognizedShape(v any) string {
	switch v := v.(type) {
	case *Object:
		if t, ok := v.String("type"); ok {
			return fmt.Sprintf("a %s ping", Quote(t))
		}
		if len(v.Names) == 0 {
			return "an empty JSON object"
		}
		return "a JSON object with keys " + shownKeys(v.Names, 4)
	case []any:
		return fmt.Sprintf("a JSON array of %d %s", len(v), plural(len(v), "item", "items"))
	case string:
		return "a JSON string"
	case float64:
		return "a JSON number"
	case bool:
		return "a JSON boolean"
	}
	return "JSON null"
}

func unrecognizedMessage(v any) string {
	if o, ok := v.(*Object); ok && len(o.Names) > 0 {
		return fmt.Sprintf("a JSON object with keys %s matches no supported input shape (expected a Normandy record, an event tuple or a Telemetry ping)", shownKeys(o.Names, 6))
	}
	if arr, ok := v.([]any); ok {
		return fmt.Sprintf("a JSON array of %d %s is neither an event tuple ([timestamp, category, method, object, ...]) nor a list of records", len(arr), plural(len(arr), "item", "items"))
	}
	return unrecognizedShape(v) + " matches no supported input shape (expected a Normandy record, an event tuple or a Telemetry ping)"
}

// shownKeys lists at most n of an object's member names for a message,
// each as Shown renders it.
func shownKeys(names []string, n int) string {
	var keys []string
	for i, k := range names {
		if i == n {
			keys = append(keys, "...")
			break
		}
		keys = append(keys, Shown(k))
	}
	return strings.Join(keys, ", ")
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// sortDiagnostics orders diagnostics by line, column, rule and message.
func sortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool { return lessDiagnostic(&ds[i], &ds[j]) })
}

func lessDiagnostic(a, b *Diagnostic) bool {
	return cmp.Or(
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Pointer, b.Pointer),
		strings.Compare(a.Message, b.Message),
	) < 0
}
