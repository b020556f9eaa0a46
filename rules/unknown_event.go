package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// UnknownEvent is the ID of the rule against (method, object) pairs no
// Firefox registers.
const UnknownEvent = "unknown-event"

func init() {
	register(&lint.Rule{
		ID:       UnknownEvent,
		Severity: lint.SeverityError,
		Summary:  "a normandy (method, object) pair that no Firefox registers: Firefox drops the event",
		Message:  unknownEventMessage,
		Yields:   []string{MalformedRecord},
		Doc: lint.Doc{
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
	})
}

func unknownEventMessage(r *lint.Record, v *lint.Violation) (string, string) {
	method, mok := r.Str("method")
	object, _ := r.Str("object")
	want := wantStrings(v)
	msg := fmt.Sprintf("(%s, %s) is not a registered Normandy event: Firefox drops events it has no registration for", method, object)
	if !mok {
		return msg, ""
	}
	if object == "" {
		// A Glean name with no known method: the whole name is in method.
		msg = "no registered Normandy event has this name: Glean records only <method>_<object> names that have a metric"
	}
	hint := ""
	if best := lint.Nearest(object, want); best != "" {
		hint = fmt.Sprintf("did you mean object %q?", best)
	} else if best := lint.Nearest(method, want); best != "" {
		hint = fmt.Sprintf("did you mean method %q?", best)
	} else if len(want) > 0 {
		hint = "registered: " + strings.Join(want, ", ")
	}
	return msg, hint
}
