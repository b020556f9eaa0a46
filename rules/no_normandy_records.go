package rules

import "github.com/normlint/normlint/lint"

// NoNormandyRecords is the ID of the rule against files without a Normandy
// record. The engine raises it, under package lint's ID.
const NoNormandyRecords = lint.RuleNoNormandyRecords

func init() {
	register(&lint.Rule{
		ID:       NoNormandyRecords,
		Severity: lint.SeverityInfo,
		Summary:  "a file held no Normandy record at all",
		Doc: lint.Doc{
			Rationale: `The file was read without problems but contained no Normandy record: no
event in the "normandy" category and no uptake record of a "normandy/"
source. Either the input is not the data you meant to lint, or the clients
it came from sent nothing from Normandy (for example, studies were
disabled).

Check that you passed the right file. If empty inputs are expected,
disable this informational rule.`,
			Spec: "normlint input formats (README); data-collection.rst, Uptake (the normandy namespace) and Enrollment (the normandy category)",
			Firefox: `Normandy events use category "normandy" in every era (legacy tuples, and
Glean category normandy since Firefox 132). Normandy uptake is the keyed
histogram UPTAKE_REMOTE_CONTENT_RESULT_1 with normandy/... keys, then the
uptake.remotecontent.result event with object normandy (from ≈ Firefox 68)
and Glean uptake_normandy (Firefox 132 on), all recorded by
services/common/uptake-telemetry.js.`,
			Bad:  `{"category": "search", "method": "click", "object": "button"}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}
