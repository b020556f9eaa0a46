package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// ValueTooLong is the ID of the rule against values over 80 bytes.
const ValueTooLong = "value-too-long"

func init() {
	register(&lint.Rule{
		ID:       ValueTooLong,
		Severity: lint.SeverityError,
		Summary:  "the value or an extra value is over 80 bytes: Firefox would have truncated it",
		Check:    checkValueTooLong,
		Doc: lint.Doc{
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
	})
}

// checkValueTooLong reports values over Firefox's 80-byte limit.
func checkValueTooLong(p *lint.Pass, r *lint.Record) {
	for s := range stringValues(r) {
		if n := len(s.val); n > 80 {
			p.Report(s.ptr(), fmt.Sprintf("%s is %d bytes long; Firefox truncates values and extra values to 80 bytes, so a genuine payload never holds one this long", field(s.ptr()), n),
				"shorten it to at most 80 bytes (UTF-8)")
		}
	}
}
