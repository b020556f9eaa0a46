package rules

import "github.com/normlint/normlint/lint"

// The lifecycle rules follow each study through a client's records, and
// timestamp-order looks along one event list. Their examples hold several
// records on one line (a JSON array of hand-written records, or one ping).
func init() {
	docs[UnenrollWithoutEnroll] = lint.Doc{
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
is bounded to MaxLifecycleStudies (100,000) (client, study) pairs, the
oldest forgotten first; once any pair was forgotten the rule stops
reporting, since it could no longer tell a forgotten enrollment from a
missing one. An add-on study whose branch has no add-on (addonId
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
	}
	docs[DuplicateEnroll] = lint.Doc{
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
	}
	docs[BranchMismatch] = lint.Doc{
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
	}
	docs[AddonMismatch] = lint.Doc{
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
	}
	docs[EventAfterUnenroll] = lint.Doc{
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
	}
	docs[TimestampOrder] = lint.Doc{
		Rationale: `Within one event list of one ping, an event has a lower timestamp than the
event before it. Firefox appends events to a list in the order they are
recorded and stamps them with a clock that only moves forward
(milliseconds since process start for legacy events, relative to the ping
for Glean events), so time never goes backwards in a list. A backward step
means the list was edited, reordered, or merged from several pings or
processes, and any ordering the lifecycle rules rely on is suspect too.
Equal timestamps are fine: several events can fall in the same
millisecond.

The previous event counts whatever its category (an uptake event, or
another component's); the finding is at the later Normandy event's
timestamp, with a related location at the previous event. Records that are
in no list (hand-written records, exported rows) are not compared, and
lists of different processes or pings are never compared with each other.
Restore the list's original order, or split merged lists back into their
pings.`,
		Spec: "docs/telemetry-reference.md §5.1 (legacy event ping: timestamps in ms since process start, payload.events keyed by process), §5.2 (main ping: payload.processes.*.events), §5.3 (Glean: timestamp in ms, relative within the ping); data-collection.rst, Enrollment (events recorded with Telemetry Events)",
		Firefox: `Legacy lists: payload.processes.<process>.events of the main ping up to
Firefox 61 (Normandy's dynamic events under processes.dynamic), and
payload.events.<process> of the event ping since Firefox 62, each list
stamped in ms since its process started
(toolkit/components/telemetry/core/TelemetryEvent.cpp). Glean events ping
(Firefox 132 on): one events list per ping, timestamps in ms relative to
the ping.`,
		Bad:  `{"type": "event", "id": "0d7ab9a4-4c0b-4c59-9e4e-6f3f2a7c8b11", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "payload": {"reason": "periodic", "events": {"parent": [[81301, "uptake.remotecontent.result", "uptake", "normandy", "success", {"source": "normandy/recipe/123"}], [81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
		Good: `{"type": "event", "id": "0d7ab9a4-4c0b-4c59-9e4e-6f3f2a7c8b11", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "payload": {"reason": "periodic", "events": {"parent": [[81234, "uptake.remotecontent.result", "uptake", "normandy", "success", {"source": "normandy/recipe/123"}], [81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
	}
}
