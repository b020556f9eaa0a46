package rules

import (
	"fmt"
	"unicode"

	"github.com/normlint/normlint/lint"
)

// SlugFormat is the ID of the rule against slugs with whitespace, control
// characters or non-ASCII.
const SlugFormat = "slug-format"

func init() {
	register(&lint.Rule{
		ID:       SlugFormat,
		Severity: lint.SeverityWarning,
		Summary:  "a slug contains whitespace, control characters or non-ASCII",
		Check:    checkSlugFormat,
		Doc: lint.Doc{
			Rationale: `A value documented as a slug (recipe.arguments.slug) contains whitespace,
control characters or non-ASCII characters. Slugs are short machine
identifiers made of ASCII letters, digits and hyphens; anything else points
at a display name used in place of the slug, or at text mangled on its way
to the file, and will not join with the recipe.

Use the recipe's slug. The rule does not apply to addon_study unenroll,
whose value is the study's name (recipe.arguments.name), which may contain
spaces, nor to any add-on study event in the shape of the unbranched
add-on study action (no branch extra, or branch __NO_BRANCHES__), whose
value is the study's name too, unless --firefox-version excludes the
versions that had that action (then other-era-value reports it as well).`,
			Spec: "data-collection.rst, Enrollment › Preference Studies (Enrollment, Unenrollment) and Enrollment › Add-on Studies (Enrollment, Enroll Failure), value (recipe.arguments.slug); docs/telemetry-reference.md §1.3 (which revision says slug or name), §1.4 (older add-on study code sends the name)",
			Firefox: `All eras send the value unchanged (legacy tuple value, or Glean extra.value
since Firefox 132). toolkit/components/telemetry/core/TelemetryEvent.cpp
accepts any string up to 80 bytes, so a malformed slug is recorded as is.
The unbranched add-on study action (toolkit/components/normandy/actions/AddonStudyAction.jsm,
Firefox 62 to at most 114) sent the study's name (recipe.arguments.name)
as the value of enroll, update, enrollFailed and updateFailed, and
lib/AddonStudies.jsm as the value of unenroll; once branched studies came,
legacy recipes ran through BranchedAddonStudyAction with the name as slug
and branch __NO_BRANCHES__. See other-era-value for the sources.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "Pref Test Slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

// checkSlugFormat: slugs are identifiers; the addon_study unenroll value is
// the study's name (recipe.arguments.name) per the spec, not a slug, and so
// is the value of every add-on study event of the unbranched action.
func checkSlugFormat(p *lint.Pass, r *lint.Record) { checkSlug(p, r, true) }

// checkSlug is checkSlugFormat, excusing names in the unbranched add-on
// study shape only when names says the versions checked include that era.
func checkSlug(p *lint.Pass, r *lint.Record, names bool) {
	if r.Kind != lint.KindEvent || isEvent(r, "unenroll", "addon_study") || names && unbranchedAddonStudy(r, false) {
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
