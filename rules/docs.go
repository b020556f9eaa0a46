package rules

import "github.com/normlint/normlint/lint"

// ExampleData is the record the configuration rules' examples (waivers)
// are tried on.
const ExampleData = `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "unknown"}}`

// docs holds the long-form documentation of every rule, shown by
// `normlint explain`. Every rule ID has an entry. Bad and Good are single
// input lines that normlint accepts as a file by themselves: Bad makes the
// rule fire and Good does not (tests run both).
var docs = map[string]lint.Doc{
	UnusedWaiver: {
		Rationale: `A waiver in the configuration file matched no finding in this run. Either
the finding it accepted is gone (fixed, or the sample removed), and the
waiver should go too before it hides a new finding that happens to match,
or the waiver is narrower than meant (a path, pointer or value that never
matches). It is reported at the waiver's line in the configuration.

A run over files named one by one, as a pre-commit hook passes the changed
files, judges only the waivers whose path matches one of those files: a
waiver without a path, or for other files, is never reported unused there.
A run over directories or patterns judges every waiver.`,
		Spec:    "normlint configuration (README, Configuration: waivers)",
		Firefox: "",
		// The examples are configuration files, checked against the record
		// of ExampleData (see the examples test).
		Bad:  `waivers: [{rule: unknown-reason, reason: "fixed in Firefox 92", path: "data.json", value: "pref-other"}]`,
		Good: `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", value: "pref-test-slug"}]`,
	},
	ExpiredWaiver: {
		Rationale: `A waiver in the configuration file is past its expires date. It no longer
applies: the findings it accepted are reported again, and this error at
the waiver's line says why they came back. Expiry dates make accepted
findings temporary on purpose; fix the findings and remove the waiver, or
set a later date if the reason still holds.`,
		Spec:    "normlint configuration (README, Configuration: waivers)",
		Firefox: "",
		Bad:     `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", expires: 2020-01-31}]`,
		Good:    `waivers: [{rule: unknown-reason, reason: "Firefox 91 sent it; fixed in 92", expires: 2999-12-31}]`,
	},
	InvalidHistogram: {
		Rationale: `Before uptake became an event, Firefox counted each recipe run in the keyed
categorical histogram UPTAKE_REMOTE_CONTENT_RESULT_1 of the main ping: one
histogram per source key (normandy/runner, normandy/recipe/<id>, ...), whose
bucket index is the status label and whose value is how many times it was
reported. normlint reads every bucket as uptake records, so it must be able
to trust the shape: a bucket index past the 24 labels, a count that is
negative or not an integer, or a histogram_type other than 5 (categorical)
cannot come from Firefox and cannot be read as statuses.

Check the export: the histogram was probably edited, or a different
histogram was copied under this name.`,
		Spec: "data-collection.rst, Uptake (statuses reported through Telemetry's uptake mechanism under the normandy namespace); docs/telemetry-reference.md §2.4 (how uptake is recorded), §2.5 (the 24 labels in bucket order), §5.2 (the main ping's histogram object)",
		Firefox: `The histogram is UPTAKE_REMOTE_CONTENT_RESULT_1, defined in
toolkit/components/telemetry/Histograms.json and filled by
services/common/uptake-telemetry.js. Up to ≈ Firefox 67 uptake went only
into this histogram; from ≈ Firefox 68 (a Firefox-68-based tree already
declares the uptake event) it went both there and into the
uptake.remotecontent.result event; later revisions of uptake-telemetry.js
declare the histogram but no longer record into it. Parent-process
histograms are at payload.keyedHistograms, others under
payload.processes.<process>.keyedHistograms.`,
		Bad:  `{"type": "main", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "payload": {"keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"bucket_count": 51, "histogram_type": 5, "sum": 25, "range": [1, 50], "values": {"25": 1}}}}}}`,
		Good: `{"type": "main", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "payload": {"keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"bucket_count": 51, "histogram_type": 5, "sum": 1, "range": [1, 50], "values": {"0": 0, "1": 1, "2": 0}}}}}}`,
	},
	ParseError: {
		Rationale: `The input could not be read as JSON, so nothing in it can be checked.
normlint reads a file as one JSON value, or as JSON Lines (one value per
line); in JSON Lines only the broken line is lost and the other lines are
still linted. Duplicate object keys and byte sequences that are not valid
UTF-8 count as parse errors too: parsers disagree about which duplicate wins
and how to repair bad bytes, so the record would mean different things to
different consumers.

Fix the JSON at the reported position. Common causes are trailing commas,
single quotes, comments, unquoted keys and a file truncated mid-record.`,
		Spec:    "normlint input formats (README); RFC 8259 (JSON), with duplicate names rejected and I-JSON's (RFC 7493) valid-UTF-8 requirement; JSON Lines (one RFC 8259 value per line, in the spirit of RFC 7464 JSON text sequences)",
		Firefox: "",
		Bad:     `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"},}`,
		Good:    `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	UnrecognizedInput: {
		Rationale: `The input is valid JSON but has none of the shapes normlint knows how to
read: a Telemetry ping, an event tuple, a hand-written event record or an
uptake record. Rather than guess, normlint refuses it, because a value it
silently skipped would look like a clean result.

Check that the file is the kind of data you meant to lint (not, say, a
schema, a configuration file or an API response wrapping the ping), and
extract the ping or the records from any envelope around them.`,
		Spec: "normlint input formats (README); docs/telemetry-reference.md §5.1 (legacy event ping), §5.2 (main ping), §5.3 (Glean events ping), §5.5 (exported table rows)",
		Firefox: `Firefox has carried Normandy data in several envelopes, described in
toolkit/components/telemetry/docs/data/main-ping.rst and event-ping.rst:
the main ping (events under payload.processes.*.events up to Firefox 61,
dynamically registered Normandy events under processes.dynamic; uptake in
the keyed histogram UPTAKE_REMOTE_CONTENT_RESULT_1), the "event" ping
(since Firefox 62, payload.events keyed by process) and, since Firefox 132
(bug 1863031), the Glean "events" ping (category "normandy", name
"<method>_<object>").`,
		Bad:  `{"hello": "world"}`,
		Good: `[81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]`,
	},
	MalformedRecord: {
		Rationale: `The value was recognised as a Normandy record but its structure is wrong:
an event tuple without 4 to 6 items, a timestamp that is not an integer,
a category, method or object that is not a string, an extra that is not an
object, or a hand-written record with a top-level key normlint does not
know. Firefox never serialises events like this, so the data was damaged or
produced by something other than Firefox, and the remaining checks may
misread it.

Compare the record with the shapes Firefox emits: the tuple
[timestamp, category, method, object, value, extra], or an object with the
keys category, method, object, value, extra, timestamp and client_id (for
uptake: source, status, extra, timestamp and client_id). A misspelt key is
the usual culprit.`,
		Spec: "docs/telemetry-reference.md §5.1 (the record layout Firefox serialises, and mozilla-pipeline-schemas' include/common/event.1.schema.json: integer, string, string, string, string or null, object or null, 4 to 6 items), §5.3 (Glean events); normlint input formats (README), hand-written records",
		Firefox: `All eras that produce legacy event tuples (the main ping up to Firefox 61,
the event ping since Firefox 62, and the Glean mirror since Firefox 132)
use the same layout, written by
toolkit/components/telemetry/core/TelemetryEvent.cpp: a floored millisecond
timestamp, three strings, then an optional value and an optional extra
object; an empty extra is left out. Glean events are objects with
timestamp, category, name and extra.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "timestmp": 81234}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "timestamp": 81234}`,
	},
	UnknownEvent: {
		Rationale: `The record is in the "normandy" category, but its (method, object) pair was
