package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// The lifecycle stream follows each study through a client's records. The
// rules it reports under (unenroll-without-enroll, duplicate-enroll,
// branch-mismatch, addon-mismatch, event-after-unenroll) register in their
// own files with NewStream newLifecycle and StreamGroup lifecycleGroup.
// Their examples hold several records on one line (a JSON array of
// hand-written records, or one ping).

// lifecycleGroup is the stream group of the rules that follow each study
// through a client's records.
const lifecycleGroup = "lifecycle"

// MaxLifecycleStudies bounds the lifecycle state: at most this many
// (client, study) pairs are remembered, the oldest forgotten first. Each
// costs a few hundred bytes plus the input line it points back to.
const MaxLifecycleStudies = 100000

// studyKey identifies a study as one client sees it.
type studyKey struct {
	client string
	study  string
}

// studyState is what a client's records have said of one study so far.
type studyState struct {
	enrolled   bool // an enroll came earlier in stream order
	active     bool // enrolled and not unenrolled since
	unenrolled bool // the last word was an unenroll
	updated    bool // an update came since the enrollment

	enrollAt   lint.Anchor
	branch     string
	hasBranch  bool
	branchAt   lint.Anchor
	version    string
	hasVersion bool
	versionAt  lint.Anchor
	unenrollAt lint.Anchor
}

// lifecycle is the state of one run's lifecycle checks.
type lifecycle struct {
	studies map[studyKey]*studyState
	// order holds the keys in insertion order, as a ring, to forget the
	// oldest when the state is full.
	order  []studyKey
	next   int
	forgot bool
}

func newLifecycle() lint.Stream {
	return &lifecycle{studies: map[studyKey]*studyState{}}
}

// studyIdentity names the study an event is about. Add-on studies are
// paired by addonId: the spec gives the unenroll value as
// recipe.arguments.name while enroll carries the slug. Rollbacks end
// rollouts, so a rollback shares its rollout's identity.
func studyIdentity(r *lint.Record) (string, bool) {
	object, _ := r.Str("object")
	slug, _ := r.Str("value")
	switch object {
	case "addon_study":
		if id, ok := r.ExtraStr("addonId"); ok && id != "" && id != "__NO_ADDON__" {
			return "addon_study addonId " + id, true
		}
		if slug == "" {
			return "", false
		}
		return "addon_study " + slug, true
	case "preference_rollback":
		object = "preference_rollout"
	case "addon_rollback":
		object = "addon_rollout"
	}
	if slug == "" || object == "" {
		return "", false
	}
	return object + " " + slug, true
}

// Record implements lint.Stream.
func (l *lifecycle) Record(p *lint.StreamPass, r *lint.Record) {
	if r.Kind != lint.KindEvent {
		return
	}
	study, ok := studyIdentity(r)
	if !ok {
		return
	}
	client := r.ClientID
	if client == "" {
		// Records without a client are one client per file.
		client = "\x00file " + p.File()
	}
	key := studyKey{client, study}
	method, _ := r.Str("method")
	object, _ := r.Str("object")
	st := l.studies[key]
	switch method {
	case "enroll":
		if st == nil {
			st = l.add(key)
		} else if st.active {
			p.ReportRule(DuplicateEnroll, "/method",
				fmt.Sprintf("%s enrolls again in %s with no unenroll since its earlier enrollment", object, lint.Quote(slugOf(r))),
				"a client enrolls once per study; look for a lost unenroll or a duplicated record",
				lint.RelatedAnchor{Anchor: st.enrollAt, Message: "the earlier enrollment"})
		}
		*st = studyState{enrolled: true, active: true, enrollAt: p.Anchor("/method")}
		if b, ok := r.ExtraStr("branch"); ok {
			st.branch, st.hasBranch, st.branchAt = b, true, p.Anchor("/extra/branch")
		}
		if v, ok := r.ExtraStr("addonVersion"); ok {
			st.version, st.hasVersion, st.versionAt = v, true, p.Anchor("/extra/addonVersion")
		}
	case "unenroll":
		if st == nil || !st.enrolled {
			if !l.forgot {
				p.ReportRule(UnenrollWithoutEnroll, "/method",
					fmt.Sprintf("%s unenrolls from %s, but no earlier record of this client enrolls in it", object, lint.Quote(slugOf(r))),
					"an export is a window: the enrollment may predate it; otherwise look for a lost enroll")
			}
			if st == nil {
				// Remembered all the same: what follows an unenroll is
				// judged whether or not the window shows the enrollment.
				st = l.add(key)
			}
		} else if st.active {
			l.compare(p, r, object, st)
		}
		st.active, st.unenrolled, st.unenrollAt = false, true, p.Anchor("/method")
	case "update", "expPrefChanged", "graduate":
		if st == nil {
			return
		}
		if st.unenrolled && !st.active {
			p.ReportRule(EventAfterUnenroll, "/method",
				fmt.Sprintf("%s/%s for %s comes after this client unenrolled from it", method, object, lint.Quote(slugOf(r))),
				"after an unenroll, Normandy sends nothing more for the study until it enrolls again",
				lint.RelatedAnchor{Anchor: st.unenrollAt, Message: "the unenrollment"})
		}
		if method == "update" && st.active {
			st.updated = true
		}
	}
}

// compare checks an unenroll against the enrollment it ends.
func (l *lifecycle) compare(p *lint.StreamPass, r *lint.Record, object string, st *studyState) {
	switch object {
	case "preference_study":
		// Older Firefox sends no branch on unenroll: nothing to compare.
		if b, ok := r.ExtraStr("branch"); ok && st.hasBranch && b != st.branch {
			p.ReportRule(BranchMismatch, "/extra/branch",
				fmt.Sprintf("the unenrollment from %s reports branch %s, but the client enrolled in branch %s", lint.Quote(slugOf(r)), lint.Quote(b), lint.Quote(st.branch)),
				"a preference study never moves a client between branches",
				lint.RelatedAnchor{Anchor: st.branchAt, Message: fmt.Sprintf("enrolled in branch %s", lint.Quote(st.branch))})
		}
	case "addon_study":
		if v, ok := r.ExtraStr("addonVersion"); ok && st.hasVersion && !st.updated && v != st.version {
			id, _ := r.ExtraStr("addonId")
			p.ReportRule(AddonMismatch, "/extra/addonVersion",
				fmt.Sprintf("the unenrollment of add-on %s reports version %s, but the enrollment installed %s and no update came between", lint.QuoteAddonID(id), lint.Quote(v), lint.Quote(st.version)),
				"an add-on study changes its add-on's version only through an update event",
				lint.RelatedAnchor{Anchor: st.versionAt, Message: fmt.Sprintf("enrolled with version %s", lint.Quote(st.version))})
		}
	}
}

// add makes room for a new study, forgetting the oldest when full.
func (l *lifecycle) add(key studyKey) *studyState {
	if len(l.order) < MaxLifecycleStudies {
		l.order = append(l.order, key)
	} else {
		delete(l.studies, l.order[l.next])
		l.order[l.next] = key
		l.next = (l.next + 1) % MaxLifecycleStudies
		l.forgot = true
	}
	st := &studyState{}
	l.studies[key] = st
	return st
}

func slugOf(r *lint.Record) string {
	s, _ := r.Str("value")
	return s
}
