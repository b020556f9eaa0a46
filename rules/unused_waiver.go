package rules

import "github.com/normlint/normlint/lint"

// UnusedWaiver is the ID of the rule against waivers that matched no
// finding.
const UnusedWaiver = "unused-waiver"

func init() {
	register(&lint.Rule{
		ID:       UnusedWaiver,
		Severity: lint.SeverityWarning,
		Summary:  "a waiver in the configuration matched no finding in the run",
		Doc: lint.Doc{
			Rationale: `A waiver in the configuration file matched no finding in this run. Either
the finding it accepted is gone (fixed, or the sample removed), and the
waiver should go too before it hides a new finding that happens to match,
or the waiver is narrower than meant (a path, pointer or value that never
matches). It is reported at the waiver's line in the configuration.

A run over files named one by one, as a pre-commit hook passes the changed
files, judges only the waivers whose path matches one of those files: a
waiver without a path, or for other files, is never reported unused there.
A run over directories or patterns judges every waiver.`,
			Spec:    "normlint configuration (README, Configuration: waivers)",
			Firefox: "",
			// The examples are configuration files, checked against the
			// record exampleData of examples_test.go.
			Bad:  `waivers: [{rule: unknown-reason, reason: "fixed in Firefox 92", path: "data.json", value: "pref-other"}]`,
			Good: `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", value: "pref-test-slug"}]`,
		},
	})
}