never registered by any Firefox version. Firefox refuses to record such an
event: it is dropped and only counted as UnknownEvent in the
TELEMETRY_EVENT_RECORDING_ERROR histogram, so a real payload cannot contain
it.

Look for a misspelt method or object (methods are camelCase on the wire,
e.g. "enrollFailed", not "enroll_failed"), or for an object that was never
an event object, such as "branched_addon_study": the branched add-on study
action records its events as "addon_study".`,
		Spec: "data-collection.rst, Enrollment (events in the normandy category); docs/telemetry-reference.md §3.2 (registered pairs and extra keys per era), §3.4 (per-(method, object) table), §4.2 (UnknownEvent)",
		Firefox: `Dynamic registration (toolkit/components/normandy/lib/TelemetryEvents.jsm,
the oldest list): enroll on preference_study, addon_study and
preference_rollout; enrollFailed on addon_study and preference_rollout;
update and graduate on preference_rollout; unenroll on preference_study,
addon_study and preference_rollback; unenrollFailed on preference_rollback.
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80 adds
update/updateFailed addon_study, enrollFailed and unenrollFailed
preference_study, addon_rollout (enroll, enrollFailed, update,
updateFailed) and addon_rollback (unenroll, unenrollFailed). The
Events.yaml of the Firefox 115 ESR tree adds expPrefChanged
preference_study and the nimbus_experiment events (enroll, enrollFailed,
unenroll, unenrollFailed, validationFailed, expose, update). In the Glean
era (Firefox 132 on) a pair without a metric in
toolkit/components/normandy/metrics.yaml is silently not recorded.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "branched_addon_study", "value": "addon-test-slug"}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
	},
	UndocumentedEvent: {
		Rationale: `Firefox registers and sends this event, but data-collection.rst does not
describe it: the document covers only enroll and unenroll of
preference_study and enroll, enrollFailed and unenroll of addon_study. The
record is genuine, but no specification says what its value and extras
mean, so analyses built on it rely on Firefox's code rather than on a
documented contract.

Nothing needs fixing in the data. If you depend on the event, read the
emitting code for its meaning, or disable this informational rule.`,
		Spec: "data-collection.rst, Enrollment › Preference Studies and Enrollment › Add-on Studies (the documented events); docs/telemetry-reference.md §1.3 (later revisions of the document, never-documented objects), §3.4 (per-(method, object) table)",
		Firefox: `Later revisions of data-collection.rst (not the one normlint checks
against) add update/updateFailed addon_study, preference_study
enrollFailed, unenrollFailed and expPrefChanged, and the preference_rollout
events. addon_rollout, addon_rollback, preference_rollback and
nimbus_experiment (in the Events.yaml of the Firefox 115 ESR tree and
later) were never documented. graduate/preference_rollout dates from
dynamic registration (toolkit/components/normandy/lib/TelemetryEvents.jsm)
and gained a reason extra by the Events.yaml of ≈ Firefox 115.`,
		Bad:  `{"category": "normandy", "method": "graduate", "object": "preference_rollout", "value": "test-rollout"}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	UnknownExtraKey: {
		Rationale: `The extra object holds a key that no Firefox version registered for this
method. Telemetry registers extra keys per method (shared by all objects
of that method), and an event carrying an unregistered key is dropped as a
whole and counted as ExtraKey in TELEMETRY_EVENT_RECORDING_ERROR. A payload
with such a key did not come from Firefox as is.

Check the key's spelling and case (extra keys are camelCase:
"experimentType", "didResetValue", "addonId"), and remove keys that were
added after the fact.`,
		Spec: "docs/telemetry-reference.md §3.2 (registered extra keys per method), §4.2 (ExtraKey); data-collection.rst, Enrollment (the extra keys of each documented event)",
		Firefox: `Dynamic registration (toolkit/components/normandy/lib/TelemetryEvents.jsm)
