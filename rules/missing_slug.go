package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// MissingSlug is the ID of the rule against an absent, null or empty value
// (the slug).
const MissingSlug = "missing-slug"

func init() {
	register(&lint.Rule{
		ID:       MissingSlug,
		Severity: lint.SeverityError,
		Summary:  "the event's value (the study's slug or name) is absent, null or empty",
		Message:  missingSlugMessage,
		Doc: lint.Doc{
			Rationale: `The event has no value, or its value is null or empty. For Normandy events
the value identifies the study, rollout or experiment (its slug; for
addon_study unenroll the study's name); without it the event cannot be
tied to anything and is useless for enrollment counts.

Fill in the slug from recipe.arguments.slug (for addon_study unenroll,
recipe.arguments.name).`,
			Spec: "data-collection.rst, Enrollment › Preference Studies and › Add-on Studies, value (\"The name of the study (recipe.arguments.slug)\"; recipe.arguments.name for add-on unenrollment); docs/telemetry-reference.md §3.2 (the legacy value is always the slug)",
			Firefox: `Every era sends the slug: as the fifth tuple item in legacy events (main
ping up to Firefox 61, event ping since Firefox 62) and as extra.value in
Glean events (Firefox 132 on, where
toolkit/components/normandy/lib/TelemetryEvents.sys.mjs moves the value
into the extras). One exception, in every era
that had them: the add-on study and add-on rollout actions
(actions/AddonStudyAction.jsm, BranchedAddonStudyAction,
AddonRolloutAction) report an unexpected error as enrollFailed or
updateFailed with the error string as reason, no branch, and as value a
property only their own error classes set: such a failure has no value
(legacy null, no Glean value extra), and missing-slug accepts it.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "extra": {"branch": "control", "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

func missingSlugMessage(r *lint.Record, v *lint.Violation) (string, string) {
	what := "the study's slug"
	object, _ := r.Str("object")
	switch {
	case eventName(r) == "unenroll/addon_study":
		what = "the study's name"
	case strings.HasSuffix(object, "_rollout") || strings.HasSuffix(object, "_rollback"):
		what = "the rollout's slug"
	case object == "nimbus_experiment":
		what = "the experiment's slug"
	}
	ev := "the " + eventName(r) + " event"
	if m, o := r.Str("method"); !o || m == "" {
		ev = "the event" // malformed-record says what else it lacks
	} else if o, ok := r.Str("object"); !ok || o == "" {
		ev = "the event" // malformed-record says what else it lacks
	}
	switch {
	case len(v.Missing) > 0:
		return fmt.Sprintf("%s has no value; expected %s", ev, what), ""
	case v.Got == nil:
		return fmt.Sprintf("%s's value is null; expected %s", ev, what), ""
	case v.Got == "":
		return fmt.Sprintf("%s's value is empty; expected %s", ev, what), ""
	}
	return fmt.Sprintf("%s's value is %s; expected %s as a string", ev, lint.TypeName(v.Got), what), ""
}
