package rules

import (
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/schemas"
)

// Setup is normlint's composition root: the engine configuration with the
// catalog, the embedded schemas that back its schema rules, and every input
// adapter. The command line, the tests and pipelines on other engines start
// from it and add their own options (workers, severities, reporters).
func Setup() lint.Config {
	return lint.Config{
		Rules:      All(),
		Validators: []lint.Validator{schemas.Loading()},
		Adapters:   input.All(),
	}
}
