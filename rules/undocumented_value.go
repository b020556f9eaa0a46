package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// UndocumentedValue is the ID of the rule against reasons and enumerated
// values data-collection.rst does not list.
const UndocumentedValue = "undocumented-value"

func init() {
	register(&lint.Rule{
		ID:       UndocumentedValue,
		Severity: lint.SeverityInfo,
		Summary:  "a reason or enumerated extra value Firefox sends that the data-collection document does not list",
		Message:  undocumentedValueMessage,
		Yields:   undocumentedYields,
		Doc: lint.Doc{
			Rationale: `A reason or enumerated extra holds a value that Firefox really sends but
the document does not list, such as the filter-mismatch unenrollment
reason of preference studies or an experimentType other than exp and
exp-highpop. The record is genuine; its meaning is only defined by the
code.

Nothing needs fixing. Disable this informational rule if such values are
expected in your data.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment (extra.experimentType) and › Unenrollment (extra.reason), Enrollment › Add-on Studies › Unenrollment (extra.reason); docs/telemetry-reference.md §3.4 (reason sets R, O and I), §3.3 (experimentType)",
			Firefox: `Newer clients add unenrollment reasons the document never gained:
filter-mismatch, capability-mismatch, arguments-invalid, signature-error,
filter-error, no-recipes, general-opt-out and individual-opt-out for
preference studies, and branch-removed and
migration-removing-unbranched-action for add-on studies
(toolkit/components/normandy/lib/PreferenceExperiments.jsm,
AddonStudies.jsm and actions/BranchedAddonStudyAction.jsm, later .sys.mjs).
The preference study code accepts any experimentType of up to 11
characters, not only the two documented ones.`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "filter-mismatch"}}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
		},
	})
}

// undocumentedYields: undocumented-value and undocumented-status yield to
// every error-level judgement of the same value.
var undocumentedYields = []string{InvalidReason, InvalidExtraValue, UnknownReason, InvalidUptakeStatus, MalformedRecord, ExtraNotString}

func undocumentedValueMessage(r *lint.Record, v *lint.Violation) (string, string) {
	if strings.HasSuffix(v.Pointer, "/experimentType") {
		// A free-form field: Firefox takes any type a recipe names (up to
		// 11 characters), so normlint cannot say Firefox sends this one.
		return fmt.Sprintf("%s %s is not one of the types data-collection.rst lists (%s); Firefox accepts any experimentType of up to 11 characters from the recipe, so it may be genuine",
			field(v.Pointer), show(v.Got), lint.QuotedOrList(wantStrings(v))), ""
	}
	return fmt.Sprintf("%s %s is sent by Firefox for %s but not listed in data-collection.rst", field(v.Pointer), show(v.Got), eventName(r)), ""
}
