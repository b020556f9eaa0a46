package rules

import "github.com/normlint/normlint/lint"

// UnrecognizedInput is the ID of the rule against JSON of no input shape
// normlint reads. The engine raises it, under package lint's ID.
const UnrecognizedInput = lint.RuleUnrecognizedInput

func init() {
	register(&lint.Rule{
		ID:       UnrecognizedInput,
		Severity: lint.SeverityError,
		Summary:  "a valid JSON value matches no supported input shape",
		Doc: lint.Doc{
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
	})
}
