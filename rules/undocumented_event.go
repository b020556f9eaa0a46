package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// UndocumentedEvent is the ID of the rule against registered events that
// data-collection.rst does not describe.
const UndocumentedEvent = "undocumented-event"

func init() {
	register(&lint.Rule{
		ID:       UndocumentedEvent,
		Severity: lint.SeverityInfo,
		Summary:  "a pair Firefox registers that the data-collection document does not describe",
		Message:  undocumentedEventMessage,
		Yields:   []string{MalformedRecord, UnknownEvent},
		Doc: lint.Doc{
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
	})
}

func undocumentedEventMessage(r *lint.Record, _ *lint.Violation) (string, string) {
	return fmt.Sprintf("%s is an event Firefox registers and sends, but data-collection.rst does not describe it", eventName(r)),
		"accepted as genuine; `normlint explain undocumented-event` says which Firefox versions send it"
}
