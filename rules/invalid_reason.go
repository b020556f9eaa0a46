package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// InvalidReason is the ID of the rule against reasons no Firefox sends.
const InvalidReason = "invalid-reason"

func init() {
	register(&lint.Rule{
		ID:       InvalidReason,
		Severity: lint.SeverityError,
		Summary:  "a reason that no Firefox sends for the event",
		Message:  invalidReasonMessage,
		Yields:   []string{ExtraNotString, UnknownExtraKey},
		Doc: lint.Doc{
			Rationale: `The reason is not one that any Firefox version sends for this event, so
the record was edited, mistyped or made up; analyses that count by reason
will put it in no known bucket. The message suggests the nearest valid
value.

Use one of the reasons listed for the event. For addon_study enrollFailed
the reason may also be an error string of the form
"file:line[:column] ErrorName", which Firefox sends for unexpected errors.`,
			Spec: "data-collection.rst, Enrollment › Preference Studies › Unenrollment (extra.reason), Enrollment › Add-on Studies › Enroll Failure (reason) and › Unenrollment (extra.reason); docs/telemetry-reference.md §3.3 (error-string reason), §3.4 (per-(method, object) table, Values), §3.5 (Nimbus reasons)",
			Firefox: `preference_study unenroll: recipe-not-seen, user-preference-changed,
user-preference-changed-sideload, the opt-out reasons and the newer
suitability reasons (filter-mismatch, capability-mismatch, ...).
addon_study unenroll adds install-failure, uninstalled,
uninstalled-sideload, branch-removed and
migration-removing-unbranched-action. addon_study enrollFailed:
conflicting-addon-id, download-failure, metadata-mismatch, install-failure
or an error string cut to 80 characters. The senders are
toolkit/components/normandy/lib/PreferenceExperiments.jsm and
AddonStudies.jsm (later .sys.mjs) and the actions in
toolkit/components/normandy/actions/. Events added by the Events.yaml of
≈ Firefox 80 and of ≈ Firefox 115 have their own lists
(docs/telemetry-reference.md §3.4).`,
			Bad:  `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-found"}}`,
			Good: `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}}]`,
		},
	})
}

// errorStringEvents accept, besides their coded reasons, the error string
// `${fileName}:${lineNumber}:${columnNumber} ${name}` of an unexpected error.
var errorStringEvents = map[string]bool{
	"enrollFailed/addon_study": true, "updateFailed/addon_study": true,
	"enrollFailed/addon_rollout": true, "updateFailed/addon_rollout": true,
}

func invalidReasonMessage(r *lint.Record, v *lint.Violation) (string, string) {
	msg := fmt.Sprintf("reason %s is not one Firefox sends for %s", show(v.Got), eventName(r))
	if _, ok := v.Got.(string); !ok {
		msg = fmt.Sprintf("reason is %s; Firefox sends a string for %s", lint.TypeName(v.Got), eventName(r))
	}
	hint := suggest(v.Got, wantStrings(v))
	if errorStringEvents[eventName(r)] {
		if strings.HasPrefix(hint, "expected one of ") {
			hint += ", or an error string \"file:line:column ErrorName\""
		} else if hint == "" {
			hint = "expected a coded reason or an error string \"file:line:column ErrorName\""
		}
	}
	return msg, hint
}
