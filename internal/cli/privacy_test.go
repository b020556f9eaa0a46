package cli

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/lint/report"
)

var auditInputs = []string{"testdata/audit/export.jsonl", "testdata/audit/main-ping.json"}

// TestNoClientIDInOutput: client IDs are pseudonymous but personal; no
// output of normlint prints one.
func TestNoClientIDInOutput(t *testing.T) {
	ids := regexp.MustCompile(`client-[a-e]{4}-[0-9]{4}`)
	inputs := append([]string{}, auditInputs...)
	var runs [][]string
	for _, f := range report.Formats() {
		runs = append(runs, append([]string{"check", "--format", f.Name, "--fail-level", "none"}, inputs...))
	}
	for _, f := range audit.Formats {
		runs = append(runs, append([]string{"report", "--format", f}, inputs...))
	}
	for _, args := range runs {
		var out, errb bytes.Buffer
		Run(append([]string{"normlint"}, args...), nil, &out, &errb)
		if m := ids.FindString(out.String() + errb.String()); m != "" {
			t.Errorf("%v printed the client ID %s", args, m)
		}
		if out.Len() == 0 {
			t.Errorf("%v printed nothing", args)
		}
	}
}
