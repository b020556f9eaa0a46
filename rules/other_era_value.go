package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// OtherEraValue is the ID of the rule against values that only Firefox
// versions outside --firefox-version send.
const OtherEraValue = "other-era-value"

func init() {
	register(&lint.Rule{
		ID:       OtherEraValue,
		Severity: lint.SeverityWarning,
		Summary:  "a value only Firefox versions outside --firefox-version send",
		Check:    func(*lint.Pass, *lint.Record) {}, // only with a range: see ForFirefox
		Doc: lint.Doc{
			Rationale: `normlint accepts what any Firefox version sends. Given the versions a
data set comes from (--firefox-version RANGE, or firefox-version in the
configuration), this rule reports what the schemas accept only because
another era sends it: a reason Nimbus added after Firefox 115 in data that
should come from Firefox 115, an add-on study named instead of slugged in
data from Firefox 134. The finding names the versions that do send the
value. Without a range the rule never fires.

RANGE is a major version (134), a span (120-134), a bound (>=120, >120,
<=80, <80), or several of them separated by commas (78,91,>=115). The
finding fires when no version of the range sends the value. Where the
sources only bound an era (the release that removed a sender is not
known), the bound is the widest the sources allow, so the rule errs
towards silence. The examples below run with --firefox-version >=134.`,
			Spec:    "docs/telemetry-reference.md §1.2 (recording eras) and §1.5 (which versions send which value); the x-normlint-eras lists of the normandy-event and uptake schemas (normlint schema normandy-event)",
			Firefox: eraDoc(),
			Bad:     `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "Tab Study", "extra": {"addonId": "tab@study", "addonVersion": "1.0"}}`,
			Good:    `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "tab-study", "extra": {"addonId": "tab@study", "addonVersion": "1.0", "branch": "treatment"}}`,
		},
	})
}

// eraDoc lists every era entry for explain and docs/rules.md.
func eraDoc() string {
	var b strings.Builder
	b.WriteString("Which versions send what (from the schemas' x-normlint-eras):\n")
	for i := range eras {
		e := &eras[i]
		fmt.Fprintf(&b, "\n- %s: %s. Source: %s.\n", e.What, e.Firefox, e.Source)
	}
	return b.String()
}

// ForFirefox restricts cfg's rules to the Firefox versions of fx: the
// other-era-value rule reports what only other versions send, and
// slug-format no longer excuses add-on study names when no version of fx
// sent them. A zero fx changes nothing.
func ForFirefox(cfg *lint.Config, fx FirefoxRange) {
	if fx.IsZero() {
		return
	}
	for _, r := range cfg.Rules {
		switch r.ID {
		case OtherEraValue:
			r.Check = func(p *lint.Pass, rec *lint.Record) { checkOtherEra(p, rec, fx) }
		case SlugFormat:
			lo, hi := nameEra().span()
			names := fx.overlaps(lo, hi)
			r.Check = func(p *lint.Pass, rec *lint.Record) { checkSlug(p, rec, names) }
		}
	}
}

// checkOtherEra reports the first era entry the record matches whose
// versions the range misses.
func checkOtherEra(p *lint.Pass, r *lint.Record, fx FirefoxRange) {
	for i := range eras {
		e := &eras[i]
		if !e.bounded() {
			continue
		}
		lo, hi := e.span()
		if fx.overlaps(lo, hi) {
			continue
		}
		ptr, ok := e.matches(r)
		if !ok {
			continue
		}
		p.Report(ptr, fmt.Sprintf("%s is sent only by %s, not by the target versions %s", eraSubject(e, r), e.Firefox, fx),
			"the record comes from another Firefox than the one targeted: check the data's Firefox version, or widen --firefox-version")
		return
	}
}

// eraSubject names what the record holds that the entry describes.
func eraSubject(e *era, r *lint.Record) string {
	m, _ := r.Str("method")
	o, _ := r.Str("object")
	switch e.Match {
	case "status":
		st, _ := r.Str("status")
		src, _ := r.Str("source")
		return fmt.Sprintf("status %s of %s", lint.Quote(st), lint.Quote(src))
	case "reason":
		reason, _ := r.ExtraStr("reason")
		return fmt.Sprintf("reason %s of %s/%s", lint.Quote(reason), m, o)
	case "name-shape":
		v, _ := r.Str("value")
		return fmt.Sprintf("%s/%s in the unbranched shape, with the study's name %s as value,", m, o, lint.Quote(v))
	}
	return fmt.Sprintf("%s/%s", m, o)
}
