package rules

import "github.com/normlint/normlint/lint"

// AddonMismatch is the ID of the rule against add-on study unenrolls with
// another addonVersion.
const AddonMismatch = "addon-mismatch"

func init() {
	register(&lint.Rule{
		ID:            AddonMismatch,
		Severity:      lint.SeverityWarning,
		Summary:       "an addon_study unenroll whose addonVersion differs from its enrollment's, with no update between",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `An add-on study's unenroll reports an addonVersion other than the one its
enrollment installed, and no update event came between. The add-on's
version only changes through an update, which Normandy reports, so an
unexplained change means a lost update record, an add-on updated outside
Normandy, or records from different enrollments. The finding is at the
unenroll's extra.addonVersion, with a related location at the enrollment's.

Unenroll and enroll are paired by addonId, not by value: the document gives
the unenroll's value as the study's name (recipe.arguments.name), while
enroll carries its slug (recipe.arguments.slug), so the two values need not
match. Look for a missing update/addon_study between the two records. A
study whose branch has no add-on (__NO_ADDON__) has no version to compare.`,
			Spec: "data-collection.rst, Enrollment › Add-on Studies › Enrollment (value recipe.arguments.slug, extra.addonId, extra.addonVersion) and › Unenrollment (value recipe.arguments.name, extra.addonId, extra.addonVersion); docs/telemetry-reference.md §3.3 (__NO_ADDON__), §3.4 (enroll, update and unenroll / addon_study)",
			Firefox: `addonId and addonVersion are sent on enroll and unenroll of addon_study
since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm). update/addon_study,
with the new addonId and addonVersion, is registered from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80; earlier
clients had no update event to report a changed version. In the Glean era
(Firefox 132 on) the events are enroll_addon_study, update_addon_study and
unenroll_addon_study (toolkit/components/normandy/metrics.yaml).`,
			Bad:  `[{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "addon_study", "value": "Feature Study", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.3.0", "reason": "recipe-not-seen"}, "client_id": "c1"}]`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "addon_study", "value": "Feature Study", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3", "reason": "recipe-not-seen"}, "client_id": "c1"}]`,
		},
	})
}
