package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// InvalidExtraValue is the ID of the rule against enumerated extras with
// values Firefox never sends.
const InvalidExtraValue = "invalid-extra-value"

func init() {
	register(&lint.Rule{
		ID:       InvalidExtraValue,
		Severity: lint.SeverityError,
		Summary:  "an enumerated extra (experimentType, didResetValue, previousState, prefType, ...) with a value Firefox never sends",
		Message:  invalidExtraValueMessage,
		Yields:   []string{ExtraNotString, UnknownExtraKey},
		Doc: lint.Doc{
			Rationale: `An extra that only takes a fixed set of values holds something else:
didResetValue must be "true" or "false", experimentType must be at most 11
characters, previousState must be active, rolled-back or graduated, and
prefType must be bool, string, int or invalid. Firefox never sends other
values, so the record was altered or hand-made.

Replace the value with the one Firefox would have sent.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment (extra.experimentType) and › Unenrollment (extra.didResetValue); docs/telemetry-reference.md §3.3 (markers and special values), §3.4 (Values), §3.5 (prefType)",
			Firefox: `didResetValue and experimentType (preference_study) are sent in every era
since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm); the preference study
code (toolkit/components/normandy/lib/PreferenceExperiments.jsm, later
.sys.mjs) rejects experiment types longer than 11 characters
(experiment-type-too-long). previousState comes with update
preference_rollout (dynamic registration on), prefType with the Nimbus
unenroll reason prefFlips-failed
(toolkit/components/nimbus/lib/Telemetry.sys.mjs; added to unenroll by
toolkit/components/normandy/metrics.yaml).`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "yes", "reason": "recipe-not-seen"}}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
		},
	})
}

func invalidExtraValueMessage(r *lint.Record, v *lint.Violation) (string, string) {
	name := field(v.Pointer)
	if s, ok := v.Got.(string); ok && strings.HasSuffix(v.Pointer, "/experimentType") && len([]rune(s)) > 11 {
		// Firefox accepts any experimentType of at most 11 characters, so
		// the length is the problem, not the value.
		return fmt.Sprintf("%s %s is %d characters long; Firefox accepts at most 11", name, lint.Quote(s), len([]rune(s))),
			"the documented types are \"exp\" and \"exp-highpop\""
	}
	return fmt.Sprintf("%s is %s, which Firefox never sends for %s", name, show(v.Got), eventName(r)), suggest(v.Got, wantStrings(v))
}
