package cli

import (
	"errors"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/report"
)

// reporterNames lists the --format names for help texts and messages.
func reporterNames() string {
	var names []string
	for _, f := range report.Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// multiReporter sends a run to several reporters (several --format).
type multiReporter []lint.Reporter

// Start implements lint.Reporter.
func (m multiReporter) Start(info lint.RunInfo) error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.Start(info))
	}
	return errors.Join(errs...)
}

// Diagnostic implements lint.Reporter.
func (m multiReporter) Diagnostic(d *lint.Diagnostic) error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.Diagnostic(d))
	}
	return errors.Join(errs...)
}

// File implements lint.Reporter.
func (m multiReporter) File(f lint.FileResult) error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.File(f))
	}
	return errors.Join(errs...)
}

// Finish implements lint.Reporter.
func (m multiReporter) Finish(s lint.Summary) error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.Finish(s))
	}
	return errors.Join(errs...)
}

// minSeverityReporter leaves findings below a severity out of the output
// and counts them in the summary.
type minSeverityReporter struct {
	lint.Reporter
	min    lint.Severity
	hidden int
}

// Diagnostic implements lint.Reporter.
func (m *minSeverityReporter) Diagnostic(d *lint.Diagnostic) error {
	if d.Severity < m.min {
		m.hidden++
		return nil
	}
	return m.Reporter.Diagnostic(d)
}

// Finish implements lint.Reporter.
func (m *minSeverityReporter) Finish(s lint.Summary) error {
	s.Hidden = m.hidden
	return m.Reporter.Finish(s)
}

// capReporter shows at most max findings per rule and counts the rest in
// the summary; the exit code, computed from all findings, is unchanged.
type capReporter struct {
	lint.Reporter
	max  int
	seen map[string]int
}

// Diagnostic implements lint.Reporter.
func (c *capReporter) Diagnostic(d *lint.Diagnostic) error {
	c.seen[d.Rule]++
	if c.seen[d.Rule] > c.max {
		return nil
	}
	return c.Reporter.Diagnostic(d)
}

// Finish implements lint.Reporter.
func (c *capReporter) Finish(s lint.Summary) error {
	for rule, n := range c.seen {
		if n > c.max {
			if s.Omitted == nil {
				s.Omitted = map[string]int{}
			}
			s.Omitted[rule] = n - c.max
		}
	}
	return c.Reporter.Finish(s)
}
