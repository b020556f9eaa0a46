package lint

import (
	"errors"
	"fmt"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// pending is a finding whose pointer is mapped to the unit but whose
// position is not resolved yet.
type pending struct {
	st       *ruleState
	identity string
	pointer  string // relative to the unit's raw value
	related  []inputRelated
	// anchors are related places in earlier units (stream findings).
	anchors []relatedAnchor
	key     bool
	message string
	hint    string
	record  int
	// input: reported at an input pointer (Pass.ReportInput), and so
	// subject to yieldInput.
	input bool
}

// process checks one unit.
func (e *Engine) process(u *unit, file, format string) *unitResult {
	res := &unitResult{values: 1, unit: u, file: file}
	res.formats, res.recs = res.formatsBuf[:0], res.recsBuf[:0]
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
		case u.lineErr:
			hint = lineHint
		default:
			hint = "fix the JSON at this position: nothing after it in this file was checked"
		}
		res.diags = append(res.diags, e.parseDiag(u.parseErr, msg, hint, file, u.start, u.prefix))
		return res
	}
	// The skim can only ask for the decoded value of a unit that names
	// Normandy: such a unit is read directly, or decoded at once.
	normandy := namesNormandy(u.raw)
	if normandy && !e.cfg.NoDirect && e.direct(u, file, format, res) {
		return res
	}
	if !normandy && !e.cfg.NoSkim && e.skim(u, format, res) {
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
	if arr, ok := v.([]any); ok && u.top && !isTuple(arr) && looksLikeTuple(arr) {
		// Read as a list (the rule is that a tuple starts with a number),
		// its items are strings and an object that are not records: one
		// finding that says why beats one per item.
		res.records, res.withFindings = 1, 1
		res.count("unrecognized")
		ps = e.add(ps, RuleUnrecognizedInput, "", false,
			fmt.Sprintf("this array looks like an event tuple, but its first item, the timestamp, is %s: a top-level array is an event tuple only when it starts with a number, and read as a list of values its items are not records", Describe(arr[0])),
			"write the timestamp as an integer number of milliseconds", 1)
	} else if ok && u.top && !isTuple(arr) {
		if len(arr) > 0 {
			res.values = len(arr)
		}
		for i, el := range arr {
			ps = e.value(el, IndexPointer("", i), format, res, ps)
		}
	} else {
		ps = e.value(v, "", format, res, ps)
	}
	res.diags = u.place(file, yieldInput(ps))
	return res
}

// yieldInput drops the findings reported at an input pointer
// (Pass.ReportInput) whose rule yields to a rule that reports at the same
// place of the unit, from whichever record: an envelope's fault that a
// record's own check names already. Record findings yield to each other in
// check, by canonical pointer.
func yieldInput(ps []pending) []pending {
	var out []pending
	for i, p := range ps {
		drop := p.input && yieldsAt(p, ps)
		switch {
		case drop && out == nil:
			out = append(make([]pending, 0, len(ps)), ps[:i]...)
		case !drop && out != nil:
			out = append(out, p)
		}
	}
	if out == nil {
		return ps
	}
	return out
}

func yieldsAt(p pending, ps []pending) bool {
	for _, y := range p.st.rule.Yields {
		for _, q := range ps {
			if q.pointer == p.pointer && q.key == p.key && q.st.rule.ID == y {
				return true
			}
		}
	}
	return false
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

// isTuple reports whether a top-level array is one event tuple rather than a
// list of values: its first item is a number and its second a string.
func isTuple(arr []any) bool {
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
	return e.extracted(x, base, res, ps)
}

// extracted counts and checks what an adapter found in a value read at
// base.
func (e *Engine) extracted(x *Extraction, base string, res *unitResult, ps []pending) []pending {
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
				if len(e.anchors) > 0 {
					e.anchorsAhead(&res.recs[len(res.recs)-1])
				}
			} else if it.record.Recycle != nil {
				it.record.Recycle(it.record)
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

// checkScratch is what check needs per record and reuses across records:
// one Pass for every rule and the findings' buffer.
type checkScratch struct {
	pass Pass
	fs   []finding
}

var checkScratches = sync.Pool{New: func() any { return new(checkScratch) }}

// check runs the validators and the rules' checks on one record.
func (e *Engine) check(r *Record, base string, n int, ps []pending) []pending {
	sc := checkScratches.Get().(*checkScratch)
	fs := sc.fs[:0]
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
	// The rules append to the scratch's own slice: pointing them at the
	// local variable would move it to the heap, once per record.
	sc.fs = fs
	sc.pass.findings = &sc.fs
	for _, st := range e.checks {
		sc.pass.rule = st.rule
		st.rule.Check(&sc.pass, r)
	}
	fs = applyYields(sc.fs)
	for _, f := range fs {
		if f.input {
			ps = append(ps, pending{st: e.byID[f.rule.ID], pointer: base + f.pointer, key: f.key, message: f.message, hint: f.hint, record: n, input: true})
			continue
		}
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
	clear(fs) // drop the references to messages and rules
	sc.fs, sc.pass = fs[:0], Pass{}
	checkScratches.Put(sc)
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
			if i == j || g.pointer != f.pointer || g.input != f.input {
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
