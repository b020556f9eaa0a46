package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// InvalidUptakeStatus is the ID of the rule against uptake statuses outside
// the source's family.
const InvalidUptakeStatus = "invalid-uptake-status"

func init() {
	register(&lint.Rule{
		ID:       InvalidUptakeStatus,
		Severity: lint.SeverityError,
		Summary:  "the uptake status is not a Normandy status for the source's family",
		Message:  invalidStatusMessage,
		Doc: lint.Doc{
			Rationale: `The status is not one Normandy reports for this kind of source. Each
family has its own statuses: RUNNER_* for normandy/runner, ACTION_* for
actions, RECIPE_* for recipes, or the wire strings they map to. A status
from another family (ACTION_SUCCESS under normandy/runner), a wire string
the family never uses (custom_1_error for the runner) or a string Firefox
cannot send at all (signature_error; the wire string is sign_error) means
the record was mislabelled or made up.

Use the constant or wire string that matches the source.`,
			Spec: "data-collection.rst, Uptake › Runner Status, › Action Status, › Recipe Status; docs/telemetry-reference.md §2.2 (constants and wire strings), §2.3 (status strings UptakeTelemetry accepts)",
			Firefox: `Wire strings, as toolkit/components/normandy/lib/Uptake.jsm (later
Uptake.sys.mjs) maps the constants: runner success, server_error,
network_error, sign_error; action success, server_error, network_error,
custom_1_error, custom_2_error; recipe success, custom_1_error, backoff,
apply_error, content_error, download_error, sign_error, plus custom_2_error
from old clients (Firefox 67 used it instead of backoff, according to
mozilla-services/telescope's uptake checks). UptakeTelemetry.report()
(services/common/uptake-telemetry.js) throws on strings outside its list,
so signature_error never reaches the wire.`,
			Bad:  `{"source": "normandy/runner", "status": "ACTION_SUCCESS"}`,
			Good: `{"source": "normandy/runner", "status": "RUNNER_SUCCESS"}`,
		},
	})
}

func invalidStatusMessage(r *lint.Record, v *lint.Violation) (string, string) {
	src, _ := r.Str("source")
	fam := Family(src)
	if len(v.Missing) > 0 {
		return fmt.Sprintf("the uptake record for %s has no status", src), "expected one of " + lint.QuotedOrList(familyWire[fam])
	}
	s, ok := v.Got.(string)
	msg := fmt.Sprintf("status %s is not a Normandy %s status", show(v.Got), fam)
	if !ok {
		return fmt.Sprintf("status is %s; expected a Normandy %s status (a string)", show(v.Got), fam), "expected one of " + lint.QuotedOrList(familyWire[fam])
	}
	if s == "RECIPE_SIGNATURE_INVALID" {
		return msg, "the docs' name for RECIPE_INVALID_SIGNATURE, which Firefox sends as \"sign_error\""
	}
	if s == "signature_error" {
		return msg, "Firefox sends \"sign_error\": the docs' signature_error is refused by UptakeTelemetry and never reaches the wire"
	}
	if other := constantFamily(s); other != "" && other != fam {
		return msg, fmt.Sprintf("%s is a%s %s status; %s statuses are %s", s, article(other), other, fam, lint.QuotedOrList(familyWire[fam]))
	}
	if hint := lint.DidYouMean(s, append(append([]string{}, familyWire[fam]...), familyConstants[fam]...)); hint != "" {
		return msg, hint
	}
	return msg, "expected one of " + lint.QuotedOrList(familyWire[fam]) + " (or their constants, such as " + familyConstants[fam][0] + ")"
}
