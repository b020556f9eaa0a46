package audit_test

import (
	"testing"

	"github.com/normlint/normlint/internal/cli"
	"github.com/normlint/normlint/internal/linttest"
)

// TestGolden runs the golden cases of testdata/*.txtar through the real
// command line, in-process.
func TestGolden(t *testing.T) {
	linttest.Run(t, "audit/testdata/*.txtar", cli.Run) // run from the repository root (TestMain)
}
