package rules

import (
	"fmt"
	"sort"

	"github.com/normlint/normlint/lint"
)

// UnknownExtraKey is the ID of the rule against extra keys not registered
// for the event.
const UnknownExtraKey = "unknown-extra-key"

func init() {
	register(&lint.Rule{
		ID:       UnknownExtraKey,
		Severity: lint.SeverityError,
		Summary:  "an extra key not registered for the event's method: Firefox drops the whole event",
		Message:  unknownExtraKeyMessage,
		Doc: lint.Doc{
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
	})
}

func unknownExtraKeyMessage(r *lint.Record, v *lint.Violation) (string, string) {
	toks := lint.SplitPointer(v.Pointer)
	key := toks[len(toks)-1]
	what := "method " + method(r)
	if r.Kind == lint.KindUptake {
		what = "uptake events"
	}
	msg := fmt.Sprintf("extra key %s is not registered for %s: Firefox drops the whole event", lint.Quote(key), what)
	var want []string
	for _, w := range wantStrings(v) {
		if w != "glean_timestamp" { // added by the Glean SDK, never written by hand
			want = append(want, w)
		}
	}
	if r.Kind == lint.KindUptake {
		// The uptake event's source travels among its extras.
		want = append(want, "source")
		sort.Strings(want)
	}
	return msg, suggest(key, want)
}
