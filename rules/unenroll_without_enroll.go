package rules

import "github.com/normlint/normlint/lint"

// UnenrollWithoutEnroll is the ID of the rule against unenrolls with no
// earlier enroll.
const UnenrollWithoutEnroll = "unenroll-without-enroll"

func init() {
	register(&lint.Rule{
		ID:            UnenrollWithoutEnroll,
		Severity:      lint.SeverityWarning,
		Summary:       "an unenroll from a study that no earlier record of the client enrolled in",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `The client unenrolls from a study, but none of its earlier records enrolls
in it. normlint follows every study per client (client_id, a ping's
clientId, Glean's client_info.client_id; records without a client count as
one client per file) in stream order: files in command-line order, records
in file order. Rollbacks end rollouts: unenroll/preference_rollback pairs
with enroll/preference_rollout of the same slug, and
unenroll/addon_rollback with enroll/addon_rollout. Add-on studies pair by
addonId (see addon-mismatch).

An export is a window: the enrollment may simply be older than the data, so
this is a warning, not an error. Otherwise look for a lost or filtered-out
enroll, a client_id that changed between records, or an export that is not
in time order; sort rows by client and time (e.g. ORDER BY client_id,
submission_timestamp, event_timestamp) and pass older files first. The state
is bounded to --max-lifecycle-pairs (client, study) pairs (1,000,000 by
default), the oldest forgotten first; once any pair was forgotten the rule
stops reporting, since it could no longer tell a forgotten enrollment from
a missing one, and lifecycle-limit says so. An add-on study whose branch has no add-on (addonId
__NO_ADDON__) pairs by its value instead, which for an unenroll the
document gives as recipe.arguments.name rather than the slug.`,
			Spec: "data-collection.rst, Enrollment (the normandy category), › Preference Studies › Enrollment and › Unenrollment, › Add-on Studies › Enrollment and › Unenrollment (value recipe.arguments.slug on enroll, recipe.arguments.name on add-on unenroll); docs/telemetry-reference.md §3.1 (recording paths), §3.3 (__NO_ADDON__), §3.4 (enroll, unenroll, preference_rollback, addon_rollback), §5.4 (Firefox's tests: enroll addon_rollout, then unenroll addon_rollback)",
			Firefox: `enroll and unenroll of preference_study and addon_study, enroll
preference_rollout and unenroll preference_rollback exist since dynamic
registration (toolkit/components/normandy/lib/TelemetryEvents.jsm); enroll
addon_rollout and unenroll addon_rollback since
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80;
nimbus_experiment enroll and unenroll in the Events.yaml of ≈ Firefox 115,
paired by object and slug like the rest. Since Firefox 132 the events also
come as Glean events (value in extra.value, client in
client_info.client_id); toolkit/components/normandy/metrics.yaml has no
unenroll metric for preference_rollout or addon_rollout, which Firefox
never sent anyway: a rollout ends with a rollback.`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c1"}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c1"}]`,
		},
	})
}
