package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// TruncatedValue is the ID of the rule against values of exactly 80 bytes.
const TruncatedValue = "truncated-value"

func init() {
	register(&lint.Rule{
		ID:       TruncatedValue,
		Severity: lint.SeverityWarning,
		Summary:  "the value or an extra value is exactly 80 bytes: Firefox probably cut it",
		Check:    checkTruncatedValue,
		Doc: lint.Doc{
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
	})
}

// checkTruncatedValue reports values of exactly Firefox's 80-byte limit.
func checkTruncatedValue(p *lint.Pass, r *lint.Record) {
	for s := range stringValues(r) {
		if len(s.val) == 80 {
			p.Report(s.ptr(), fmt.Sprintf("%s is exactly 80 bytes, Firefox's limit: it was probably truncated", field(s.ptr())),
				"if this is a slug or reason, check the original: Firefox cuts longer values at 80 bytes")
		}
	}
}
