package rules_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/cli"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// exampleData is the record the configuration rules' examples (waivers)
// are tried on.
const exampleData = `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "unknown"}}`

// TestExamples runs every rule's documented examples: what `normlint
// explain` and docs/rules.md show must be true. Bad makes the rule fire;
// Good gives neither it nor anything at warning level or above.
func TestExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Doc.Bad == "" || r.Doc.Good == "" || r.Doc.Rationale == "" || r.Doc.Spec == "" {
				t.Fatalf("%s lacks documentation (rationale, spec, bad and good examples are required)", r.ID)
			}
			if r.ID == rules.UnusedWaiver || r.ID == rules.ExpiredWaiver {
				checkConfigExamples(t, r.ID, r.Doc.Bad, r.Doc.Good)
				return
			}
			maxPairs := 0
			if r.ID == rules.LifecycleLimit {
				// Its examples are documented to run with
				// --max-lifecycle-pairs 1.
				maxPairs = 1
			}
			var fx rules.FirefoxRange
			if r.ID == rules.OtherEraValue {
				// Its examples are documented to run with
				// --firefox-version >=134.
				fx = mustRange(t, ">=134")
			}
			diags := check(t, "bad.json", r.Doc.Bad, maxPairs, fx)
			fired := false
			for _, d := range diags {
				if d.Rule == r.ID {
					fired = true
				}
			}
			if !fired {
				t.Errorf("the Bad example does not make %s fire; got %v", r.ID, describe(diags))
			}
			for _, d := range check(t, "good.json", r.Doc.Good, maxPairs, fx) {
				if d.Rule == r.ID || d.Severity >= lint.SeverityWarning {
					t.Errorf("the Good example gives %s (%s): %s", d.Rule, d.Severity, d.Message)
				}
			}
		})
	}
}

// checkConfigExamples runs the configuration rules' examples: each is a
// .normlint.yaml used to check exampleData, through the command line.
func checkConfigExamples(t *testing.T, id, bad, good string) {
	for _, tc := range []struct {
		conf string
		fire bool
	}{{bad, true}, {good, false}} {
		dir := t.TempDir()
		for name, data := range map[string]string{".normlint.yaml": tc.conf + "\n", "data.json": exampleData} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(dir)
		var stdout, stderr bytes.Buffer
		code := cli.Run([]string{"normlint", "check", "--color", "never", "data.json"}, nil, &stdout, &stderr)
		if fired := strings.Contains(stdout.String(), "["+id+"]"); fired != tc.fire {
			t.Errorf("with %q, %s fired: %v, want %v\n%s%s", tc.conf, id, fired, tc.fire, stdout.String(), stderr.String())
		}
		if !tc.fire && code != 0 {
			t.Errorf("the Good configuration must leave the run clean: exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
	}
}

// mustRange parses a Firefox version range written by the test.
func mustRange(t *testing.T, s string) rules.FirefoxRange {
	t.Helper()
	fx, err := rules.ParseFirefoxRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// check runs the engine as rules.Setup composes it on one in-memory file,
// with a bound on the lifecycle state when maxPairs is not 0 and the
// Firefox versions fx when it is not zero.
func check(t *testing.T, name, data string, maxPairs int, fx rules.FirefoxRange) []lint.Diagnostic {
	t.Helper()
	cfg := rules.Setup()
	rules.ForFirefox(&cfg, fx)
	cfg.MaxLifecyclePairs = maxPairs
	eng, err := lint.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := &collector{}
	_, err = eng.Run([]lint.Input{{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(data)), nil
	}}}, c)
	if err != nil {
		t.Fatal(err)
	}
	return c.diags
}

// collector is a reporter that keeps the diagnostics.
type collector struct{ diags []lint.Diagnostic }

func (c *collector) Start(lint.RunInfo) error { return nil }
func (c *collector) Diagnostic(d *lint.Diagnostic) error {
	c.diags = append(c.diags, *d)
	return nil
}
func (c *collector) File(lint.FileResult) error { return nil }
func (c *collector) Finish(lint.Summary) error  { return nil }

// describe lists diagnostics as "rule: message" for failure messages.
func describe(ds []lint.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Rule + ": " + d.Message
	}
	return out
}
