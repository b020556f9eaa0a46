package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/cli"
	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/rules"
)

// TestRules runs every rule's golden cases (testdata/<rule-id>.txtar)
// through the real command line, in-process.
func TestRules(t *testing.T) {
	linttest.Run(t, "testdata/*.txtar", cli.Run)
}

// TestEveryRuleHasCases: each rule of the catalog has its archive, and the
// archive makes it fire.
func TestEveryRuleHasCases(t *testing.T) {
	for _, r := range rules.All() {
		data, err := os.ReadFile("testdata/" + r.ID + ".txtar")
		if err != nil {
			t.Errorf("rule %s has no golden cases: %v", r.ID, err)
			continue
		}
		if !strings.Contains(string(data), "["+r.ID+"]") {
			t.Errorf("testdata/%s.txtar never makes %s fire", r.ID, r.ID)
		}
	}
}
