package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// UnknownReason is the ID of the rule against reasons of "unknown".
const UnknownReason = "unknown-reason"

func init() {
	register(&lint.Rule{
		ID:       UnknownReason,
		Severity: lint.SeverityError,
		Summary:  `a reason of "unknown": the spec calls it a bug`,
		Check:    checkUnknownReason,
		// Where Firefox never sends "unknown", it is simply an invalid
		// reason, and the spec's words about it do not apply.
		Yields: []string{InvalidReason, UnknownExtraKey},
		Doc: lint.Doc{
			Rationale: `The reason is "unknown". The document says this value means no reason was
specified and that it should be considered a bug: some code path
unenrolled the user without saying why. Firefox does send it, so the record
is genuine, but it marks a defect in the client.

File or look up a bug against the code that unenrolled the study; the
record itself need not change.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Unenrollment (extra.reason: \"unknown\") and Enrollment › Add-on Studies › Unenrollment (extra.reason: \"unknown\"); docs/telemetry-reference.md §3.4 (reason set O), §3.5 (Nimbus reasons)",
			Firefox: `"unknown" is the default unenrollment reason of preference and add-on
studies in every era
(toolkit/components/normandy/lib/PreferenceExperiments.jsm and
AddonStudies.jsm, later .sys.mjs, from dynamic registration through the
Events.yaml of ≈ Firefox 80 and later) and is also a Nimbus unenroll reason
(toolkit/components/nimbus/lib/Telemetry.sys.mjs; in the Events.yaml of
≈ Firefox 115, Glean since Firefox 132).`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "false", "reason": "unknown"}}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "false", "reason": "user-preference-changed"}}]`,
		},
	})
}

func checkUnknownReason(p *lint.Pass, r *lint.Record) {
	if r.Kind != lint.KindEvent {
		return
	}
	if reason, ok := r.ExtraStr("reason"); ok && reason == "unknown" {
		p.Report("/extra/reason", fmt.Sprintf("%s reason is \"unknown\": the spec says a reason was not specified and this should be considered a bug", eventName(r)),
			"find out why Normandy could not tell the reason; a QA sample should not contain it")
	}
}
