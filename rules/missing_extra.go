package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// MissingExtra is the ID of the rule against the absence of extras Firefox
// always sends.
const MissingExtra = "missing-extra"

func init() {
	register(&lint.Rule{
		ID:       MissingExtra,
		Severity: lint.SeverityError,
		Summary:  "an extra that Firefox always sends for the event is absent",
		Message:  missingExtraMessage,
		Doc: lint.Doc{
			Rationale: `An extra that the emitting Normandy code always sends is absent. Telemetry
itself has no required extras, but Normandy fills these in on every call:
branch and experimentType on preference_study enroll; didResetValue and
reason on preference_study unenroll; addonId and addonVersion on
addon_study enroll; reason on addon_study enrollFailed; addonId,
addonVersion and reason on addon_study unenroll; reason on every other
failure and unenrollment event; source on uptake. A record without one
was edited or produced by something other than Firefox, and analyses that
group by the key will lose it.

Add the key with the value the client would have sent.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies (Enrollment, Unenrollment) and Enrollment › Add-on Studies (Enrollment, Enroll Failure, Unenrollment), extra; docs/telemetry-reference.md §3.4 (the \"Always\" column), §2.3 and §2.4 (uptake source)",
			Firefox: `The always-sent keys have been stable since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm). Firefox also sends
branch on preference_study and addon_study unenroll and on addon_study
enroll (__NO_BRANCHES__ for legacy unbranched studies), but the document
does not list it, so its absence is not reported. For uptake, Normandy
sends only source, and UptakeTelemetry.report()
(services/common/uptake-telemetry.js) throws when it is missing (the
uptake.remotecontent.result event, from ≈ Firefox 68; Glean uptake_normandy
since Firefox 132).`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"reason": "recipe-not-seen"}}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
		},
	})
}

func missingExtraMessage(r *lint.Record, v *lint.Violation) (string, string) {
	names := strings.Join(v.Missing, ", ")
	if r.Kind == lint.KindUptake {
		return fmt.Sprintf("the uptake record has no %s: Firefox always reports the source key of an uptake status", names), ""
	}
	noun := "extra"
	if len(v.Missing) > 1 {
		noun = "extras"
	}
	return fmt.Sprintf("%s event lacks %s %s, which Firefox always sends with it", eventName(r), noun, names), ""
}
