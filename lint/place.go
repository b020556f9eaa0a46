package lint

import "sort"

// place resolves the findings of a unit to lines and columns, in one pass
// over the unit, and returns them as diagnostics in order. Record checks
// and stream checks both place their findings here.
func (u *unit) place(file string, ps []pending) []Diagnostic {
	if len(ps) == 0 {
		return nil
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
	diags := make([]Diagnostic, 0, len(ps))
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
		for _, a := range p.anchors {
			d.Related = append(d.Related, a.anchor.resolve(a.message))
		}
		diags = append(diags, d)
	}
	sortDiagnostics(diags)
	return diags
}
