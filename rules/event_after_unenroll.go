package rules

import "github.com/normlint/normlint/lint"

// EventAfterUnenroll is the ID of the rule against a study's events after
// its unenroll.
const EventAfterUnenroll = "event-after-unenroll"

func init() {
	register(&lint.Rule{
		ID:            EventAfterUnenroll,
		Severity:      lint.SeverityWarning,
		Summary:       "an update, expPrefChanged or graduate for a study after the client unenrolled from it",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `An update, expPrefChanged or graduate event for a study comes after the
same client unenrolled from it. Once a study, rollout or experiment has
ended, Normandy sends nothing more for it until the client enrolls again,
so the event belongs to another enrollment, to another client, or the
records are out of order. The finding is at the later event's method, with
a related location at the unenrollment.

Check the order of the input (sort by client and time) and whether an
enroll was lost between the two. A new enroll after the unenroll starts the
study afresh, and events after it are fine. Rollbacks end rollouts: an
update/preference_rollout after unenroll/preference_rollback of the same
slug is reported. graduate does not end a rollout, so an update after it is
not reported.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Unenrollment and › Add-on Studies › Unenrollment (the end of a study); docs/telemetry-reference.md §3.4 (update / addon_study, preference_rollout, addon_rollout, graduate / preference_rollout, expPrefChanged / preference_study), §5.4 (Firefox's tests: update preference_rollout with previousState graduated, unenroll preference_rollback)",
			Firefox: `update and graduate of preference_rollout date from dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm), with
unenroll/preference_rollback ending the rollout; update of addon_study and
addon_rollout, and unenroll/addon_rollback, from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80;
expPrefChanged/preference_study from the Events.yaml of ≈ Firefox 115.
graduate does not end a rollout: Firefox keeps it and still sends
update/preference_rollout, with previousState "graduated", when the recipe
changes. Glean (Firefox 132 on) names them update_addon_study,
graduate_preference_rollout, exp_pref_changed_preference_study, ...`,
			Bad:  `[{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "addon_study", "value": "Feature Study", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3", "reason": "recipe-not-seen"}, "client_id": "c1"}, {"category": "normandy", "method": "update", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.3.0", "branch": "treatment"}, "client_id": "c1"}]`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_rollout", "value": "test-rollout", "client_id": "c1"}, {"category": "normandy", "method": "graduate", "object": "preference_rollout", "value": "test-rollout", "extra": {"reason": "all-prefs-match"}, "client_id": "c1"}, {"category": "normandy", "method": "update", "object": "preference_rollout", "value": "test-rollout", "extra": {"previousState": "graduated"}, "client_id": "c1"}]`,
		},
	})
}
