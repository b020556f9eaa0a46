package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/normlint/normlint/lint"
)

// This file words schema violations: every schema-backed rule's Message.
// Messages say what was found and what was expected; hints say what to do.

// eventName is "method/object" for messages.
func eventName(r *lint.Record) string {
	m, _ := r.Str("method")
	o, _ := r.Str("object")
	return m + "/" + o
}

// field names a canonical pointer the way a person reads it: extra.reason.
func field(ptr string) string {
	toks := lint.SplitPointer(ptr)
	if len(toks) == 0 {
		return "the record"
	}
	return strings.Join(toks, ".")
}

// show describes a JSON value for a message; a string is shown quoted (cut
// and redacted as lint.Quote does), anything else by its type and value.
func show(v any) string {
	if s, ok := v.(string); ok {
		return lint.Quote(s)
	}
	return lint.Describe(v)
}

// typeName names a JSON value's type.
func typeName(v any) string { return lint.TypeName(v) }

// wantStrings returns the violation's allowed string values, sorted.
func wantStrings(v *lint.Violation) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range v.Want {
		if s, ok := w.(string); ok && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// suggest returns a "did you mean" hint for got among want, or a list of
// what is allowed when nothing is close.
func suggest(got any, want []string) string {
	if s, ok := got.(string); ok {
		if hint := lint.DidYouMean(s, want); hint != "" {
			return hint
		}
	}
	if len(want) > 0 && len(want) <= 24 {
		return "expected one of " + lint.QuotedOrList(want)
	}
	return ""
}

var eventRecordKeys = []string{"category", "method", "object", "value", "extra", "timestamp", "client_id"}
var uptakeRecordKeys = []string{"source", "status", "extra", "timestamp", "client_id"}

func malformedMessage(r *lint.Record, v *lint.Violation) (string, string) {
	keys := eventRecordKeys
	if r.Kind == lint.KindUptake {
		keys = uptakeRecordKeys
	}
	name := field(v.Pointer)
	switch {
	case v.Key:
		key := lint.SplitPointer(v.Pointer)
		k := key[len(key)-1]
		hint := lint.DidYouMean(k, keys)
		if hint == "" {
			hint = "a record's keys are " + strings.Join(keys, ", ")
		}
		return fmt.Sprintf("unknown record key %s: a%s %s record has only %s", lint.Quote(k), article(r.Kind.String()), r.Kind, strings.Join(keys, ", ")), hint
	case len(v.Missing) > 0:
		return fmt.Sprintf("the record has no %s; an event record needs category, method and object", lint.AndList(v.Missing)), ""
	}
	switch name {
	case "timestamp":
		return fmt.Sprintf("the timestamp is %s; expected an integer (milliseconds)", show(v.Got)), "Firefox writes event timestamps as whole milliseconds"
	case "extra":
		return fmt.Sprintf("extra is %s; expected an object whose values are strings", typeName(v.Got)), ""
	case "client_id":
		return fmt.Sprintf("client_id is %s; expected a string", typeName(v.Got)), ""
	}
	return fmt.Sprintf("%s is %s; expected a string", name, show(v.Got)), ""
}

func unknownEventMessage(r *lint.Record, v *lint.Violation) (string, string) {
	method, mok := r.Str("method")
	object, _ := r.Str("object")
	want := wantStrings(v)
	msg := fmt.Sprintf("(%s, %s) is not a registered Normandy event: Firefox drops events it has no registration for", method, object)
	if !mok {
		return msg, ""
	}
	if object == "" {
		// A Glean name with no known method: the whole name is in method.
		msg = "no registered Normandy event has this name: Glean records only <method>_<object> names that have a metric"
	}
	hint := ""
	if best := lint.Nearest(object, want); best != "" {
		hint = fmt.Sprintf("did you mean object %q?", best)
	} else if best := lint.Nearest(method, want); best != "" {
		hint = fmt.Sprintf("did you mean method %q?", best)
	} else if len(want) > 0 {
		hint = "registered: " + strings.Join(want, ", ")
	}
	return msg, hint
}

func undocumentedEventMessage(r *lint.Record, _ *lint.Violation) (string, string) {
	return fmt.Sprintf("%s is an event Firefox registers and sends, but data-collection.rst does not describe it", eventName(r)),
		"accepted as genuine; `normlint explain undocumented-event` says which Firefox versions send it"
}

func unknownExtraKeyMessage(r *lint.Record, v *lint.Violation) (string, string) {
	toks := lint.SplitPointer(v.Pointer)
	key := toks[len(toks)-1]
	what := "method " + method(r)
	if r.Kind == lint.KindUptake {
		what = "uptake events"
	}
	msg := fmt.Sprintf("extra key %s is not registered for %s: Firefox drops the whole event", lint.Quote(key), what)
	var want []string
	for _, w := range wantStrings(v) {
		if w != "glean_timestamp" { // added by the Glean SDK, never written by hand
			want = append(want, w)
		}
	}
	if r.Kind == lint.KindUptake {
		// The uptake event's source travels among its extras.
		want = append(want, "source")
		sort.Strings(want)
	}
	return msg, suggest(key, want)
}

func method(r *lint.Record) string {
	m, _ := r.Str("method")
	return m
}

func extraNotStringMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	hint := ""
	switch g := v.Got.(type) {
	case bool:
		hint = fmt.Sprintf("write it as the string \"%v\"", g)
	case float64:
		hint = fmt.Sprintf("write it as the string \"%v\"", g)
	}
	return fmt.Sprintf("%s is %s; Firefox records only string extra values and drops the event", field(v.Pointer), show(v.Got)), hint
}

