package schemas

// This file is an independent transcription of data-collection.rst ("the
// doc") and docs/telemetry-reference.md ("the reference", mainly its §3.4
// table) into Go tables, and checks the schemas against it value by value.
// It deliberately does not read the schemas' enums: a value mistyped in a
// schema shows up here as a failure.

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"testing"

	"github.com/normlint/normlint/lint"
)

type pair struct{ method, object string }

func (p pair) String() string { return p.method + "/" + p.object }

// registered lists the objects each method was registered with, in any era
// (dynamic registration and its earlier revision, Events.yaml of ≈ Firefox 80
// and ≈ 115, both Glean metrics files, Nimbus: the reference's §3.2 and §6).
var registered = map[string][]string{
	"enroll":           {"preference_study", "addon_study", "preference_rollout", "addon_rollout", "nimbus_experiment"},
	"enrollFailed":     {"addon_study", "preference_rollout", "preference_study", "addon_rollout", "nimbus_experiment"},
	"update":           {"preference_rollout", "addon_study", "addon_rollout", "nimbus_experiment"},
	"updateFailed":     {"addon_study", "addon_rollout"},
	"unenroll":         {"preference_study", "addon_study", "preference_rollback", "addon_rollback", "nimbus_experiment", "preference_rollout"},
	"unenrollFailed":   {"preference_rollback", "preference_study", "addon_rollback", "nimbus_experiment", "preference_rollout"},
	"graduate":         {"preference_rollout"},
	"expPrefChanged":   {"preference_study"},
	"validationFailed": {"nimbus_experiment"},
	"expose":           {"nimbus_experiment"},
}

// keys lists the extra keys registered per method (one list for all of the
// method's objects), plus the Glean SDK's glean_timestamp.
var keys = map[string][]string{
	"enroll":           {"experimentType", "branch", "addonId", "addonVersion", "enrollmentId"},
	"enrollFailed":     {"reason", "preference", "detail", "branch", "addonId", "conflictingSlug", "enrollmentId", "prefBranch"},
	"update":           {"previousState", "addonId", "addonVersion", "branch", "enrollmentId"},
	"updateFailed":     {"reason", "detail", "branch", "enrollmentId"},
	"unenroll":         {"reason", "didResetValue", "addonId", "addonVersion", "branch", "enrollmentId", "changedPref", "conflictingSlug", "prefName", "prefType"},
	"unenrollFailed":   {"reason", "enrollmentId", "changedPref", "caller", "originalReason"},
	"graduate":         {"enrollmentId", "reason"},
	"expPrefChanged":   {"preferenceName", "reason", "enrollmentId"},
	"validationFailed": {"reason", "branch", "feature", "locale", "l10n_ids"},
	"expose":           {"branchSlug", "featureId"},
}

// documented are the pairs data-collection.rst describes.
var documented = map[pair]bool{
	{"enroll", "preference_study"}:   true,
	{"unenroll", "preference_study"}: true,
	{"enroll", "addon_study"}:        true,
	{"enrollFailed", "addon_study"}:  true,
	{"unenroll", "addon_study"}:      true,
}

// required are the extras a pair must carry: the doc's for documented pairs;
// only reason on failures and unenrollments otherwise.
func required(p pair) []string {
	switch p {
	case pair{"enroll", "preference_study"}:
		return []string{"branch", "experimentType"}
	case pair{"unenroll", "preference_study"}:
		return []string{"didResetValue", "reason"}
	case pair{"enroll", "addon_study"}:
		return []string{"addonId", "addonVersion"}
	case pair{"enrollFailed", "addon_study"}:
		return []string{"reason"}
	case pair{"unenroll", "addon_study"}:
		return []string{"addonId", "addonVersion", "reason"}
	}
	switch p.method {
	case "enrollFailed", "updateFailed", "unenrollFailed", "validationFailed", "unenroll":
		return []string{"reason"}
	}
	return nil
}

// The reference's reason sets R, O and I (§3.4).
var (
	reasonsR = []string{"recipe-not-seen", "filter-mismatch", "capability-mismatch", "arguments-invalid", "signature-error", "filter-error", "no-recipes"}
	reasonsO = []string{"general-opt-out", "individual-opt-out", "unknown"}
	reasonsI = []string{"download-failure", "metadata-mismatch", "install-failure"}
)

type reasonSpec struct {
	sent        []string // coded values Firefox sends
	errorString bool     // the error-string form (E) is sent too
	docListed   []string // values the doc lists, for documented pairs
	docErrors   bool     // the doc describes the error-string form
}

func cat(lists ...[]string) []string { return slices.Concat(lists...) }

