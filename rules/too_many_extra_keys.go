package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// TooManyExtraKeys is the ID of the rule against more than 10 extra keys.
const TooManyExtraKeys = "too-many-extra-keys"

func init() {
	register(&lint.Rule{
		ID:       TooManyExtraKeys,
		Severity: lint.SeverityError,
		Summary:  "more than 10 extra keys",
		Message:  tooManyExtraKeysMessage,
		Doc: lint.Doc{
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
	})
}

func tooManyExtraKeysMessage(r *lint.Record, v *lint.Violation) (string, string) {
	m, ok := v.Got.(map[string]any)
	if !ok {
		m = r.Extra()
	}
	n := len(m)
	if _, ok := m["glean_timestamp"]; ok {
		n-- // the Glean SDK's own extra is not one of the event's keys
	}
	return fmt.Sprintf("the extra object has %d keys; Firefox allows at most 10 per event", n), ""
}
