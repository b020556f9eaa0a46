package rules

import "github.com/normlint/normlint/lint"

// BranchMismatch is the ID of the rule against preference study unenrolls
// from another branch.
const BranchMismatch = "branch-mismatch"

func init() {
	register(&lint.Rule{
		ID:            BranchMismatch,
		Severity:      lint.SeverityError,
		Summary:       "a preference_study unenroll whose branch differs from the branch of the enrollment",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `A preference study's unenroll reports a branch other than the one its
enrollment reported. Normandy assigns the branch at enrollment, stores it
with the study and sends that stored branch when the study ends; a client
never moves between branches of a preference study. Two different branches
mean the records were edited, mixed up between clients, or are not from the
same enrollment, and per-branch analyses would count the client in both.
The finding is at the unenroll's extra.branch, with a related location at
the enrollment's branch.

Check the client_id of both records and how the export joined them. An
unenroll without a branch (sent by older Firefox) is never a mismatch.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment (extra.branch: \"The name of the branch the user was assigned to\") and › Unenrollment (the document lists no branch extra); docs/telemetry-reference.md §3.2 (unenroll registers branch from the Events.yaml of ≈ Firefox 80), §3.4 (unenroll / preference_study, Always: branch), §5.4 (browser_PreferenceExperiments.js: enroll and unenroll carry the same branch)",
			Firefox: `enroll/preference_study carries branch in every era. Only later Firefox
sends branch on unenroll: dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm) had no branch key for
unenroll, toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80
registered it, and the Glean unenroll_preference_study metric (Firefox 132
on) has it too. Unenrollments from older clients have no branch and are not
compared.`,
			Bad:  `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "branch": "treatment"}, "client_id": "c1"}]`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "branch": "control"}, "client_id": "c1"}]`,
		},
	})
}
