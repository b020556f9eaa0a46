package rules

import (
	"fmt"
	"sort"
	"unicode"

	"github.com/normlint/normlint/lint"
)

// stringValues returns the record's string values that Firefox
// length-limits and that could carry personal data: the value (the status
// for uptake), the uptake source, and every extra value, each with its
// canonical pointer, in a stable order.
func stringValues(r *lint.Record) []struct{ ptr, key, val string } {
	extra := r.Extra()
	out := make([]struct{ ptr, key, val string }, 0, len(extra)+2)
	add := func(ptr, key string, v any) {
		if s, ok := v.(string); ok {
			out = append(out, struct{ ptr, key, val string }{ptr, key, s})
		}
	}
	if r.Kind == lint.KindUptake {
		add("/status", "status", r.Doc["status"])
		add("/source", "source", r.Doc["source"])
	} else {
		add("/value", "value", r.Doc["value"])
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(lint.JoinPointer("/extra", k), k, extra[k])
	}
	return out
}

// checkLength reports values over (or, for exact, at) Firefox's 80-byte
// limit.
func checkLength(exact bool) func(p *lint.Pass, r *lint.Record) {
	return func(p *lint.Pass, r *lint.Record) {
		for _, s := range stringValues(r) {
			n := len(s.val)
			switch {
			case !exact && n > 80:
				p.Report(s.ptr, fmt.Sprintf("%s is %d bytes long; Firefox truncates values and extra values to 80 bytes, so a genuine payload never holds one this long", field(s.ptr), n),
					"shorten it to at most 80 bytes (UTF-8)")
			case exact && n == 80:
				p.Report(s.ptr, fmt.Sprintf("%s is exactly 80 bytes, Firefox's limit: it was probably truncated", field(s.ptr)),
					"if this is a slug or reason, check the original: Firefox cuts longer values at 80 bytes")
			}
		}
	}
}

// checkSlugFormat: slugs are identifiers; the addon_study unenroll value is
// the study's name (recipe.arguments.name) per the spec, not a slug.
func checkSlugFormat(p *lint.Pass, r *lint.Record) {
	if r.Kind != lint.KindEvent || eventName(r) == "unenroll/addon_study" {
		return
	}
	v, ok := r.Str("value")
	if !ok {
		return
	}
	for i, c := range v {
		var what string
		switch {
		case c == unicode.ReplacementChar || c > unicode.MaxASCII:
			what = fmt.Sprintf("the non-ASCII character %q", c)
		case unicode.IsSpace(c):
			what = "whitespace"
		case unicode.IsControl(c):
			what = fmt.Sprintf("the control character %U", c)
		default:
			continue
		}
		p.Report("/value", fmt.Sprintf("slug %s contains %s at byte %d; slugs are ASCII identifiers without spaces", lint.Quote(v), what, i),
			"use the recipe's slug (recipe.arguments.slug), e.g. pref-my-study-release-123")
		return
	}
}

func checkUnknownReason(p *lint.Pass, r *lint.Record) {
	if r.Kind != lint.KindEvent {
		return
	}
	if reason, ok := r.ExtraStr("reason"); ok && reason == "unknown" {
		p.Report("/extra/reason", fmt.Sprintf("%s reason is \"unknown\": the spec says a reason was not specified and this should be considered a bug", eventName(r)),
			"find out why Normandy could not tell the reason; a QA sample should not contain it")
	}
}

func checkEnrollFailure(p *lint.Pass, r *lint.Record) {
	if r.Kind != lint.KindEvent || eventName(r) != "enrollFailed/addon_study" {
		return
	}
	slug, _ := r.Str("value")
	reason, ok := r.ExtraStr("reason")
	msg := fmt.Sprintf("add-on study %s failed to enroll", lint.Quote(slug))
	if ok {
		msg += fmt.Sprintf(" (reason %s)", lint.Quote(reason))
	}
	p.Report("/method", msg+": the spec says an enrollment failure should be considered a bug", "")
}

// checkPersonalData looks for what the spec keeps out of failure reasons.
// An addonId is never read as an e-mail address: name@domain is the add-on
// ID format.
func checkPersonalData(p *lint.Pass, r *lint.Record) {
	for _, s := range stringValues(r) {
		what := lint.PersonalData(s.val, s.key == "addonId")
		if what == "" {
			continue
		}
		if what == "a home-directory path" {
			what += ", which names the user"
		}
		p.Report(s.ptr, fmt.Sprintf("%s looks like it contains %s: Normandy telemetry must not carry personal data", field(s.ptr), what),
			"the spec limits failure reasons to file name, line and error name precisely to avoid leaking this")
	}
}
