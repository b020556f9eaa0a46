package lint

// RuleCheck runs rules' record checks on records outside a run, as the
// engine does, to measure or test a rule alone, apart from decoding,
// adapters and the schemas (the rules' benchmark). It reuses its storage
// from call to call, so what a benchmark counts is the rule's own work.
type RuleCheck struct {
	fs   []finding
	pass Pass
}

// Run runs rule's Check on r and returns how many findings it reported;
// the findings themselves are dropped.
func (c *RuleCheck) Run(rule *Rule, r *Record) int {
	c.fs = c.fs[:0]
	c.pass = Pass{rule: rule, findings: &c.fs}
	rule.Check(&c.pass, r)
	return len(c.fs)
}
