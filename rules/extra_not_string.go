package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// ExtraNotString is the ID of the rule against extra values that are not
// strings.
const ExtraNotString = "extra-not-string"

func init() {
	register(&lint.Rule{
		ID:       ExtraNotString,
		Severity: lint.SeverityError,
		Summary:  "an extra value that is not a string: Firefox drops the event",
		Message:  extraNotStringMessage,
		Doc: lint.Doc{
			Rationale: `An extra value is not a string. Telemetry event extras are strings only:
Firefox drops an event whose extra holds a number, boolean, object or
array, counting it as Extra in TELEMETRY_EVENT_RECORDING_ERROR, and the
Normandy code stringifies what it sends (didResetValue is "true" or
"false", never true or false).

Quote the value. If the data went through a tool that converts strings to
native types, turn that conversion off.`,
			Spec: "data-collection.rst, Enrollment (extra values are given as strings, such as didResetValue \"true\"/\"false\"); docs/telemetry-reference.md §4.2 (Extra), §5.1 (mozilla-pipeline-schemas' event.1 schema: extra values string or null)",
			Firefox: `Every era rejects non-string extras at record time
(toolkit/components/telemetry/core/TelemetryEvent.cpp). Later revisions of
Normandy's wrapper (toolkit/components/normandy/lib/TelemetryEvents.jsm,
from the Events.yaml era on) also throw on null or undefined extra values
before recording; in the Glean era (Firefox 132 on) every extra is declared
as a string in toolkit/components/normandy/metrics.yaml.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": 2, "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

func extraNotStringMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	hint := ""
	switch g := v.Got.(type) {
	case bool:
		hint = fmt.Sprintf("write it as the string \"%v\"", g)
	case float64:
		hint = fmt.Sprintf("write it as the string \"%v\"", g)
	}
	return fmt.Sprintf("%s is %s; Firefox records only string extra values and drops the event", field(v.Pointer), show(v.Got)), hint
}
