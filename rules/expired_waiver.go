package rules

import "github.com/normlint/normlint/lint"

// ExpiredWaiver is the ID of the rule against waivers past their expiry
// date.
const ExpiredWaiver = "expired-waiver"

func init() {
	register(&lint.Rule{
		ID:       ExpiredWaiver,
		Severity: lint.SeverityError,
		Summary:  "a waiver in the configuration is past its expires date and no longer applies",
		Doc: lint.Doc{
			Rationale: `A waiver in the configuration file is past its expires date. It no longer
applies: the findings it accepted are reported again, and this error at
the waiver's line says why they came back. Expiry dates make accepted
findings temporary on purpose; fix the findings and remove the waiver, or
set a later date if the reason still holds.`,
			Spec:    "normlint configuration (README, Configuration: waivers)",
			Firefox: "",
			Bad:     `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", expires: 2020-01-31}]`,
			Good:    `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", expires: 2999-12-31}]`,
		},
	})
}
