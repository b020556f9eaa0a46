package rules

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// How messages name what they talk about, and the hints they give.

// eventName is "method/object" for messages.
func eventName(r *lint.Record) string {
	m, _ := r.Str("method")
	o, _ := r.Str("object")
	return m + "/" + o
}

// isEvent reports whether eventName(r) is method/object, without building
// it (neither name holds a slash).
func isEvent(r *lint.Record, method, object string) bool {
	m, _ := r.Str("method")
	o, _ := r.Str("object")
	return m == method && o == object
}

// method is the record's method, "" when it has none.
func method(r *lint.Record) string {
	m, _ := r.Str("method")
	return m
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

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "n"
	}
	return ""
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
