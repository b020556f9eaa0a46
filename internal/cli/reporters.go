package cli

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/report"
)

// reporters maps --format names to constructors; a new format is one more
// entry. color only matters to text.
var reporters = map[string]func(w io.Writer, color bool) lint.Reporter{
	"text":       func(w io.Writer, color bool) lint.Reporter { return report.NewText(w, color) },
	"json":       func(w io.Writer, _ bool) lint.Reporter { return report.NewJSON(w) },
	"sarif":      func(w io.Writer, _ bool) lint.Reporter { return report.NewSARIF(w, "") },
	"junit":      func(w io.Writer, _ bool) lint.Reporter { return report.NewJUnit(w) },
	"github":     func(w io.Writer, _ bool) lint.Reporter { return report.NewGitHub(w, os.Getenv("GITHUB_STEP_SUMMARY")) },
	"checkstyle": func(w io.Writer, _ bool) lint.Reporter { return report.NewCheckstyle(w) },
}

// reporterOrder lists the formats for help texts.
var reporterOrder = []string{"text", "json", "sarif", "junit", "github", "checkstyle"}

func reporterNames() string { return strings.Join(reporterOrder, ", ") }

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
