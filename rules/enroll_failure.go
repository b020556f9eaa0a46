package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// EnrollFailure is the ID of the rule against failed add-on study
// enrollments.
const EnrollFailure = "enroll-failure"

func init() {
	register(&lint.Rule{
		ID:       EnrollFailure,
		Severity: lint.SeverityInfo,
		Summary:  "an add-on study enrollment failed: the spec says to consider it a bug",
		Check:    checkEnrollFailure,
		Doc: lint.Doc{
			Rationale: `An add-on study failed to enroll. The document says an enrollment failure
should be considered a bug, so each one is worth a look even though the
record itself is well formed. The reason names the failure: a short code
such as download-failure, or the file, line and error name of an
unexpected exception.

Investigate the failure in the study or in Normandy; silence this
informational rule if you only want to validate the data.`,
			Spec: "data-collection.rst, Enrollment › Add-on Studies › Enroll Failure (\"This should be considered a bug.\"); docs/telemetry-reference.md §3.4 (enrollFailed / addon_study)",
			Firefox: `Registered since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm) with a reason; from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80 it may also
carry branch and detail (the AddonManager install error). In the Glean era
(Firefox 132 on) it is enroll_failed_addon_study
(toolkit/components/normandy/metrics.yaml) with the value in extra.value.`,
			Bad:  `{"category": "normandy", "method": "enrollFailed", "object": "addon_study", "value": "addon-test-slug", "extra": {"reason": "BranchedAddonStudyAction.sys.mjs:212:11 TypeError"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
		},
	})
}

func checkEnrollFailure(p *lint.Pass, r *lint.Record) {
	if r.Kind != lint.KindEvent || !isEvent(r, "enrollFailed", "addon_study") {
		return
	}
	msg := "an add-on study without value failed to enroll" // how the actions report an unexpected error
	if slug, ok := r.Str("value"); ok {
		msg = fmt.Sprintf("add-on study %s failed to enroll", lint.Quote(slug))
	}
	reason, ok := r.ExtraStr("reason")
	if ok {
		msg += fmt.Sprintf(" (reason %s)", lint.Quote(reason))
	}
	p.Report("/method", msg+": the spec says an enrollment failure should be considered a bug", "")
}
