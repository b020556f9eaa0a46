package lint

// place resolves the findings of a unit to lines and columns, in one pass
// over the unit, and returns them as diagnostics in order. Record checks
// and stream checks both place their findings here.
func (u *unit) place(file string, ps []pending) []Diagnostic {
	if len(ps) == 0 {
		return nil
	}
	targets := make(map[target]Position, len(ps))
	for _, p := range ps {
		targets[target{pointer: p.pointer, key: p.key}] = Position{}
		for _, r := range p.related {
			targets[target{pointer: r.pointer}] = Position{}
		}
	}
	locate(u.raw, u.start, targets)
	diags := make([]Diagnostic, 0, len(ps))
	for _, p := range ps {
		pos := targets[target{pointer: p.pointer, key: p.key}]
		d := Diagnostic{
			Rule: p.st.rule.ID, Severity: p.st.sev, Message: p.message, Hint: p.hint,
			File: file, Line: pos.Line, Column: pos.Column, Pointer: u.prefix + p.pointer, Record: p.record,
			Identity: p.identity,
		}
		for _, r := range p.related {
			rpos := targets[target{pointer: r.pointer}]
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
