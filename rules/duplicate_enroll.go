package rules

import "github.com/normlint/normlint/lint"

// DuplicateEnroll is the ID of the rule against second enrolls with no
// unenroll between.
const DuplicateEnroll = "duplicate-enroll"

func init() {
	register(&lint.Rule{
		ID:            DuplicateEnroll,
		Severity:      lint.SeverityWarning,
		Summary:       "a second enroll in the same study by the same client with no unenroll between",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `The same client enrolls in the same study a second time with no unenroll
since the first enrollment. Normandy keeps a study's enrollment in the
profile and sends enroll once; while the study is active, later recipe
runs send update events (where the object has them), never a new enroll.
A second enroll therefore means a lost unenroll, a record counted twice
(the same ping submitted or exported twice, two exports that overlap), or
two profiles sharing one client_id. The finding is at the later enroll's
method, with a related location at the earlier enrollment.

Deduplicate the input (by document id, or by client, event and
timestamp), and check whether an unenroll is missing between the two. An
unenroll ends the study: an enroll after it starts the study afresh and is
not reported. For add-on studies, both enrollments are matched by addonId;
rollbacks end rollouts (unenroll/preference_rollback and
unenroll/addon_rollback).`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment and › Add-on Studies › Enrollment (one enroll event per enrollment); docs/telemetry-reference.md §3.1 (Glean metrics declare a telemetry_mirror), §3.4 (enroll, update, unenroll)",
			Firefox: `enroll is sent once per enrollment in every era: preference_study,
addon_study and preference_rollout since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm), addon_rollout since
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80,
nimbus_experiment in the Events.yaml of ≈ Firefox 115. Since Firefox 132
each event is recorded through Glean and mirrored to a legacy event (the
telemetry_mirror of each metric in
toolkit/components/normandy/metrics.yaml), so the events ping and the
legacy event ping hold the same enrollment; do not merge both copies of one
client's events under the same client.`,
			Bad:  `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}]`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c1"}, {"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "treatment", "experimentType": "exp"}, "client_id": "c1"}]`,
		},
	})
}
