// Helpers shared by the command line's tests that drive the engine
// directly.

package cli

import (
	"io"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
)

// collect is a reporter that keeps diagnostics for assertions.
type collect struct {
	diags []lint.Diagnostic
}

func (c *collect) Start(lint.RunInfo) error { return nil }
func (c *collect) Diagnostic(d *lint.Diagnostic) error {
	c.diags = append(c.diags, *d)
	return nil
}
func (c *collect) File(lint.FileResult) error { return nil }
func (c *collect) Finish(lint.Summary) error  { return nil }

// checkString runs the full pipeline on one in-memory file.
func checkString(t *testing.T, name, data string) []lint.Diagnostic {
	t.Helper()
	eng, err := lint.New(withWorkers(rules.Setup(), 2))
	if err != nil {
		t.Fatal(err)
	}
	c := &collect{}
	_, err = eng.Run([]lint.Input{{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(data)), nil
	}}}, c)
	if err != nil {
		t.Fatal(err)
	}
	return c.diags
}

func rulesOf(ds []lint.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Rule + ": " + d.Message
	}
	return out
}

func newTextReporter(w io.Writer) lint.Reporter {
	text, _ := report.Lookup("text")
	return text.New(w, report.Options{})
}

type readCloser = io.ReadCloser

type nopCloser struct{ io.Reader }

func (nopCloser) Close() error { return nil }
