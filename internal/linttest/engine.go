package linttest

import (
	"io"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// Collect is a reporter that keeps every diagnostic and the summary, for
// assertions.
type Collect struct {
	Diags   []lint.Diagnostic
	Summary lint.Summary
}

// Start implements lint.Reporter.
func (c *Collect) Start(lint.RunInfo) error { return nil }

// Diagnostic implements lint.Reporter.
func (c *Collect) Diagnostic(d *lint.Diagnostic) error {
	c.Diags = append(c.Diags, *d)
	return nil
}

// File implements lint.Reporter.
func (c *Collect) File(lint.FileResult) error { return nil }

// Finish implements lint.Reporter.
func (c *Collect) Finish(s lint.Summary) error {
	c.Summary = s
	return nil
}

// Engine is the engine of rules.Setup with the given number of workers.
func Engine(tb testing.TB, workers int) *lint.Engine {
	tb.Helper()
	cfg := rules.Setup()
	cfg.Workers = workers
	eng, err := lint.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

// Input is an in-memory file.
func Input(name, data string) lint.Input {
	return lint.Input{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(data)), nil
	}}
}

// Check runs the whole pipeline (catalog, schemas, adapters) on one
// in-memory file and returns its diagnostics in order.
func Check(tb testing.TB, name, data string) []lint.Diagnostic {
	tb.Helper()
	c := &Collect{}
	if _, err := Engine(tb, 2).Run([]lint.Input{Input(name, data)}, c); err != nil {
		tb.Fatal(err)
	}
	return c.Diags
}

// Rules lists the diagnostics as "rule: message", for failure messages.
func Rules(ds []lint.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Rule + ": " + d.Message
	}
	return out
}