func missingExtraMessage(r *lint.Record, v *lint.Violation) (string, string) {
	names := strings.Join(v.Missing, ", ")
	if r.Kind == lint.KindUptake {
		return fmt.Sprintf("the uptake record has no %s: Firefox always reports the source key of an uptake status", names), ""
	}
	noun := "extra"
	if len(v.Missing) > 1 {
		noun = "extras"
	}
	return fmt.Sprintf("%s event lacks %s %s, which Firefox always sends with it", eventName(r), noun, names), ""
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
	return fmt.Sprintf("%s's value is %s; expected %s as a string", ev, typeName(v.Got), what), ""
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
		msg = fmt.Sprintf("reason is %s; Firefox sends a string for %s", typeName(v.Got), eventName(r))
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

func invalidExtraValueMessage(r *lint.Record, v *lint.Violation) (string, string) {
	name := field(v.Pointer)
	if s, ok := v.Got.(string); ok && strings.HasSuffix(v.Pointer, "/experimentType") && len([]rune(s)) > 11 {
		// Firefox accepts any experimentType of at most 11 characters, so
		// the length is the problem, not the value.
		return fmt.Sprintf("%s %s is %d characters long; Firefox accepts at most 11", name, lint.Quote(s), len([]rune(s))),
			"the documented types are \"exp\" and \"exp-highpop\""
	}
	return fmt.Sprintf("%s is %s, which Firefox never sends for %s", name, show(v.Got), eventName(r)), suggest(v.Got, wantStrings(v))
}

func tooManyExtraKeysMessage(r *lint.Record, v *lint.Violation) (string, string) {
	m, ok := v.Got.(map[string]any)
	if !ok {
		m = r.Extra()
	}
	n := len(m)
	if _, ok := m["glean_timestamp"]; ok {
		n-- // the Glean SDK's own extra is not one of the event's keys
	}
	return fmt.Sprintf("the extra object has %d keys; Firefox allows at most 10 per event", n), ""
}

func addonIDMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	shown := show(v.Got)
	if s, ok := v.Got.(string); ok {
		shown = lint.QuoteAddonID(s)
	}
	return fmt.Sprintf("addonId %s is neither an add-on ID (name@domain or {GUID}) nor __NO_ADDON__", shown),
		"add-on IDs look like feature-study@shield.mozilla.com or {01234567-89ab-cdef-0123-456789abcdef}"
}

func addonVersionMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	return fmt.Sprintf("addonVersion %s is neither a toolkit version (1.2.3, 68.0, 2.0b3) nor __NO_ADDON__", show(v.Got)), ""
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

func invalidStatusMessage(r *lint.Record, v *lint.Violation) (string, string) {
	src, _ := r.Str("source")
	fam := family(src)
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

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "n"
	}
	return ""
}

func undocumentedStatusMessage(r *lint.Record, v *lint.Violation) (string, string) {
	src, _ := r.Str("source")
	s, _ := v.Got.(string)
	names := statusConstants(family(src), s)
	if len(names) == 1 && names[0] == s {
		for _, e := range statusTable {
			if e.constant == s {
				return fmt.Sprintf("status %s (sent as %q) is one Firefox reports, but data-collection.rst does not list it", s, e.wire), ""
			}
		}
	}
	if len(names) > 0 && names[0] != s {
		return fmt.Sprintf("status %s (%s) is sent by Firefox but not listed in data-collection.rst", lint.Quote(s), strings.Join(names, " or ")), ""
	}
	return fmt.Sprintf("status %s is sent by Firefox but not listed in data-collection.rst", lint.Quote(s)), ""
}

func undocumentedValueMessage(r *lint.Record, v *lint.Violation) (string, string) {
	if strings.HasSuffix(v.Pointer, "/experimentType") {
		// A free-form field: Firefox takes any type a recipe names (up to
		// 11 characters), so normlint cannot say Firefox sends this one.
		return fmt.Sprintf("%s %s is not one of the types data-collection.rst lists (%s); Firefox accepts any experimentType of up to 11 characters from the recipe, so it may be genuine",
			field(v.Pointer), show(v.Got), lint.QuotedOrList(wantStrings(v))), ""
	}
	return fmt.Sprintf("%s %s is sent by Firefox for %s but not listed in data-collection.rst", field(v.Pointer), show(v.Got), eventName(r)), ""
}