had a small set per method (enroll: experimentType, branch, addonId,
addonVersion). toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80
added enrollmentId almost everywhere and more failure keys (detail,
conflictingSlug, ...); the Events.yaml of ≈ Firefox 115 added changedPref,
prefBranch, caller, originalReason and the expPrefChanged and Nimbus keys;
the Glean metric definitions (toolkit/components/normandy/metrics.yaml,
Firefox 132 on) add conflictingSlug, prefName and prefType to unenroll.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp", "channel": "release"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	ExtraNotString: {
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
	MissingExtra: {
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
	MissingSlug: {
		Rationale: `The event has no value, or its value is null or empty. For Normandy events
the value identifies the study, rollout or experiment (its slug; for
addon_study unenroll the study's name); without it the event cannot be
tied to anything and is useless for enrollment counts.

Fill in the slug from recipe.arguments.slug (for addon_study unenroll,
recipe.arguments.name).`,
		Spec: "data-collection.rst, Enrollment › Preference Studies and › Add-on Studies, value (\"The name of the study (recipe.arguments.slug)\"; recipe.arguments.name for add-on unenrollment); docs/telemetry-reference.md §3.2 (the legacy value is always the slug)",
		Firefox: `Every era sends the slug: as the fifth tuple item in legacy events (main
ping up to Firefox 61, event ping since Firefox 62) and as extra.value in
Glean events (Firefox 132 on, where
toolkit/components/normandy/lib/TelemetryEvents.sys.mjs moves the value
into the extras).`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "extra": {"branch": "control", "experimentType": "exp"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	SlugFormat: {
		Rationale: `A value documented as a slug (recipe.arguments.slug) contains whitespace,
control characters or non-ASCII characters. Slugs are short machine
identifiers made of ASCII letters, digits and hyphens; anything else points
at a display name used in place of the slug, or at text mangled on its way
to the file, and will not join with the recipe.

Use the recipe's slug. The rule does not apply to addon_study unenroll,
whose value is the study's name (recipe.arguments.name), which may contain
spaces.`,
		Spec: "data-collection.rst, Enrollment › Preference Studies (Enrollment, Unenrollment) and Enrollment › Add-on Studies (Enrollment, Enroll Failure), value (recipe.arguments.slug); docs/telemetry-reference.md §1.3 (which revision says slug or name), §1.4 (older add-on study code sends the name)",
		Firefox: `All eras send the value unchanged (legacy tuple value, or Glean extra.value
since Firefox 132). toolkit/components/telemetry/core/TelemetryEvent.cpp
accepts any string up to 80 bytes, so a malformed slug is recorded as is.
Older add-on study code (toolkit/components/normandy/lib/AddonStudies.jsm
and actions/AddonStudyAction.jsm) put the study's name where later code
puts the slug.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref Test Slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	UnknownReason: {
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
	InvalidReason: {
		Rationale: `The reason is not one that any Firefox version sends for this event, so
the record was edited, mistyped or made up; analyses that count by reason
will put it in no known bucket. The message suggests the nearest valid
value.

Use one of the reasons listed for the event. For addon_study enrollFailed
the reason may also be an error string of the form
"file:line[:column] ErrorName", which Firefox sends for unexpected errors.`,
		Spec: "data-collection.rst, Enrollment › Preference Studies › Unenrollment (extra.reason), Enrollment › Add-on Studies › Enroll Failure (reason) and › Unenrollment (extra.reason); docs/telemetry-reference.md §3.3 (error-string reason), §3.4 (per-(method, object) table, Values), §3.5 (Nimbus reasons)",
		Firefox: `preference_study unenroll: recipe-not-seen, user-preference-changed,
user-preference-changed-sideload, the opt-out reasons and the newer
suitability reasons (filter-mismatch, capability-mismatch, ...).
addon_study unenroll adds install-failure, uninstalled,
uninstalled-sideload, branch-removed and
migration-removing-unbranched-action. addon_study enrollFailed:
conflicting-addon-id, download-failure, metadata-mismatch, install-failure
or an error string cut to 80 characters. The senders are
toolkit/components/normandy/lib/PreferenceExperiments.jsm and
AddonStudies.jsm (later .sys.mjs) and the actions in
toolkit/components/normandy/actions/. Events added by the Events.yaml of
≈ Firefox 80 and of ≈ Firefox 115 have their own lists
(docs/telemetry-reference.md §3.4).`,
		Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-found"}}`,
		Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
	},
	InvalidExtraValue: {
		Rationale: `An extra that only takes a fixed set of values holds something else:
didResetValue must be "true" or "false", experimentType must be at most 11
characters, previousState must be active, rolled-back or graduated, and
prefType must be bool, string, int or invalid. Firefox never sends other
values, so the record was altered or hand-made.

Replace the value with the one Firefox would have sent.`,
		Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment (extra.experimentType) and › Unenrollment (extra.didResetValue); docs/telemetry-reference.md §3.3 (markers and special values), §3.4 (Values), §3.5 (prefType)",
		Firefox: `didResetValue and experimentType (preference_study) are sent in every era
since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm); the preference study
code (toolkit/components/normandy/lib/PreferenceExperiments.jsm, later
.sys.mjs) rejects experiment types longer than 11 characters
(experiment-type-too-long). previousState comes with update
preference_rollout (dynamic registration on), prefType with the Nimbus
unenroll reason prefFlips-failed
(toolkit/components/nimbus/lib/Telemetry.sys.mjs; added to unenroll by
toolkit/components/normandy/metrics.yaml).`,
		Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "yes", "reason": "recipe-not-seen"}}`,
		Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
	},
	EnrollFailure: {
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
	PersonalData: {
		Rationale: `A value or extra looks like personal data: an e-mail address, a path
inside a user's home directory (/home/NAME, /Users/NAME, C:\Users\NAME) or
a URL with a query string. Normandy deliberately limits what it records
(the document notes that failure reasons are restricted so as not to leak
personally identifiable information), so such a value signals a leak in the
client or data mixed in from elsewhere. An addonId of the form name@domain
is an add-on ID, not an e-mail, and is not reported.

Do not share the file further; remove or redact the value and find where
it came from.`,
		Spec: "data-collection.rst, Enrollment › Add-on Studies › Enroll Failure (reason \"is purposely limited to avoid leaking personally identifiable information\"); docs/telemetry-reference.md §3.3 (error-string reasons, detail)",
		Firefox: `No era sends personal data in Normandy events by design. The riskiest
fields are error strings (file names in enrollFailed/updateFailed reasons
since dynamic registration, cut to 80 characters by the add-on study code
in toolkit/components/normandy/) and the detail extra, registered from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "a.person@example.org", "experimentType": "exp"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	ValueTooLong: {
		Rationale: `The value or an extra value is longer than 80 bytes. Telemetry cuts longer
strings to 80 bytes before storing them, so a payload Firefox produced can
never hold one; the record was edited or generated elsewhere, and the same
event from a real client would carry a different, shortened value.

Shorten the value, and keep slugs well under the limit so that they
survive intact.`,
		Spec: "docs/telemetry-reference.md §4.2 (value and extra values over 80 bytes are truncated, not dropped), §3.2 (the value is the slug, at most 80 bytes)",
		Firefox: `toolkit/components/telemetry/core/TelemetryEvent.cpp truncates value and
extra values to 80 bytes at a UTF-8 boundary in every era of legacy events
(dynamically registered, defined in Events.yaml, and the Glean mirrors
since Firefox 132). The Glean SDK's own copy of an event keeps extra values
of up to 500 bytes (docs/telemetry-reference.md §4.3).`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning-by-top-level-site-for-release-users-in-the-european-union", "extra": {"branch": "control", "experimentType": "exp"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	TruncatedValue: {
		Rationale: `The value or an extra value is exactly 80 bytes, the Telemetry limit. The
original was most likely longer and Firefox cut it, so it may no longer
match the slug, add-on ID or reason it came from, and joins against recipe
data will miss it.

Keep slugs and other identifiers shorter than 80 bytes. When reading such
data, match on the prefix rather than the whole string.`,
		Spec: "docs/telemetry-reference.md §4.2 (over-long strings cut to 80 bytes), §3.3 (error-string reasons cut to 80 characters)",
		Firefox: `Every legacy-event era truncates at 80 bytes
(toolkit/components/telemetry/core/TelemetryEvent.cpp); Normandy's add-on
study code (toolkit/components/normandy/lib/AddonStudies.jsm, later the
actions in toolkit/components/normandy/actions/) also cuts error-string
reasons to 80 characters, since dynamic registration.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning-by-top-level-site-for-release-users-in-the-europ", "extra": {"branch": "control", "experimentType": "exp"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
	TooManyExtraKeys: {
		Rationale: `The extra object has more than 10 keys. Telemetry allows at most 10 extra
keys per event, so no registered Normandy event can carry more, and a
record that does was built or merged outside Firefox.

Remove the keys that do not belong to the event.`,
		Spec: "docs/telemetry-reference.md §4.1 (at most 10 extra keys per event, enforced when events are defined), §4.3 (the Glean SDK's glean_timestamp does not count)",
		Firefox: `The limit holds in every era
(toolkit/components/telemetry/build_scripts/mozparsers/parse_events.py).
The largest registration is unenroll in the Glean definitions
(toolkit/components/normandy/metrics.yaml, Firefox 132 era), which reaches
exactly 10 keys besides value.`,
		Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "branch": "control", "enrollmentId": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3", "changedPref": "browser.test.pref", "conflictingSlug": "other-slug", "prefName": "browser.test.pref", "prefType": "bool", "channel": "release"}}`,
		Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
	},
	AddonIDFormat: {
		Rationale: `The addonId is neither an add-on ID (name@domain, or a GUID in braces)
nor the __NO_ADDON__ marker Normandy uses for a branch without an add-on.
The add-on manager only installs add-ons with IDs of those forms, so the
value was probably replaced by a name, slug or file name.

Use the ID from the add-on's manifest, e.g.
"feature-study@shield.mozilla.com".`,
		Spec: "data-collection.rst, Enrollment › Add-on Studies › Enrollment and › Unenrollment (extra.addonId, e.g. \"feature-study@shield.mozilla.com\"); docs/telemetry-reference.md §3.3 (__NO_ADDON__)",
		Firefox: `addonId is sent on addon_study enroll and unenroll since dynamic
registration (toolkit/components/normandy/lib/TelemetryEvents.jsm), and on
addon_study update and the addon_rollout events from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80. Branched
add-on studies
(toolkit/components/normandy/actions/BranchedAddonStudyAction.jsm, later
.sys.mjs) send __NO_ADDON__ for a branch without an add-on.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study", "addonVersion": "1.2.3"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
	},
	AddonVersionFormat: {
		Rationale: `The addonVersion is neither a toolkit version string (such as 1.2.3, 68.0,
2.0b3 or 1.0a1) nor the __NO_ADDON__ marker. Firefox reports the version
of the installed add-on, which always has that form, so another value
suggests a label or a build name was recorded instead.

Use the version from the add-on's manifest.`,
		Spec: "data-collection.rst, Enrollment › Add-on Studies › Enrollment and › Unenrollment (extra.addonVersion, e.g. \"1.2.3\"); docs/telemetry-reference.md §3.3 (__NO_ADDON__)",
		Firefox: `addonVersion accompanies addonId in every era that sends it: addon_study
enroll and unenroll since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm), and addon_study
update and addon_rollout enroll/update from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80.`,
		Bad:  `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "latest"}}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
	},
	InvalidUptakeSource: {
		Rationale: `The uptake source is not one Normandy reports under. Normandy uses exactly
three kinds of key: normandy/runner, normandy/action/<ClassName> and
normandy/recipe/<integer recipe id>. Any other key cannot be attributed to
the runner, an action or a recipe, and dashboards built on these keys will
ignore it.

Check for typos (e.g. "recipes" for "recipe"), a recipe slug in place of
its numeric id, or a missing "normandy/" prefix.`,
		Spec: "data-collection.rst, Uptake › Runner Status (normandy/runner), › Action Status (normandy/action/<action name>), › Recipe Status (normandy/recipe/<recipe id>); docs/telemetry-reference.md §2.1 (source keys)",
		Firefox: `The three key forms are the same in every era: the key of the keyed
histogram UPTAKE_REMOTE_CONTENT_RESULT_1, the source extra of the
uptake.remotecontent.result event (from ≈ Firefox 68), and the source extra
of Glean uptake_normandy (Firefox 132 on). Action keys carry the JavaScript
class name (toolkit/components/normandy/actions/BaseAction.sys.mjs), such
as PreferenceExperimentAction; older names such as AddonStudyAction occur.`,
		Bad:  `{"source": "normandy/recipe/pref-test-slug", "status": "success"}`,
		Good: `{"source": "normandy/recipe/123", "status": "success"}`,
	},
	InvalidUptakeStatus: {
		Rationale: `The status is not one Normandy reports for this kind of source. Each
family has its own statuses: RUNNER_* for normandy/runner, ACTION_* for
actions, RECIPE_* for recipes, or the wire strings they map to. A status
from another family (ACTION_SUCCESS under normandy/runner), a wire string
the family never uses (custom_1_error for the runner) or a string Firefox
cannot send at all (signature_error; the wire string is sign_error) means
the record was mislabelled or made up.

Use the constant or wire string that matches the source.`,
		Spec: "data-collection.rst, Uptake › Runner Status, › Action Status, › Recipe Status; docs/telemetry-reference.md §2.2 (constants and wire strings), §2.3 (status strings UptakeTelemetry accepts)",
		Firefox: `Wire strings, as toolkit/components/normandy/lib/Uptake.jsm (later
Uptake.sys.mjs) maps the constants: runner success, server_error,
network_error, sign_error; action success, server_error, network_error,
custom_1_error, custom_2_error; recipe success, custom_1_error, backoff,
apply_error, content_error, download_error, sign_error, plus custom_2_error
from old clients (Firefox 67 used it instead of backoff, according to
mozilla-services/telescope's uptake checks). UptakeTelemetry.report()
(services/common/uptake-telemetry.js) throws on strings outside its list,
so signature_error never reaches the wire.`,
		Bad:  `{"source": "normandy/runner", "status": "ACTION_SUCCESS"}`,
		Good: `{"source": "normandy/runner", "status": "RUNNER_SUCCESS"}`,
	},
	UndocumentedStatus: {
		Rationale: `The status is one Firefox sends for this source family, but the document
does not list it. For example, a recipe whose filter did not match is
reported as backoff (RECIPE_DIDNT_MATCH_FILTER), a constant added after the
document this linter checks against. The record is genuine; only its
meaning is not specified there.

Nothing needs fixing. Disable this informational rule if undocumented
statuses are expected in your data.`,
		Spec: "data-collection.rst, Uptake › Runner Status, › Action Status, › Recipe Status (the listed constants); docs/telemetry-reference.md §2.2 (constants and wire strings), §1.3 (later revisions of the document)",
		Firefox: `Later document revisions add RECIPE_DIDNT_MATCH_FILTER (backoff;
custom_2_error in the oldest toolkit/components/normandy/lib/Uptake.jsm,
Firefox 67) and RECIPE_FILTER_BROKEN (content_error). Current code
(Uptake.sys.mjs) also sends RECIPE_INCOMPATIBLE_CAPABILITIES (backoff),
RECIPE_ARGUMENTS_INVALID (content_error) and RECIPE_INVALID_SIGNATURE
(sign_error), none of them documented.`,
		Bad:  `{"source": "normandy/recipe/123", "status": "backoff"}`,
		Good: `{"source": "normandy/recipe/123", "status": "RECIPE_SUCCESS"}`,
	},
	UndocumentedValue: {
		Rationale: `A reason or enumerated extra holds a value that Firefox really sends but
the document does not list, such as the filter-mismatch unenrollment
reason of preference studies or an experimentType other than exp and
exp-highpop. The record is genuine; its meaning is only defined by the
code.

Nothing needs fixing. Disable this informational rule if such values are
expected in your data.`,
		Spec: "data-collection.rst, Enrollment › Preference Studies › Enrollment (extra.experimentType) and › Unenrollment (extra.reason), Enrollment › Add-on Studies › Unenrollment (extra.reason); docs/telemetry-reference.md §3.4 (reason sets R, O and I), §3.3 (experimentType)",
		Firefox: `Newer clients add unenrollment reasons the document never gained:
filter-mismatch, capability-mismatch, arguments-invalid, signature-error,
filter-error, no-recipes, general-opt-out and individual-opt-out for
preference studies, and branch-removed and
migration-removing-unbranched-action for add-on studies
(toolkit/components/normandy/lib/PreferenceExperiments.jsm,
AddonStudies.jsm and actions/BranchedAddonStudyAction.jsm, later .sys.mjs).
The preference study code accepts any experimentType of up to 11
characters, not only the two documented ones.`,
		Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "filter-mismatch"}}`,
		Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
	},
	NoNormandyRecords: {
		Rationale: `The file was read without problems but contained no Normandy record: no
event in the "normandy" category and no uptake record of a "normandy/"
source. Either the input is not the data you meant to lint, or the clients
it came from sent nothing from Normandy (for example, studies were
disabled).

Check that you passed the right file. If empty inputs are expected,
disable this informational rule.`,
		Spec: "normlint input formats (README); data-collection.rst, Uptake (the normandy namespace) and Enrollment (the normandy category)",
		Firefox: `Normandy events use category "normandy" in every era (legacy tuples, and
Glean category normandy since Firefox 132). Normandy uptake is the keyed
histogram UPTAKE_REMOTE_CONTENT_RESULT_1 with normandy/... keys, then the
uptake.remotecontent.result event with object normandy (from ≈ Firefox 68)
and Glean uptake_normandy (Firefox 132 on), all recorded by
services/common/uptake-telemetry.js.`,
		Bad:  `{"category": "search", "method": "click", "object": "button"}`,
		Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
	},
}
