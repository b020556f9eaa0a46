package rules

import "strings"

// Uptake status names, for messages (the schemas decide validity). From
// docs/telemetry-reference.md §2.2: each spec constant and the wire string
// Firefox sends for it, as toolkit/components/normandy/lib/Uptake.jsm (later
// Uptake.sys.mjs) maps them.
var statusTable = []struct{ constant, family, wire string }{
	{"RUNNER_SUCCESS", "runner", "success"},
	{"RUNNER_SERVER_ERROR", "runner", "server_error"},
	{"RUNNER_NETWORK_ERROR", "runner", "network_error"},
	{"RUNNER_INVALID_SIGNATURE", "runner", "sign_error"},
	{"ACTION_NETWORK_ERROR", "action", "network_error"},
	{"ACTION_PRE_EXECUTION_ERROR", "action", "custom_1_error"},
	{"ACTION_POST_EXECUTION_ERROR", "action", "custom_2_error"},
	{"ACTION_SERVER_ERROR", "action", "server_error"},
	{"ACTION_SUCCESS", "action", "success"},
	{"RECIPE_ACTION_DISABLED", "recipe", "custom_1_error"},
	{"RECIPE_DIDNT_MATCH_FILTER", "recipe", "backoff"},
	{"RECIPE_INCOMPATIBLE_CAPABILITIES", "recipe", "backoff"},
	{"RECIPE_EXECUTION_ERROR", "recipe", "apply_error"},
	{"RECIPE_FILTER_BROKEN", "recipe", "content_error"},
	{"RECIPE_ARGUMENTS_INVALID", "recipe", "content_error"},
	{"RECIPE_INVALID_ACTION", "recipe", "download_error"},
	{"RECIPE_SUCCESS", "recipe", "success"},
	{"RECIPE_INVALID_SIGNATURE", "recipe", "sign_error"},
	// Firefox 67 and older sent custom_2_error where later ones send backoff.
	{"RECIPE_DIDNT_MATCH_FILTER", "recipe", "custom_2_error"},
}

// familyWire lists each family's wire strings and familyConstants its spec
// constants, once each, in statusTable's order.
var familyWire = map[string][]string{}
var familyConstants = map[string][]string{}

func init() {
	seen := map[string]bool{}
	for _, s := range statusTable {
		if !seen[s.family+"/"+s.wire] {
			seen[s.family+"/"+s.wire] = true
			familyWire[s.family] = append(familyWire[s.family], s.wire)
		}
		if !seen[s.constant] {
			seen[s.constant] = true
			familyConstants[s.family] = append(familyConstants[s.family], s.constant)
		}
	}
}

// constantFamily returns the family of a spec constant.
func constantFamily(s string) string {
	for _, e := range statusTable {
		if e.constant == s {
			return e.family
		}
	}
	return ""
}

// Family returns the source family of an uptake source key: "runner",
// "action" or "recipe", or "" for a key of none of them.
func Family(source string) string {
	switch {
	case source == "normandy/runner":
		return "runner"
	case strings.HasPrefix(source, "normandy/action/"):
		return "action"
	case strings.HasPrefix(source, "normandy/recipe/"):
		return "recipe"
	}
	return ""
}

// WireStatus returns the wire string of a status given either way: a spec
// constant of the family maps to what Firefox sends, anything else is
// returned as it is.
func WireStatus(fam, status string) string {
	for _, e := range statusTable {
		if e.family == fam && e.constant == status {
			return e.wire
		}
	}
	return status
}

// StatusConstants names the spec constants a status stands for in a family:
// a wire string can stand for several ("backoff" under a recipe is
// RECIPE_DIDNT_MATCH_FILTER or RECIPE_INCOMPATIBLE_CAPABILITIES), a
// constant for itself.
func StatusConstants(fam, status string) []string {
	var out []string
	for _, e := range statusTable {
		if e.family != fam {
			continue
		}
		if e.constant == status {
			return []string{status}
		}
		if e.wire == status {
			out = append(out, e.constant)
		}
	}
	return out
}