var reasons = map[pair]reasonSpec{
	{"enrollFailed", "preference_study"}: {sent: []string{"name-conflict", "pref-conflict", "experiment-type-too-long", "invalid-branch", "invalid-type"}},
	{"unenroll", "preference_study"}: {
		sent:      cat(reasonsR, reasonsO, []string{"user-preference-changed", "user-preference-changed-sideload"}),
		docListed: []string{"recipe-not-seen", "user-preference-changed", "user-preference-changed-sideload", "unknown"},
	},
	{"unenrollFailed", "preference_study"}: {sent: []string{"does-not-exist", "already-unenrolled"}},
	{"expPrefChanged", "preference_study"}: {sent: []string{"observer", "sideload", "onEnroll"}},
	{"enrollFailed", "addon_study"}:        {sent: cat([]string{"conflicting-addon-id"}, reasonsI), errorString: true, docErrors: true},
	{"updateFailed", "addon_study"}:        {sent: cat([]string{"addon-id-mismatch", "addon-does-not-exist", "no-downgrade"}, reasonsI), errorString: true},
	{"unenroll", "addon_study"}: {
		sent:      cat(reasonsR, reasonsO, []string{"install-failure", "uninstalled", "uninstalled-sideload", "branch-removed", "migration-removing-unbranched-action"}),
		docListed: []string{"install-failure", "individual-opt-out", "general-opt-out", "recipe-not-seen", "uninstalled", "uninstalled-sideload", "unknown"},
	},
	{"enrollFailed", "preference_rollout"}:    {sent: []string{"invalid type", "would-be-no-op", "conflict"}},
	{"graduate", "preference_rollout"}:        {sent: []string{"all-prefs-match", "in-graduation-set"}},
	{"unenroll", "preference_rollback"}:       {sent: []string{"rollback"}},
	{"unenrollFailed", "preference_rollback"}: {sent: []string{"in-graduation-set", "graduated"}},
	{"enrollFailed", "addon_rollout"}:         {sent: cat([]string{"conflict", "addon-id-changed", "upgrade-required"}, reasonsI), errorString: true},
	{"updateFailed", "addon_rollout"}:         {sent: cat([]string{"conflict", "addon-id-changed", "upgrade-required"}, reasonsI), errorString: true},
	{"unenroll", "addon_rollback"}:            {sent: []string{"rollback"}},
	{"unenrollFailed", "addon_rollback"}:      {sent: []string{"uninstall-failed"}},
	{"enrollFailed", "nimbus_experiment"}:     {sent: []string{"feature-conflict", "name-conflict"}},
	{"unenroll", "nimbus_experiment"}: {sent: []string{
		"branch-removed", "bucketing", "changed-pref", "force-enrollment", "individual-opt-out", "labs-disabled",
		"labs-opt-out", "migration", "prefFlips-conflict", "prefFlips-failed", "pref-variable-changed",
		"pref-variable-missing", "pref-variable-no-longer", "recipe-not-seen", "rollouts-opt-out",
		"studies-opt-out", "targeting-mismatch", "unenrolled-in-another-profile", "unknown",
		// validation failures unenroll too
		"invalid-branch", "invalid-feature", "invalid-recipe", "l10n-missing-entry", "l10n-missing-locale", "unsupported-feature",
	}},
	{"unenrollFailed", "nimbus_experiment"}:   {sent: []string{"already-unenrolled", "does-not-exist"}},
	{"validationFailed", "nimbus_experiment"}: {sent: []string{"invalid-recipe", "invalid-branch", "invalid-feature", "l10n-missing-locale", "l10n-missing-entry"}},
	// Judgement: an early revision of the dynamic registration list
	// registered preference_rollout where later ones have
	// preference_rollback; same reasons.
	{"unenroll", "preference_rollout"}:       {sent: []string{"rollback"}},
	{"unenrollFailed", "preference_rollout"}: {sent: []string{"in-graduation-set", "graduated"}},
}

// Error strings: `${fileName}:${lineNumber}:${columnNumber} ${name}`, cut
// to 80 characters.
var (
	longError    = "resource://normandy/actions/BranchedAddonStudyAction.sys.mjs:1252:13 InvalidStateError"
	longPath     = "resource://gre/modules/addons/XPIInstall.jsm/and/a/long/path/to/SomeModule.jsm:12345:1 Error"
	errorStrings = []string{
		"resource://normandy/actions/BranchedAddonStudyAction.sys.mjs:252:13 TypeError",
		"resource://normandy/lib/AddonStudies.jsm:120 Error", // older: no column
		"chrome://x.js:1:1 NS_ERROR_FAILURE",
		longError[:80], // cut inside the name
		longPath[:80],  // cut inside the line number
	}
	notErrorStrings = []string{
		"TypeError",
		"file.js:abc Error",
		"file.js:12 Type Error",
		" file.js:12 Error",
		"file.js:12:3 Error trailing",
		// 80 characters, but no file:line at the start
		(longError[:60] + " has no line number at all, see")[:80],
		// 79 characters: not a cut, and not the full form either
		longError[:78] + " ",
	}
)

// Uptake statuses per family: documented (data-collection.rst constants
// and their wire values) and sent but undocumented.
type statusSpec struct {
	source       string
	documented   []string
	undocumented []string
}

var statusFamilies = []statusSpec{
	{
		source: "normandy/runner",
		documented: []string{"success", "server_error", "network_error", "sign_error",
			"RUNNER_SUCCESS", "RUNNER_SERVER_ERROR", "RUNNER_NETWORK_ERROR", "RUNNER_INVALID_SIGNATURE"},
	},
	{
		source: "normandy/action/PreferenceExperimentAction",
		documented: []string{"success", "server_error", "network_error", "custom_1_error", "custom_2_error",
			"ACTION_NETWORK_ERROR", "ACTION_PRE_EXECUTION_ERROR", "ACTION_POST_EXECUTION_ERROR", "ACTION_SERVER_ERROR", "ACTION_SUCCESS"},
	},
	{
		source: "normandy/recipe/123",
		documented: []string{"success", "custom_1_error", "apply_error", "download_error",
			"RECIPE_ACTION_DISABLED", "RECIPE_EXECUTION_ERROR", "RECIPE_INVALID_ACTION", "RECIPE_SUCCESS"},
		undocumented: []string{"backoff", "content_error", "sign_error", "custom_2_error",
			"RECIPE_DIDNT_MATCH_FILTER", "RECIPE_INCOMPATIBLE_CAPABILITIES", "RECIPE_FILTER_BROKEN",
			"RECIPE_ARGUMENTS_INVALID", "RECIPE_INVALID_SIGNATURE"},
	},
}

// infoRules are the rules of info severity: genuine payloads may trigger
// them and nothing else.
var infoRules = []string{"undocumented-event", "undocumented-value", "undocumented-status"}

// --- helpers ---

