package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// TruncatedValue is the ID of the rule against values of exactly the
// recording pipeline's limit.
const TruncatedValue = "truncated-value"

func init() {
	register(&lint.Rule{
		ID:       TruncatedValue,
		Severity: lint.SeverityWarning,
		Summary:  "the value or an extra value is exactly its pipeline's limit (80 bytes in legacy Telemetry, 500 in Glean): Firefox probably cut it",
		Check:    checkTruncatedValue,
		Doc: lint.Doc{
			Rationale: `The value or an extra value is exactly as long as the pipeline that
recorded it keeps: 80 bytes in legacy Telemetry (event and main pings,
telemetry.events rows, tuples, hand-written records), 500 bytes in Glean
(Glean pings, events_stream rows). The original was most likely longer and
Firefox cut it, so it may no longer match the slug, add-on ID or reason it
came from, and joins against recipe data will miss it. An 80-byte value in
a Glean record is intact: Glean keeps it, and so does the legacy mirror.

Keep slugs and other identifiers shorter than 80 bytes. When reading such
data, match on the prefix rather than the whole string.`,
			Spec: "docs/telemetry-reference.md §4.2 (over-long strings cut to 80 bytes), §3.3 (error-string reasons cut to 80 characters), §4.3 (Glean cuts extra values at 500 bytes)",
			Firefox: `Every legacy-event era truncates at 80 bytes
(toolkit/components/telemetry/core/TelemetryEvent.cpp); Normandy's add-on
study code (toolkit/components/normandy/lib/AddonStudies.jsm, later the
actions in toolkit/components/normandy/actions/) also cuts error-string
reasons to 80 characters, since dynamic registration. Normandy's Glean
events (Firefox 132 on) are cut by the Glean SDK at 500 bytes, its limit for
event extra values since v51.8.0.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning-by-top-level-site-for-release-users-in-the-europ", "extra": {"branch": "control", "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-network-cache-partitioning", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

// checkTruncatedValue reports values of exactly the recording pipeline's
// limit.
func checkTruncatedValue(p *lint.Pass, r *lint.Record) {
	limit := lengthLimit(r)
	for s := range stringValues(r) {
		if len(s.val) != limit {
			continue
		}
		if !r.Glean {
			p.Report(s.ptr(), fmt.Sprintf("%s is exactly 80 bytes, Firefox's limit: it was probably truncated", field(s.ptr())),
				"if this is a slug or reason, check the original: Firefox cuts longer values at 80 bytes")
			continue
		}
		p.Report(s.ptr(), fmt.Sprintf("%s is exactly 500 bytes, the Glean SDK's limit for event extra values: it was probably truncated", field(s.ptr())),
			"check the original: Glean cuts longer extra values at 500 bytes (and the legacy mirror at 80)")
	}
}
