package audit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/internal/cli"
	"github.com/normlint/normlint/rules"
)

// TestEveryStatusClassified proves that the status table covers every
// status of every family, and agrees with the checks: a status is invalid
// exactly when normlint check reports it under the rule the table names.
func TestEveryStatusClassified(t *testing.T) {
	table := audit.StatusTable()
	n := 0
	for _, fam := range rules.UptakeFamilies() {
		statuses := rules.FamilyStatuses(fam)
		if len(statuses) == 0 {
			t.Fatalf("family %s has no statuses", fam)
		}
		classes := map[audit.Class]int{}
		for _, s := range statuses {
			c := audit.Classify(fam, s)
			classes[c.Class]++
			if c.Class == audit.ClassInvalid || len(c.Constants) == 0 {
				t.Errorf("%s status %s is classified %+v", fam, s, c)
			}
			if table[n].Family != fam || table[n].Status != s || table[n].Class != c.Class {
				t.Errorf("StatusTable()[%d] = %+v, want %s %s %s", n, table[n], fam, s, c.Class)
			}
			n++
		}
		if classes[audit.ClassSuccess] == 0 || classes[audit.ClassFailure] == 0 {
			t.Errorf("family %s: classes %v", fam, classes)
		}
	}
	if n != len(table) {
		t.Errorf("StatusTable has %d rows, the families %d statuses", len(table), n)
	}

	// Every status of any family, and strings of no family, under every
	// family: the report calls invalid what the checks flag.
	candidates := map[string]bool{"signature_error": true, "up_to_date": true, "RECIPE_SIGNATURE_INVALID": true, "unknown_error": true}
	for _, fam := range rules.UptakeFamilies() {
		for _, s := range rules.FamilyStatuses(fam) {
			candidates[s] = true
		}
	}
	sources := map[string]string{"runner": "normandy/runner", "action": "normandy/action/PreferenceExperimentAction", "recipe": "normandy/recipe/7"}
	var in strings.Builder
	var cases []audit.Classification
	for _, fam := range rules.UptakeFamilies() {
		for s := range candidates {
			fmt.Fprintf(&in, `{"source": %q, "status": %q}`+"\n", sources[fam], s)
			cases = append(cases, audit.Classify(fam, s))
		}
	}
	flagged := checkRules(t, in.String())
	invalid := 0
	for i, c := range cases {
		got := flagged[i+1]
		isFlagged := got[rules.InvalidUptakeStatus] || got[rules.InvalidUptakeSource]
		if (c.Class == audit.ClassInvalid) != isFlagged || (isFlagged && !got[c.Rule]) {
			t.Errorf("%s status %s: classified %s (rule %q), check reports %v", c.Family, c.Status, c.Class, c.Rule, got)
		}
		if c.Class == audit.ClassInvalid {
			invalid++
		}
	}
	if invalid < 10 {
		t.Errorf("only %d of the candidates are invalid somewhere: the test proves little", invalid)
	}
}

// checkRules runs normlint check on JSON Lines and returns the rules
// reported per record number.
func checkRules(t *testing.T, jsonl string) map[int]map[string]bool {
	t.Helper()
	file := filepath.Join(t.TempDir(), "statuses.jsonl")
	if err := os.WriteFile(file, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cli.Run([]string{"normlint", "check", "--no-config", "--format", "json", file}, nil, &out, &errb)
	var res struct {
		Diagnostics []struct {
			Rule   string `json:"rule"`
			Record int    `json:"record"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, errb.String())
	}
	got := map[int]map[string]bool{}
	for _, d := range res.Diagnostics {
		if got[d.Record] == nil {
			got[d.Record] = map[string]bool{}
		}
		got[d.Record][d.Rule] = true
	}
	return got
}

// TestClassifyEras checks the classes the report's semantics turn on.
func TestClassifyEras(t *testing.T) {
	for _, tc := range []struct {
		fam, status string
		want        audit.Class
		rule, era   bool
	}{
		{"recipe", "backoff", audit.ClassNotTargeted, false, false},
		{"recipe", "RECIPE_INCOMPATIBLE_CAPABILITIES", audit.ClassNotTargeted, false, false},
		{"recipe", "custom_2_error", audit.ClassNotTargeted, false, true},
		{"action", "custom_2_error", audit.ClassFailure, false, false},
		{"recipe", "sign_error", audit.ClassFailure, false, false},
		{"runner", "success", audit.ClassSuccess, false, false},
		{"runner", "up_to_date", audit.ClassInvalid, true, false},
		{"runner", "ACTION_SUCCESS", audit.ClassInvalid, true, false},
		{"recipe", "signature_error", audit.ClassInvalid, true, false},
		{"", "success", audit.ClassInvalid, true, false},
	} {
		c := audit.Classify(tc.fam, tc.status)
		if c.Class != tc.want || (c.Rule != "") != tc.rule || (c.Era != "") != tc.era {
			t.Errorf("Classify(%q, %q) = %+v, want class %s, rule %v, era %v", tc.fam, tc.status, c, tc.want, tc.rule, tc.era)
		}
	}
}

// statusTableMarkdown renders StatusTable as docs/report.md shows it.
func statusTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| family | status | class | constants | era |\n|---|---|---|---|---|\n")
	for _, c := range audit.StatusTable() {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", c.Family, c.Status, c.Class, strings.Join(c.Constants, ", "), c.Era)
	}
	b.WriteString("| any | any other status | invalid | | rule `" + rules.InvalidUptakeStatus + "` |\n")
	b.WriteString("| a source of no family | any | invalid | | rule `" + rules.InvalidUptakeSource + "` |\n")
	return b.String()
}

// TestStatusTableDocumented keeps docs/report.md's table the one the code
// classifies by.
func TestStatusTableDocumented(t *testing.T) {
	doc, err := os.ReadFile("docs/report.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := statusTableMarkdown(); !strings.Contains(string(doc), want) {
		t.Errorf("docs/report.md does not hold the status table; it reads:\n%s", want)
	}
}
