package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// InvalidUptakeSource is the ID of the rule against uptake sources of no
// Normandy form.
const InvalidUptakeSource = "invalid-uptake-source"

func init() {
	register(&lint.Rule{
		ID:       InvalidUptakeSource,
		Severity: lint.SeverityError,
		Summary:  "the uptake source is not normandy/runner, normandy/action/<ClassName> or normandy/recipe/<id>",
		Message:  invalidSourceMessage,
		Doc: lint.Doc{
			Rationale: `The uptake source is not one Normandy reports under. Normandy uses exactly
three kinds of key: normandy/runner, normandy/action/<ClassName> and
normandy/recipe/<integer recipe id>. Any other key cannot be attributed to
the runner, an action or a recipe, and dashboards built on these keys will
ignore it.

Check for typos (e.g. "recipes" for "recipe"), a recipe slug in place of
its numeric id, or a missing "normandy/" prefix.`,
			Spec: "data-collection.rst, Uptake › Runner Status (normandy/runner), › Action Status (normandy/action/<action name>), › Recipe Status (normandy/recipe/<recipe id>); docs/telemetry-reference.md §2.1 (source keys)",
			Firefox: `The three key forms are the same in every era: the key of the keyed
histogram UPTAKE_REMOTE_CONTENT_RESULT_1, the source extra of the
uptake.remotecontent.result event (from ≈ Firefox 68), and the source extra
of Glean uptake_normandy (Firefox 132 on). Action keys carry the JavaScript
class name (toolkit/components/normandy/actions/BaseAction.sys.mjs), such
as PreferenceExperimentAction; older names such as AddonStudyAction occur.`,
			Bad:  `{"source": "normandy/recipe/pref-test-slug", "status": "success"}`,
			Good: `{"source": "normandy/recipe/123", "status": "success"}`,
		},
	})
}

func invalidSourceMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	hint := ""
	if s, ok := v.Got.(string); ok && strings.HasPrefix(s, "normandy/recipe/") {
		hint = "recipe sources carry the recipe's integer id, e.g. normandy/recipe/123"
	} else if ok && strings.HasPrefix(s, "normandy/action/") {
		hint = "action sources carry the action's JavaScript class name, e.g. normandy/action/PreferenceExperimentAction"
	}
	return fmt.Sprintf("uptake source %s is not normandy/runner, normandy/action/<ClassName> or normandy/recipe/<integer id>", show(v.Got)), hint
}
