package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// LegacyTruncated is the ID of the rule that notes Glean values only the
// legacy mirror would cut.
const LegacyTruncated = "legacy-truncated"

func init() {
	register(&lint.Rule{
		ID:       LegacyTruncated,
		Severity: lint.SeverityInfo,
		Summary:  "a Glean event's value or extra value is over 80 bytes: Glean keeps it, only its legacy mirror cuts it",
		Check:    checkLegacyTruncated,
		Doc: lint.Doc{
			Rationale: `A Glean record (a Glean ping, an events_stream row) holds a value or an
extra value longer than 80 bytes but within the 500 bytes Glean keeps.
That is no fault of the record: Firefox really sends it. But since Firefox
132 each of Normandy's Glean events is also recorded as a legacy event,
and legacy Telemetry cuts strings at 80 bytes; in telemetry.events the same
event holds only the first 80 bytes. A slug this long (Glean carries the
study slug in the extra "value", which legacy Telemetry makes the event
value) will not match between the two tables, nor against recipe data in
the legacy one.

Records from legacy shapes are never noted: there a value over 80 bytes is
a value-too-long error. Keep slugs under 80 bytes so that both pipelines
hold them whole.`,
			Spec: "docs/telemetry-reference.md §4.3 (Glean keeps extra values of up to 500 bytes, and the legacy mirror still cuts at 80), §4.2 (the 80-byte legacy limit)",
			Firefox: `Firefox 132 on (bug 1863031): Normandy's TelemetryEvents.sys.mjs records
each event through Glean, the value passed as the extra "value", and the
Glean metric mirrors it to the legacy event, which
toolkit/components/telemetry/core/TelemetryEvent.cpp cuts to 80 bytes. The
Glean SDK keeps extra values of up to 500 bytes since v51.8.0 (100 before),
which every Firefox that records Normandy events through Glean ships.`,
			Bad:  `{"client_id": "c0ffee00-0000-4000-8000-000000000009", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-network-cache-partitioning-by-top-level-site-for-release-users-in-the-european-union", "branch": "control", "experimentType": "exp"}}`,
			Good: `{"client_id": "c0ffee00-0000-4000-8000-000000000009", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-network-cache-partitioning", "branch": "control", "experimentType": "exp"}}`,
		},
	})
}

// checkLegacyTruncated notes Glean values between the two pipelines'
// limits; longer ones are value-too-long's.
func checkLegacyTruncated(p *lint.Pass, r *lint.Record) {
	if !r.Glean {
		return
	}
	for s := range stringValues(r) {
		if n := len(s.val); n > legacyLimit && n <= gleanLimit {
			p.Report(s.ptr(), fmt.Sprintf("%s is %d bytes long: Glean keeps it (up to 500 bytes), but the legacy mirror of this event (telemetry.events) holds only its first 80 bytes", field(s.ptr()), n),
				"nothing is wrong in this record; to join it with legacy data, match on the first 80 bytes, or keep the value under 80 bytes")
		}
	}
}
