package rules

// Documented lists what data-collection.rst enumerates, as coverage items:
// "status:<CONSTANT>", "event:<method>/<object>" and
// "reason:<method>/<object>/<reason>". An audit says which of them a sample
// exercised. The error-string reason of addon_study enrollFailed is a form,
// not a value, and is not listed.
func Documented() []string {
	out := make([]string, 0, 32)
	for _, c := range documentedStatuses {
		out = append(out, "status:"+c)
	}
	for _, e := range documentedEvents {
		out = append(out, "event:"+e)
	}
	for _, r := range documentedReasons {
		out = append(out, "reason:"+r)
	}
	return out
}

// The spec's Uptake section: the runner, action and recipe statuses.
var documentedStatuses = []string{
	"RUNNER_INVALID_SIGNATURE", "RUNNER_NETWORK_ERROR", "RUNNER_SERVER_ERROR", "RUNNER_SUCCESS",
	"ACTION_NETWORK_ERROR", "ACTION_PRE_EXECUTION_ERROR", "ACTION_POST_EXECUTION_ERROR", "ACTION_SERVER_ERROR", "ACTION_SUCCESS",
	"RECIPE_ACTION_DISABLED", "RECIPE_EXECUTION_ERROR", "RECIPE_INVALID_ACTION", "RECIPE_SUCCESS",
}

// The spec's Enrollment section: preference and add-on studies.
var documentedEvents = []string{
	"enroll/preference_study", "unenroll/preference_study",
	"enroll/addon_study", "enrollFailed/addon_study", "unenroll/addon_study",
}

// The reasons the spec enumerates for the unenrollments.
var documentedReasons = []string{
	"unenroll/preference_study/recipe-not-seen",
	"unenroll/preference_study/user-preference-changed",
	"unenroll/preference_study/user-preference-changed-sideload",
	"unenroll/preference_study/unknown",
	"unenroll/addon_study/install-failure",
	"unenroll/addon_study/individual-opt-out",
	"unenroll/addon_study/general-opt-out",
	"unenroll/addon_study/recipe-not-seen",
	"unenroll/addon_study/uninstalled",
	"unenroll/addon_study/uninstalled-sideload",
	"unenroll/addon_study/unknown",
}