// validate runs the schemas and fails the test on a violation no schema
// node annotates: a failing keyword with no rule above it is a schema bug.
func validate(t *testing.T, k lint.Kind, doc map[string]any) []lint.Violation {
	t.Helper()
	vs := Load().Validate(lint.RecordFromDoc(k, doc))
	for _, v := range vs {
		if v.Rule == "" {
			t.Errorf("violation without a rule (unannotated schema node): %+v", v)
		}
		if v.Key && len(v.Missing) > 0 {
			t.Errorf("key violation with missing members: %+v", v)
		}
	}
	return vs
}

// finding is the comparable part of a violation.
type finding struct {
	rule, pointer string
	key           bool
}

func (f finding) String() string {
	if f.key {
		return f.rule + "@" + f.pointer + "(key)"
	}
	return f.rule + "@" + f.pointer
}

func findings(vs []lint.Violation) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, finding{v.Rule, v.Pointer, v.Key}.String())
	}
	sort.Strings(out)
	return out
}

// expect asserts that the violations are exactly want.
func expect(t *testing.T, what string, vs []lint.Violation, want ...finding) {
	t.Helper()
	w := make([]string, 0, len(want))
	for _, f := range want {
		w = append(w, f.String())
	}
	sort.Strings(w)
	if got := findings(vs); !slices.Equal(got, w) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, w)
	}
}

func find(vs []lint.Violation, rule, ptr string) *lint.Violation {
	for i := range vs {
		if vs[i].Rule == rule && vs[i].Pointer == ptr {
			return &vs[i]
		}
	}
	return nil
}

func event(method, object string, extra map[string]any) map[string]any {
	return map[string]any{"category": "normandy", "method": method, "object": object, "value": "some-slug", "extra": extra}
}

func uptake(source, status any, extra map[string]any) map[string]any {
	doc := map[string]any{"extra": extra}
	if source != nil {
		doc["source"] = source
	}
	if status != nil {
		doc["status"] = status
	}
	return doc
}

// sample is a valid value for an extra key of a pair.
func sample(p pair, key string) string {
	switch key {
	case "reason":
		if rs, ok := reasons[p]; ok {
			if documented[p] && rs.docErrors {
				return errorStrings[0]
			}
			if len(rs.docListed) > 0 {
				return rs.docListed[0]
			}
			return rs.sent[0]
		}
	case "experimentType":
		if p.object == "nimbus_experiment" {
			return "nimbus"
		}
		return "exp"
	case "addonId":
		return "feature-study@shield.mozilla.com"
	case "addonVersion":
		return "1.2.3"
	case "didResetValue":
		return "true"
	case "previousState":
		return "active"
	case "prefType":
		return "bool"
	case "glean_timestamp":
		return "1736931612345"
	}
	return "x"
}

// minimal is the smallest record of a pair that Firefox could send.
func minimal(p pair) map[string]any {
	extra := map[string]any{}
	for _, k := range required(p) {
		extra[k] = sample(p, k)
	}
	return event(p.method, p.object, extra)
}

// baseline is what every valid record of a pair reports.
func baseline(p pair) []finding {
	if documented[p] {
		return nil
	}
	return []finding{{"undocumented-event", "/method", false}}
}

func pairs() []pair {
	var out []pair
	for _, m := range slices.Sorted(maps.Keys(registered)) {
		for _, o := range registered[m] {
			out = append(out, pair{m, o})
		}
	}
	return out
}

