package cli

import (
	"testing"

	"github.com/normlint/normlint/internal/linttest"
)

// TestGolden runs every testdata/golden/*.txtar archive. An archive holds
// input files, an optional "args" file (the command line after "normlint",
// one argument per line; default: check --color never and every input file
// in archive order), and the expected "stdout" and "exit" code. Paths in
// the output are relative to a temporary directory holding the inputs.
func TestGolden(t *testing.T) {
	linttest.Run(t, "internal/cli/testdata/*.txtar", Run)
}
