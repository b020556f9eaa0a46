package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxShown is how many characters of a value from the input a message
// shows: a 100 KB slug must not make a 100 KB line.
const MaxShown = 80

// Patterns of personal data that Normandy telemetry must never carry, and
// that normlint must never echo back.
var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	homeRe  = regexp.MustCompile(`(^|[^A-Za-z0-9])(/home/|/Users/|[A-Za-z]:[\\/]+Users[\\/]+)[^/\\\s]+`)
	queryRe = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s?#]*\?[^\s#]*[=&]`)
)

// PersonalData says what personal data s looks like: "an e-mail address",
// "a home-directory path" (which names the user) or "a URL with a query
// string"; "" when it looks like none. Add-on IDs have the form
// name@domain, so callers pass addonID for them and no e-mail is seen.
func PersonalData(s string, addonID bool) string {
	switch {
	// The cheap tests keep the regular expressions off the hot path:
	// almost no value holds any of these characters.
	case !addonID && strings.IndexByte(s, '@') >= 0 && emailRe.MatchString(s):
		return "an e-mail address"
	case (strings.Contains(s, "Users") || strings.Contains(s, "/home/")) && homeRe.MatchString(s):
		return "a home-directory path"
	case strings.Contains(s, "://") && strings.IndexByte(s, '?') >= 0 && queryRe.MatchString(s):
		return "a URL with a query string"
	}
	return ""
}

// Redacted stands for a value that looks like personal data: what it looks
// like, its length and a short hash, so that two such values can be told
// apart without showing either.
func Redacted(s, what string) string {
	sum := sha256.Sum256([]byte(s))
	return fmt.Sprintf("<redacted: %s, %d bytes, #%s>", what, len(s), hex.EncodeToString(sum[:3]))
}

// Quote renders a string from the input for a message: quoted, cut to
// MaxShown characters with an ellipsis and its full length when longer,
// and redacted when it looks like personal data (see PersonalData).
func Quote(s string) string {
	if what := PersonalData(s, false); what != "" {
		return Redacted(s, what)
	}
	return quoteCut(s)
}

// QuoteAddonID is Quote for an add-on ID, which may look like an e-mail
// address by design.
func QuoteAddonID(s string) string {
	if what := PersonalData(s, true); what != "" {
		return Redacted(s, what)
	}
	return quoteCut(s)
}

// Shown is Quote without the quotes, for tables and reports that show a
// value (a slug, a reason) as it is.
func Shown(s string) string {
	if what := PersonalData(s, false); what != "" {
		return Redacted(s, what)
	}
	if utf8.RuneCountInString(s) <= MaxShown {
		return s
	}
	return cut(s) + fmt.Sprintf("… (%d bytes)", len(s))
}

func quoteCut(s string) string {
	if utf8.RuneCountInString(s) <= MaxShown {
		return strconv.Quote(s)
	}
	q := strconv.Quote(cut(s))
	return q[:len(q)-1] + fmt.Sprintf("…\" (%d bytes)", len(s))
}

// cut keeps the first MaxShown-1 characters of s.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == MaxShown-1 {
			return s[:i]
		}
		n++
	}
	return s
}

// Describe names a JSON value for a message: null, the string "..." (as
// Quote renders it), the boolean true, the number 5, an array, an object.
// It takes decoded values (*Object) and plain ones (map[string]any) alike.
func Describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "the string " + Quote(v)
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		return "an array"
	case *Object, map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// TypeName names a JSON value's type: null, a string, a number, ...
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case []any:
		return "an array"
	case *Object, map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