func allObjects() []string {
	set := map[string]bool{"branched_addon_study": true, "bogus": true, "": true}
	for _, objs := range registered {
		for _, o := range objs {
			set[o] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func allKeys() []string {
	set := map[string]bool{"extras": true, "value": true, "source": true, "preferenceBranch": true}
	for _, ks := range keys {
		for _, k := range ks {
			set[k] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// --- tests ---

func TestRegisteredPairs(t *testing.T) {
	if len(pairs()) != 31 {
		t.Fatalf("transcription has %d pairs", len(pairs()))
	}
	for _, p := range pairs() {
		vs := validate(t, lint.KindEvent, minimal(p))
		expect(t, p.String(), vs, baseline(p)...)
		if v := find(vs, "undocumented-event", "/method"); v != nil && v.Got != p.method {
			t.Errorf("%s: undocumented-event Got = %v", p, v.Got)
		}
	}
}

func TestUnregisteredPairs(t *testing.T) {
	for _, m := range slices.Sorted(maps.Keys(registered)) {
		for _, o := range allObjects() {
			if slices.Contains(registered[m], o) {
				continue
			}
			vs := validate(t, lint.KindEvent, event(m, o, map[string]any{}))
			expect(t, m+"/"+o, vs, finding{"unknown-event", "/method", false})
			v := find(vs, "unknown-event", "/method")
			if v == nil {
				continue
			}
			if v.Got != m {
				t.Errorf("%s/%s: Got = %v", m, o, v.Got)
			}
			if !sameSet(v.Want, registered[m]) {
				t.Errorf("%s/%s: Want = %v, want the registered objects %v", m, o, v.Want, registered[m])
			}
		}
	}
	methods := slices.Sorted(maps.Keys(registered))
	// YAML entry names and wrong case are not wire methods.
	for _, m := range []string{"bogus", "enroll_failed", "enrollfailed", "Enroll", "exp_pref_changed", "unenroll_failed", "uptake", ""} {
		vs := validate(t, lint.KindEvent, event(m, "preference_study", map[string]any{}))
		expect(t, "method "+m, vs, finding{"unknown-event", "/method", false})
		if v := find(vs, "unknown-event", "/method"); v != nil && !sameSet(v.Want, methods) {
			t.Errorf("method %q: Want = %v", m, v.Want)
		}
	}
	// Pairs no source registers although the reference's Glean notes
	// (§5.3) name them: updateFailed of other objects, unenroll of addon_rollout.
	for _, p := range []pair{{"updateFailed", "preference_rollout"}, {"updateFailed", "nimbus_experiment"}, {"unenroll", "addon_rollout"}} {
		expect(t, p.String(), validate(t, lint.KindEvent, minimal(p)), finding{"unknown-event", "/method", false})
	}
}

func TestExtraKeys(t *testing.T) {
	for _, p := range pairs() {
		for _, k := range append(slices.Clone(keys[p.method]), "glean_timestamp") {
			doc := minimal(p)
			doc["extra"].(map[string]any)[k] = sample(p, k)
			expect(t, fmt.Sprintf("%s +%s", p, k), validate(t, lint.KindEvent, doc), baseline(p)...)
		}
	}
	for _, m := range slices.Sorted(maps.Keys(keys)) {
		p := pair{m, registered[m][0]}
		for _, k := range allKeys() {
			if slices.Contains(keys[m], k) {
				continue
			}
			doc := minimal(p)
			doc["extra"].(map[string]any)[k] = sample(p, k)
			ptr := "/extra/" + k
			vs := validate(t, lint.KindEvent, doc)
			// sample values are well-formed, so only the key is wrong
			want := append(baseline(p), finding{"unknown-extra-key", ptr, true})
			expect(t, fmt.Sprintf("%s +%s", p, k), vs, want...)
			if v := find(vs, "unknown-extra-key", ptr); v != nil {
				if !v.Key || v.Keyword != "additionalProperties" {
					t.Errorf("%s +%s: %+v", p, k, v)
				}
				if !slices.Contains(v.Want, any(keys[m][0])) {
					t.Errorf("%s +%s: Want %v lacks the registered keys", p, k, v.Want)
				}
			}
		}
	}
	// Extra keys are registered per method: any object of the method may
	// carry any of its keys (legacy Events.yaml shares one list).
	doc := minimal(pair{"unenroll", "preference_rollback"})
	doc["extra"].(map[string]any)["didResetValue"] = "false"
	doc["extra"].(map[string]any)["prefType"] = "int"
	expect(t, "unenroll/preference_rollback with study keys", validate(t, lint.KindEvent, doc), baseline(pair{"unenroll", "preference_rollback"})...)
}

func TestMissingExtra(t *testing.T) {
	for _, p := range pairs() {
		req := required(p)
		for _, k := range req {
			doc := minimal(p)
			delete(doc["extra"].(map[string]any), k)
			vs := validate(t, lint.KindEvent, doc)
			expect(t, fmt.Sprintf("%s -%s", p, k), vs, append(baseline(p), finding{"missing-extra", "/extra", false})...)
			if v := find(vs, "missing-extra", "/extra"); v != nil && !slices.Equal(v.Missing, []string{k}) {
				t.Errorf("%s -%s: Missing = %v", p, k, v.Missing)
			}
		}
		vs := validate(t, lint.KindEvent, event(p.method, p.object, map[string]any{}))
		if len(req) == 0 {
			expect(t, p.String()+" without extras", vs, baseline(p)...)
			continue
		}
		expect(t, p.String()+" without extras", vs, append(baseline(p), finding{"missing-extra", "/extra", false})...)
		if v := find(vs, "missing-extra", "/extra"); v != nil {
			want := slices.Sorted(slices.Values(req))
			if !slices.Equal(v.Missing, want) || v.Got != nil || v.Keyword != "required" {
				t.Errorf("%s without extras: %+v, want Missing %v", p, v, want)
			}
		}
	}
}

func TestReasons(t *testing.T) {
	var every []string
	for _, rs := range reasons {
		every = append(every, rs.sent...)
	}
	every = append(every, "test-reason", "atEnroll", "bogus", "Unknown", "", "rollback ")
	slices.Sort(every)
	every = slices.Compact(every)

	for _, p := range pairs() {
		rs, ok := reasons[p]
		if !slices.Contains(keys[p.method], "reason") {
			if ok {
				t.Fatalf("%s: reasons for a method without a reason key", p)
			}
			continue
		}
		if !ok {
			t.Fatalf("%s: no reasons transcribed", p)
		}
		try := func(value string, valid bool) {
			t.Helper()
			doc := minimal(p)
			doc["extra"].(map[string]any)["reason"] = value
			want := baseline(p)
			switch {
			case !valid:
				want = append(want, finding{"invalid-reason", "/extra/reason", false})
			case documented[p] && !rs.docErrors && !slices.Contains(rs.docListed, value):
				want = append(want, finding{"undocumented-value", "/extra/reason", false})
			case documented[p] && rs.docErrors && slices.Contains(rs.sent, value):
				want = append(want, finding{"undocumented-value", "/extra/reason", false})
			}
			vs := validate(t, lint.KindEvent, doc)
			expect(t, fmt.Sprintf("%s reason %q", p, value), vs, want...)
			if v := find(vs, "invalid-reason", "/extra/reason"); v != nil {
				if v.Got != value {
					t.Errorf("%s reason %q: Got = %v", p, value, v.Got)
				}
				for _, w := range rs.sent {
					if !slices.Contains(v.Want, any(w)) {
						t.Errorf("%s reason %q: Want %v lacks %q", p, value, v.Want, w)
					}
				}
			}
			if v := find(vs, "undocumented-value", "/extra/reason"); v != nil {
				for _, w := range rs.docListed {
					if !slices.Contains(v.Want, any(w)) {
						t.Errorf("%s reason %q: Want %v lacks documented %q", p, value, v.Want, w)
					}
				}
			}
		}
		for _, v := range every {
			try(v, slices.Contains(rs.sent, v))
		}
		for _, v := range errorStrings {
			try(v, rs.errorString)
		}
		for _, v := range notErrorStrings {
			try(v, false)
		}
	}
	// The doc's values are all sent (the doc's lists are subsets).
	for p, rs := range reasons {
		for _, v := range rs.docListed {
			if !slices.Contains(rs.sent, v) {
				t.Errorf("%s: documented %q not sent", p, v)
			}
		}
	}
}

func TestEnumeratedExtras(t *testing.T) {
	type tc struct {
		p     pair
		key   string
		value string
		want  string // rule, or "" for none
	}
	ps, nimbus := pair{"enroll", "preference_study"}, pair{"enroll", "nimbus_experiment"}
	upd := pair{"update", "preference_rollout"}
	unPS, unNim := pair{"unenroll", "preference_study"}, pair{"unenroll", "nimbus_experiment"}
	cases := []tc{
		{ps, "experimentType", "exp", ""},
		{ps, "experimentType", "exp-highpop", ""},
		{ps, "experimentType", "exp-lowpop", "undocumented-value"},
		{ps, "experimentType", "abcdefghijk", "undocumented-value"}, // 11 characters
		{ps, "experimentType", "", "undocumented-value"},
		{ps, "experimentType", "abcdefghijkl", "invalid-extra-value"}, // 12
		{ps, "experimentType", "experiment-highpop", "invalid-extra-value"},
		{nimbus, "experimentType", "nimbus", ""},
		{nimbus, "experimentType", "rollout", ""},
		{nimbus, "experimentType", "exp", "invalid-extra-value"},
		{nimbus, "experimentType", "Nimbus", "invalid-extra-value"},
		{pair{"enroll", "addon_study"}, "experimentType", "anything-at-all", ""}, // not sent, not judged
		{unPS, "didResetValue", "true", ""},
		{unPS, "didResetValue", "false", ""},
		{unPS, "didResetValue", "True", "invalid-extra-value"},
		{unPS, "didResetValue", "yes", "invalid-extra-value"},
		{unPS, "didResetValue", "", "invalid-extra-value"},
		{upd, "previousState", "active", ""},
		{upd, "previousState", "rolled-back", ""},
		{upd, "previousState", "graduated", ""},
		{upd, "previousState", "rolled_back", "invalid-extra-value"},
		{pair{"update", "addon_study"}, "previousState", "enrolled", "invalid-extra-value"},
		{unNim, "prefType", "bool", ""},
		{unNim, "prefType", "string", ""},
		{unNim, "prefType", "int", ""},
		{unNim, "prefType", "invalid", ""},
		{unNim, "prefType", "boolean", "invalid-extra-value"},
		{unNim, "prefType", "integer", "invalid-extra-value"},
	}
	for _, c := range cases {
		doc := minimal(c.p)
		doc["extra"].(map[string]any)[c.key] = c.value
		want := baseline(c.p)
		if c.want != "" {
			want = append(want, finding{c.want, "/extra/" + c.key, false})
		}
		vs := validate(t, lint.KindEvent, doc)
		expect(t, fmt.Sprintf("%s %s=%q", c.p, c.key, c.value), vs, want...)
		if c.want == "undocumented-value" {
			if v := find(vs, c.want, "/extra/"+c.key); v != nil && !sameSet(v.Want, []string{"exp", "exp-highpop"}) {
				t.Errorf("%s %s=%q: Want = %v", c.p, c.key, c.value, v.Want)
			}
		}
	}
}

func TestAddonFormats(t *testing.T) {
	ids := map[string]bool{
		"feature-study@shield.mozilla.com":       true,
		"{12345678-90ab-cdef-1234-567890ABCDEF}": true,
		"__NO_ADDON__":                           true,
		"a+b_c.d-e@x.y":                          true,
		"feature study@shield.mozilla.com":       false,
		"feature-study":                          false,
		"@shield.mozilla.com":                    false,
		"x@":                                     false,
		"{12345678-90ab-cdef-1234}":              false,
		"__NO_BRANCHES__":                        false,
		"":                                       false,
	}
	versions := map[string]bool{
		"1.2.3": true, "68.0": true, "2.0b3": true, "1.0a1": true, "10.2.0.1": true, "1": true,
		"1.0pre": true, "__NO_ADDON__": true,
		"1.2.": false, "v1.0": false, "1..2": false, "latest": false, "": false, "1.0 beta": false, "1.0-beta": false,
	}
	for _, method := range []string{"enroll", "unenroll", "update"} {
		p := pair{method, "addon_study"}
		for id, ok := range ids {
			doc := minimal(p)
			doc["extra"].(map[string]any)["addonId"] = id
			doc["extra"].(map[string]any)["addonVersion"] = "1.0"
			want := baseline(p)
			if !ok {
				want = append(want, finding{"addon-id-format", "/extra/addonId", false})
			}
			expect(t, fmt.Sprintf("%s addonId %q", p, id), validate(t, lint.KindEvent, doc), want...)
		}
		for ver, ok := range versions {
			doc := minimal(p)
			doc["extra"].(map[string]any)["addonId"] = "x@y"
			doc["extra"].(map[string]any)["addonVersion"] = ver
			want := baseline(p)
			if !ok {
				want = append(want, finding{"addon-version-format", "/extra/addonVersion", false})
			}
			expect(t, fmt.Sprintf("%s addonVersion %q", p, ver), validate(t, lint.KindEvent, doc), want...)
		}
	}
	// addonId is checked under any method, registered or not.
	p := pair{"enrollFailed", "addon_rollout"}
	doc := minimal(p)
	doc["extra"].(map[string]any)["addonId"] = "not an id"
	expect(t, "enrollFailed addonId", validate(t, lint.KindEvent, doc),
		append(baseline(p), finding{"addon-id-format", "/extra/addonId", false})...)
}

func TestMalformedRecord(t *testing.T) {
	ok := minimal(pair{"enroll", "preference_study"})
	with := func(k string, v any) map[string]any {
		doc := maps.Clone(ok)
		doc[k] = v
		return doc
	}
	without := func(k string) map[string]any {
		doc := maps.Clone(ok)
		delete(doc, k)
		return doc
	}
	cases := []struct {
		doc  map[string]any
		want []finding
	}{
		{with("timestamp", 81234.0), nil},
		{with("timestamp", -5.0), nil},
		{with("client_id", "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"), nil},
		{without("category"), nil},
		{with("extras", map[string]any{}), []finding{{"malformed-record", "/extras", true}}},
		{with("session", "x"), []finding{{"malformed-record", "/session", true}}},
		{with("a/b~c", 1.0), []finding{{"malformed-record", "/a~1b~0c", true}}},
		{with("method", 5.0), []finding{{"malformed-record", "/method", false}}},
		{with("method", nil), []finding{{"malformed-record", "/method", false}}},
		{with("object", nil), []finding{{"malformed-record", "/object", false}}},
		{with("object", []any{"preference_study"}), []finding{{"malformed-record", "/object", false}}},
		{with("timestamp", 1.5), []finding{{"malformed-record", "/timestamp", false}}},
		{with("timestamp", "81234"), []finding{{"malformed-record", "/timestamp", false}}},
		{with("client_id", 5.0), []finding{{"malformed-record", "/client_id", false}}},
		{with("extra", "branch=control"), []finding{{"malformed-record", "/extra", false}}},
		{with("extra", nil), []finding{{"malformed-record", "/extra", false}}},
		{with("category", "normandy.enroll"), []finding{{"malformed-record", "/category", false}}},
		{without("method"), []finding{{"malformed-record", "", false}}},
		{without("object"), []finding{{"malformed-record", "", false}}},
	}
	for _, c := range cases {
		vs := validate(t, lint.KindEvent, c.doc)
		expect(t, fmt.Sprint(c.doc), vs, c.want...)
	}
	vs := validate(t, lint.KindEvent, with("category", "telemetry"))
	if v := find(vs, "malformed-record", "/category"); v == nil || !sameSet(v.Want, []string{"normandy"}) {
		t.Errorf("category: %+v", vs)
	}
	vs = validate(t, lint.KindEvent, without("method"))
	if v := find(vs, "malformed-record", ""); v == nil || !slices.Equal(v.Missing, []string{"method"}) {
		t.Errorf("missing method: %+v", vs)
	}
	vs = validate(t, lint.KindEvent, with("extras", 1.0))
	if v := find(vs, "malformed-record", "/extras"); v == nil || !slices.Contains(v.Want, any("extra")) || v.Got != 1.0 {
		t.Errorf("extras: %+v", vs)
	}
}

func TestMissingSlug(t *testing.T) {
	p := pair{"enroll", "preference_study"}
	for _, c := range []struct {
		value   any
		ptr     string
		keyword string
	}{
		{nil, "/value", "type"},
		{5.0, "/value", "type"},
		{"", "/value", "minLength"},
	} {
		doc := minimal(p)
		doc["value"] = c.value
		vs := validate(t, lint.KindEvent, doc)
		expect(t, fmt.Sprintf("value %v", c.value), vs, finding{"missing-slug", c.ptr, false})
		if v := find(vs, "missing-slug", c.ptr); v != nil && v.Keyword != c.keyword {
			t.Errorf("value %v: keyword %s", c.value, v.Keyword)
		}
	}
	// Every pair needs its slug, documented or not (an add-on study
	// failure of a branched study: TestUnbranchedErrorValue has the
	// unbranched ones).
	for _, p := range pairs() {
		doc := minimal(p)
		delete(doc, "value")
		if (p.object == "addon_study" || p.object == "addon_rollout") && (p.method == "enrollFailed" || p.method == "updateFailed") {
			doc["extra"].(map[string]any)["branch"] = "treatment"
		}
		vs := validate(t, lint.KindEvent, doc)
		expect(t, p.String()+" without value", vs, append(baseline(p), finding{"missing-slug", "", false})...)
		if v := find(vs, "missing-slug", ""); v != nil && !slices.Equal(v.Missing, []string{"value"}) {
			t.Errorf("%s: Missing %v", p, v.Missing)
		}
	}
}

// TestUnbranchedErrorValue: the add-on study and add-on rollout actions
// report an unexpected error (reason = the error string, no branch)
// without a value, so such a failure may have a null or absent value; with
// a branch, or a coded reason, the value is required again.
func TestUnbranchedErrorValue(t *testing.T) {
	const reason = "resource://normandy/actions/AddonStudyAction.jsm:123:45 TypeError"
	for _, p := range []pair{{"enrollFailed", "addon_study"}, {"updateFailed", "addon_study"}, {"enrollFailed", "addon_rollout"}, {"updateFailed", "addon_rollout"}} {
		for _, c := range []struct {
			name   string
			extra  map[string]any
			value  any
			absent bool
			fires  bool
		}{
			{"null", map[string]any{"reason": reason}, nil, false, false},
			{"absent", map[string]any{"reason": reason}, nil, true, false},
			{"a name", map[string]any{"reason": reason}, "Tab Study", false, false},
			{"empty", map[string]any{"reason": reason}, "", false, true},
			{"with a branch", map[string]any{"reason": reason, "branch": "treatment"}, nil, false, true},
			{"coded reason", map[string]any{"reason": "download-failure"}, nil, false, true},
		} {
			doc := event(p.method, p.object, c.extra)
			if c.absent {
				delete(doc, "value")
			} else {
				doc["value"] = c.value
			}
			vs := validate(t, lint.KindEvent, doc)
			var got bool
			for _, v := range vs {
				got = got || v.Rule == "missing-slug"
			}
			if got != c.fires {
				t.Errorf("%s, %s value: missing-slug %v, want %v (%+v)", p, c.name, got, c.fires, vs)
			}
		}
	}
}

func TestExtraNotString(t *testing.T) {
	for _, p := range []pair{{"unenroll", "addon_study"}, {"enrollFailed", "addon_study"}, {"expose", "nimbus_experiment"}} {
		for _, v := range []any{1.0, true, nil, map[string]any{}, []any{"x"}} {
			for _, k := range []string{"reason", "addonId", "branch"} {
				if !slices.Contains(keys[p.method], k) {
					continue
				}
				doc := minimal(p)
				doc["extra"].(map[string]any)[k] = v
				// reason and addonId values are only judged when strings
				want := append(baseline(p), finding{"extra-not-string", "/extra/" + k, false})
				expect(t, fmt.Sprintf("%s %s=%v", p, k, v), validate(t, lint.KindEvent, doc), want...)
			}
		}
	}
}

func TestTooManyExtraKeys(t *testing.T) {
	p := pair{"unenroll", "nimbus_experiment"}
	doc := minimal(p)
	extra := doc["extra"].(map[string]any)
	for _, k := range keys["unenroll"] {
		extra[k] = sample(p, k)
	}
	extra["didResetValue"] = "true"
	if len(extra) != 10 {
		t.Fatalf("%d keys", len(extra))
	}
	expect(t, "10 keys", validate(t, lint.KindEvent, doc), baseline(p)...)
	extra["glean_timestamp"] = "1736931612345"
	expect(t, "10 keys + glean_timestamp", validate(t, lint.KindEvent, doc), baseline(p)...)
	delete(extra, "glean_timestamp")
	extra["extraKey"] = "x"
	vs := validate(t, lint.KindEvent, doc)
	expect(t, "11 keys", vs, append(baseline(p),
		finding{"too-many-extra-keys", "/extra", false}, finding{"unknown-extra-key", "/extra/extraKey", true})...)
	if v := find(vs, "too-many-extra-keys", "/extra"); v != nil && v.Keyword != "maxProperties" {
		t.Errorf("keyword %s", v.Keyword)
	}
}

func TestUptakeStatuses(t *testing.T) {
	every := []string{"signature_error", "up_to_date", "RECIPE_SIGNATURE_INVALID", "parse_error", "SUCCESS", ""}
	for _, f := range statusFamilies {
		every = append(every, f.documented...)
		every = append(every, f.undocumented...)
	}
	slices.Sort(every)
	every = slices.Compact(every)
	for _, f := range statusFamilies {
		for _, st := range every {
			var want []finding
			switch {
			case slices.Contains(f.documented, st):
			case slices.Contains(f.undocumented, st):
				want = []finding{{"undocumented-status", "/status", false}}
			default:
				want = []finding{{"invalid-uptake-status", "/status", false}}
			}
			vs := validate(t, lint.KindUptake, uptake(f.source, st, map[string]any{}))
			expect(t, fmt.Sprintf("%s %q", f.source, st), vs, want...)
			if v := find(vs, "invalid-uptake-status", "/status"); v != nil {
				if v.Got != st || !sameSet(v.Want, append(slices.Clone(f.documented), f.undocumented...)) {
					t.Errorf("%s %q: %+v", f.source, st, v)
				}
			}
			if v := find(vs, "undocumented-status", "/status"); v != nil && !sameSet(v.Want, f.documented) {
				t.Errorf("%s %q: Want %v", f.source, st, v.Want)
			}
		}
		for _, st := range []any{5.0, nil, true} {
			doc := uptake(f.source, nil, map[string]any{})
			doc["status"] = st
			expect(t, fmt.Sprintf("%s status %v", f.source, st), validate(t, lint.KindUptake, doc),
				finding{"invalid-uptake-status", "/status", false})
		}
		vs := validate(t, lint.KindUptake, uptake(f.source, nil, map[string]any{}))
		expect(t, f.source+" without status", vs, finding{"invalid-uptake-status", "", false})
		if v := find(vs, "invalid-uptake-status", ""); v != nil && !slices.Equal(v.Missing, []string{"status"}) {
			t.Errorf("Missing %v", v.Missing)
		}
	}
}

func TestUptakeSources(t *testing.T) {
	for _, src := range []string{"normandy/runner", "normandy/recipe/0", "normandy/recipe/123456",
		"normandy/action/AddonStudyAction", "normandy/action/ShowHeartbeatAction", "normandy/action/x2"} {
		expect(t, src, validate(t, lint.KindUptake, uptake(src, "success", map[string]any{})))
	}
	for _, src := range []any{"normandy/recipe/abc", "normandy/recipe/", "normandy/recipe/-1", "normandy/action/",
		"normandy/action/1Foo", "normandy/action/show-heartbeat", "normandy/runner/x", "Normandy/runner",
		"remotesettings/main", "normandy", "", 5.0, nil} {
		doc := uptake(nil, "bogus-status", map[string]any{}) // a bad source hides the status
		doc["source"] = src
		expect(t, fmt.Sprintf("source %v", src), validate(t, lint.KindUptake, doc),
			finding{"invalid-uptake-source", "/source", false})
	}
	vs := validate(t, lint.KindUptake, uptake(nil, "bogus-status", map[string]any{}))
	expect(t, "no source", vs, finding{"missing-extra", "", false})
	if v := find(vs, "missing-extra", ""); v != nil && !slices.Equal(v.Missing, []string{"source"}) {
		t.Errorf("Missing %v", v.Missing)
	}
}

func TestUptakeExtra(t *testing.T) {
	for _, k := range []string{"trigger", "age", "duration", "timestamp", "errorName", "glean_timestamp"} {
		expect(t, "uptake +"+k, validate(t, lint.KindUptake, uptake("normandy/runner", "success", map[string]any{k: "1"})))
	}
	for _, k := range []string{"source", "value", "reason", "status"} {
		expect(t, "uptake +"+k, validate(t, lint.KindUptake, uptake("normandy/runner", "success", map[string]any{k: "1"})),
			finding{"unknown-extra-key", "/extra/" + k, true})
	}
	expect(t, "uptake age=1", validate(t, lint.KindUptake, uptake("normandy/runner", "success", map[string]any{"age": 1.0})),
		finding{"extra-not-string", "/extra/age", false})
	doc := uptake("normandy/runner", "success", map[string]any{})
	doc["value"] = "success"
	doc["timestamp"] = "now"
	expect(t, "uptake top level", validate(t, lint.KindUptake, doc),
		finding{"malformed-record", "/value", true}, finding{"malformed-record", "/timestamp", false})
	expect(t, "uptake extra null", validate(t, lint.KindUptake, map[string]any{"source": "normandy/runner", "status": "success", "extra": nil}),
		finding{"malformed-record", "/extra", false})
}

// TestGenuinePayloads runs the records of reference §5.1 to §5.4,
// converted to canonical form: none may report above info.
func TestGenuinePayloads(t *testing.T) {
	type rec struct {
		name string
		kind lint.Kind
		doc  map[string]any
	}
	ev := func(ts float64, method, object, value string, extra map[string]any) map[string]any {
		doc := event(method, object, extra)
		doc["value"] = value
		if ts >= 0 {
			doc["timestamp"] = ts
		}
		return doc
	}
	recs := []rec{
		// 5.1 legacy event ping, parent process
		{"5.1 enroll", lint.KindEvent, ev(81234, "enroll", "preference_study", "pref-test-slug",
			map[string]any{"experimentType": "exp", "branch": "control", "enrollmentId": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c"})},
		{"5.1 uptake event", lint.KindUptake, map[string]any{"source": "normandy/recipe/123", "status": "success", "extra": map[string]any{}, "timestamp": 81301.0}},
		// 5.2 main ping: the histogram's bucket 1 is success, key normandy/runner
		{"5.2 uptake histogram", lint.KindUptake, map[string]any{"source": "normandy/runner", "status": "success", "extra": map[string]any{},
			"client_id": "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"}},
		{"5.2 unenroll", lint.KindEvent, ev(5120, "unenroll", "preference_study", "pref-test-slug",
			map[string]any{"reason": "recipe-not-seen", "didResetValue": "true"})},
		// 5.3 Glean: value moves back out of extra, glean_timestamp stays
		{"5.3 enroll_failed_addon_study", lint.KindEvent, ev(0, "enrollFailed", "addon_study", "addon-test-slug",
			map[string]any{"reason": "download-failure", "branch": "treatment", "glean_timestamp": "1736931612345"})},
		{"5.3 uptake_normandy", lint.KindUptake, map[string]any{"source": "normandy/recipe/123", "status": "backoff",
			"extra": map[string]any{"glean_timestamp": "1736931612382"}, "timestamp": 37.0}},
		// 5.4: Firefox test tuples (extra is a subset of what is sent)
		{"5.4 enroll preference_study", lint.KindEvent, ev(-1, "enroll", "preference_study", "test",
			map[string]any{"experimentType": "exp", "branch": "branch", "enrollmentId": "0f0e0d0c-0b0a-4909-8807-060504030201"})},
		{"5.4 enrollFailed preference_study", lint.KindEvent, ev(-1, "enrollFailed", "preference_study", "test",
			map[string]any{"reason": "name-conflict"})},
		{"5.4 graduate", lint.KindEvent, ev(-1, "graduate", "preference_rollout", "test-rollout",
			map[string]any{"enrollmentId": "test-enrollment-id", "reason": "in-graduation-set"})},
		{"5.4 unenroll preference_rollback", lint.KindEvent, ev(-1, "unenroll", "preference_rollback", "test-rollout",
			map[string]any{"reason": "rollback"})},
		{"5.4 unenrollFailed preference_rollback", lint.KindEvent, ev(-1, "unenrollFailed", "preference_rollback", "graduated-rollout",
			map[string]any{"reason": "graduated", "enrollmentId": "test-enrollment-id"})},
		{"5.4 enrollFailed preference_rollout conflict", lint.KindEvent, ev(-1, "enrollFailed", "preference_rollout", "test-rollout-2",
			map[string]any{"reason": "conflict", "preference": "test.pref1"})},
		{"5.4 enrollFailed preference_rollout invalid type", lint.KindEvent, ev(-1, "enrollFailed", "preference_rollout", "test-rollout",
			map[string]any{"reason": "invalid type", "preference": "test.pref"})},
		{"5.4 update preference_rollout", lint.KindEvent, ev(-1, "update", "preference_rollout", "test-rollout",
			map[string]any{"previousState": "graduated"})},
		{"5.4 enroll addon_rollout", lint.KindEvent, ev(-1, "enroll", "addon_rollout", "addon-rollout-slug", map[string]any{})},
		// The test asserts no extra; the action always sends reason rollback
		// (reference §3.4), which the schema requires of unenrollments.
		{"5.4 unenroll addon_rollback", lint.KindEvent, ev(-1, "unenroll", "addon_rollback", "addon-rollback-slug",
			map[string]any{"reason": "rollback"})},
		{"5.4 enroll addon_study no add-on", lint.KindEvent, ev(-1, "enroll", "addon_study", "branched-study",
			map[string]any{"addonId": "__NO_ADDON__", "addonVersion": "__NO_ADDON__", "branch": "a"})},
	}
	for _, r := range recs {
		for _, v := range validate(t, r.kind, r.doc) {
			if !slices.Contains(infoRules, v.Rule) {
				t.Errorf("%s: %s at %q (%s, got %v)", r.name, v.Rule, v.Pointer, v.Keyword, v.Got)
			}
		}
	}
	// The one record of section 5 left out, test-reason, is a test stub: it
	// must be reported.
	doc := ev(-1, "unenroll", "preference_study", "test",
		map[string]any{"reason": "test-reason", "didResetValue": "true", "branch": "branch"})
	expect(t, "test-reason", validate(t, lint.KindEvent, doc), finding{"invalid-reason", "/extra/reason", false})
}

func sameSet(got []any, want []string) bool {
	g := make([]string, 0, len(got))
	for _, v := range got {
		s, ok := v.(string)
		if !ok {
			return false
		}
		g = append(g, s)
	}
	slices.Sort(g)
	w := slices.Sorted(slices.Values(want))
	return slices.Equal(slices.Compact(g), slices.Compact(w))
}
