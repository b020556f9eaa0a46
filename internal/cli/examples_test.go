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

// TestExplainExamples executes every rule's documented examples: what
// `normlint explain` shows must be true.
func TestExplainExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Doc.Bad == "" || r.Doc.Good == "" || r.Doc.Rationale == "" || r.Doc.Spec == "" {
				t.Fatalf("%s lacks documentation (rationale, spec, bad and good examples are required)", r.ID)
			}
			if r.ID == rules.UnusedWaiver || r.ID == rules.ExpiredWaiver {
				checkConfigExamples(t, r.ID, r.Doc.Bad, r.Doc.Good)
				return
			}
			diags := checkString(t, "bad.json", r.Doc.Bad)
			fired := false
			for _, d := range diags {
				if d.Rule == r.ID {
					fired = true
				}
			}
			if !fired {
				t.Errorf("the Bad example does not make %s fire; got %v", r.ID, rulesOf(diags))
			}
			diags = checkString(t, "good.json", r.Doc.Good)
			for _, d := range diags {
				if d.Rule == r.ID || d.Severity >= lint.SeverityWarning {
					t.Errorf("the Good example gives %s (%s): %s", d.Rule, d.Severity, d.Message)
				}
			}
		})
	}
}

// checkConfigExamples runs the configuration rules' examples: each is a
// .normlint.yaml used to check rules.ExampleData.
func checkConfigExamples(t *testing.T, id, bad, good string) {
	for _, tc := range []struct {
		conf string
		fire bool
	}{{bad, true}, {good, false}} {
		dir := writeFiles(t, map[string]string{".normlint.yaml": tc.conf + "\n", "data.json": rules.ExampleData})
		r := normlint(t, dir, "", nil, "check", "--color", "never", "data.json")
		if fired := strings.Contains(r.stdout, "["+id+"]"); fired != tc.fire {
			t.Errorf("with %q, %s fired: %v, want %v\n%s%s", tc.conf, id, fired, tc.fire, r.stdout, r.stderr)
		}
		if !tc.fire && r.code != 0 {
			t.Errorf("the Good configuration must leave the run clean: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
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
