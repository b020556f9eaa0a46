package audit

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// addonPrefix starts the identity of an add-on study paired by add-on ID
// (rules' studyIdentity).
const addonPrefix = "addon_study addonId "

// studyKey is the key of a study in Report.Studies: its lifecycle identity
// ("<object> <slug>", "addon_study addonId <id>") with the slug or ID
// shown as every value is (cut, personal data redacted).
func studyKey(identity string) (key, object, rest string, byAddon bool) {
	if id, ok := strings.CutPrefix(identity, addonPrefix); ok {
		id = shownAddonID(id)
		return addonPrefix + id, "addon_study", id, true
	}
	object, rest, _ = strings.Cut(identity, " ")
	rest = lint.Shown(rest)
	return object + " " + rest, object, rest, false
}

// shownAddonID shows an add-on ID as lint.Shown shows other values, except
// that its name@domain form is not taken for an e-mail address.
func shownAddonID(id string) string {
	if what := lint.PersonalData(id, true); what != "" {
		return lint.Redacted(id, what)
	}
	if r := []rune(id); len(r) > lint.MaxShown {
		return string(r[:lint.MaxShown-1]) + fmt.Sprintf("… (%d bytes)", len(id))
	}
	return id
}

func (b *Builder) study(ev *rules.LifecycleEvent) (string, *Study) {
	key, object, rest, byAddon := studyKey(ev.Study)
	st := b.report.Studies[key]
	if st == nil {
		st = &Study{Object: object, Branches: map[string]int{}, Unenrollments: map[string]int{},
			EnrollFailures: map[string]int{}, Events: map[string]int{}}
		if byAddon {
			st.AddonID = rest
		} else {
			st.Slug = rest
		}
		b.report.Studies[key] = st
	}
	if st.AddonID != "" && ev.Slug != "" {
		// Prefer an enrollment's slug, then the least value, so that the
		// slug does not depend on the order of the records.
		st.Slug = pickSlug(st.Slug, st.Enrollments > 0, lint.Shown(ev.Slug), ev.Method == "enroll")
	}
	return key, st
}

// pickSlug chooses between the slug a study has (from an enrollment when
// enrolled) and another value (from an enrollment when enroll).
func pickSlug(have string, enrolled bool, other string, enroll bool) string {
	switch {
	case have == "", enroll && !enrolled:
		return other
	case enrolled && !enroll:
		return have
	}
	return min(have, other)
}
