package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// ValueTooLong is the ID of the rule against values longer than the
// recording pipeline keeps.
const ValueTooLong = "value-too-long"

func init() {
	register(&lint.Rule{
		ID:       ValueTooLong,
		Severity: lint.SeverityError,
		Summary:  "the value or an extra value is longer than its pipeline keeps (80 bytes in legacy Telemetry, 500 in Glean): Firefox would have truncated it",
		Check:    checkValueTooLong,
		Doc: lint.Doc{
			Rationale: `The value or an extra value is longer than the pipeline that recorded it
keeps. Legacy Telemetry (event and main pings, telemetry.events rows,
tuples, hand-written records) cuts longer strings to 80 bytes before
storing them; the Glean SDK (Glean pings, events_stream rows) cuts event
extra values to 500 bytes. Either way a payload Firefox produced can never
hold a longer one: the record was edited or generated elsewhere, and the
same event from a real client would carry a different, shortened value.

A Glean value between 81 and 500 bytes is no error: Glean keeps it, and
only the legacy mirror cuts it (legacy-truncated, info).

Shorten the value, and keep slugs well under 80 bytes so that they survive
intact in both pipelines.`,
			Spec: "docs/telemetry-reference.md §4.2 (value and extra values over 80 bytes are truncated, not dropped), §3.2 (the value is the slug, at most 80 bytes), §4.3 (Glean keeps extra values of up to 500 bytes)",
			Firefox: `toolkit/components/telemetry/core/TelemetryEvent.cpp truncates value and
extra values to 80 bytes at a UTF-8 boundary in every era of legacy events
(dynamically registered, defined in Events.yaml, and the Glean mirrors
since Firefox 132). Normandy's own Glean events (Firefox 132 on) pass the
value as the extra "value", and the Glean SDK cuts every extra value at 500
bytes: the limit was 100 bytes until Glean v51.8.0 raised it (bug 1798713),
long before Firefox 132, so 500 is the only Glean limit Normandy's events
have known.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning-by-top-level-site-for-release-users-in-the-european-union", "extra": {"branch": "control", "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

// checkValueTooLong reports values over the recording pipeline's limit.
func checkValueTooLong(p *lint.Pass, r *lint.Record) {
	limit := lengthLimit(r)
	for s := range stringValues(r) {
		if n := len(s.val); n > limit {
			p.Report(s.ptr(), fmt.Sprintf("%s is %d bytes long; %s, so a genuine payload never holds one this long", field(s.ptr()), n, pipelineName(r)),
				fmt.Sprintf("shorten it to at most %d bytes (UTF-8)", limit))
		}
	}
}
