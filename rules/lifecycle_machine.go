package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// The lifecycle is a state machine per (client, study): step moves one
// study's state over one event and says what the event breaks. The run's
// stream (lifecycle.go) keeps the states of all pairs in a compact table
// (lifecycle_store.go); ClientLifecycle (lifecycle_client.go) keeps one
// client's, in a form that merges.

// StudyState is what a client's records have said of one study so far. The
// anchors are set only while they can be needed: EnrollAt and ValueAt while
// the study is active, UnenrollAt after an unenroll.
type StudyState struct {
	// Enrolled says an enroll came earlier in stream order.
	Enrolled bool
	// Active says enrolled and not unenrolled since.
	Active bool
	// Unenrolled says the last word was an unenroll.
	Unenrolled bool
	// Updated says an update came since the enrollment.
	Updated bool
	// Value is what the enrollment reported that its unenrollment must
	// repeat: the branch of a preference study, the add-on version of an
	// add-on study. HasValue says the enrollment reported one.
	Value    string
	HasValue bool
	// EnrollAt is the enrollment's method, ValueAt its branch or add-on
	// version, UnenrollAt the unenrollment's method.
	EnrollAt, ValueAt, UnenrollAt lint.Anchor
}

// LifecycleEvent is a record of the normandy category as the lifecycle
// follows it: what it says of its study, and where.
type LifecycleEvent struct {
	// Study names the study as the client sees it (studyIdentity): records
	// with the same Study and client are one study's lifecycle.
	Study string
	// Method, Object and Slug (the event's value) and the extras the
	// lifecycle compares, with Has* saying whether the record has them.
	Method, Object, Slug, AddonID string
	Branch, AddonVersion          string
	HasBranch, HasAddonVersion    bool
	// MethodAt, BranchAt and AddonVersionAt are where the record holds
	// them; findings and related locations point there.
	MethodAt, BranchAt, AddonVersionAt lint.Anchor
	// Seq orders a client's events in stream order; findings carry their
	// event's Seq.
	Seq int64
}

// LifecycleEventOf reads the lifecycle event of a record: false for records
// that are no event of a study. The anchors and Seq are left for the
// caller, who knows where the record came from.
func LifecycleEventOf(r *lint.Record) (LifecycleEvent, bool) {
	if r.Kind != lint.KindEvent {
		return LifecycleEvent{}, false
	}
	study, ok := studyIdentity(r)
	if !ok {
		return LifecycleEvent{}, false
	}
	ev := LifecycleEvent{Study: study}
	ev.Method, _ = r.Str("method")
	ev.Object, _ = r.Str("object")
	ev.Slug, _ = r.Str("value")
	ev.AddonID, _ = r.ExtraStr("addonId")
	ev.Branch, ev.HasBranch = r.ExtraStr("branch")
	ev.AddonVersion, ev.HasAddonVersion = r.ExtraStr("addonVersion")
	return ev, true
}

// The canonical pointers a lifecycle finding or anchor is at.
const (
	atMethod       = "/method"
	atBranch       = "/extra/branch"
	atAddonVersion = "/extra/addonVersion"
)

// Anchor returns the event's place at canonical pointer ptr (/method,
// /extra/branch or /extra/addonVersion).
func (ev *LifecycleEvent) Anchor(ptr string) lint.Anchor {
	switch ptr {
	case atBranch:
		return ev.BranchAt
	case atAddonVersion:
		return ev.AddonVersionAt
	}
	return ev.MethodAt
}

// LifecycleFinding is what an event breaks.
type LifecycleFinding struct {
	Rule string
	// Pointer is the canonical pointer in the event's record that the
	// finding is at; At the place it resolves to, where known.
	Pointer string
	At      lint.Anchor
	Seq     int64
	Message string
	Hint    string
	Related []lint.RelatedAnchor
}

// places gives the machine an event's anchors, and says which rules are on
// so that it takes no anchor nobody will see. *lint.StreamPass is one.
type places interface {
	Anchor(ptr string) lint.Anchor
	Anchors(ptrs ...string) []lint.Anchor
	Enabled(id string) bool
}

// step moves a study's state over one event. exists says whether the
// study has a state at all; the result says whether it has one after the
// event. trustNew says an unknown study was never enrolled: false once the
// run forgot pairs, when unenroll-without-enroll could be wrong.
func step(st *StudyState, exists bool, ev *LifecycleEvent, at places, trustNew bool, report func(LifecycleFinding)) bool {
	switch ev.Method {
	case "enroll":
		if exists && st.Active {
			report(LifecycleFinding{Rule: DuplicateEnroll, Pointer: atMethod,
				Message: fmt.Sprintf("%s enrolls again in %s with no unenroll since its earlier enrollment", ev.Object, lint.Quote(ev.Slug)),
				Hint:    "a client enrolls once per study; look for a lost unenroll or a duplicated record",
				Related: []lint.RelatedAnchor{{Anchor: st.EnrollAt, Message: "the earlier enrollment"}}})
		}
		*st = StudyState{Enrolled: true, Active: true}
		// The places a later finding may point back to, taken in one go.
		var ptrs [2]string
		n := 0
		if at.Enabled(DuplicateEnroll) {
			ptrs[n], n = atMethod, n+1
		}
		valueAt := ""
		switch {
		case (ev.Object == "preference_study" || ev.Object == "nimbus_experiment") && ev.HasBranch:
			// A Nimbus experiment's branch is kept for annotation-mismatch
			// alone: its unenroll is not compared.
			st.Value, st.HasValue = ev.Branch, true
			if ev.Object == "preference_study" && at.Enabled(BranchMismatch) || at.Enabled(AnnotationMismatch) {
				valueAt = atBranch
			}
		case ev.Object == "addon_study" && ev.HasAddonVersion:
			st.Value, st.HasValue = ev.AddonVersion, true
			if at.Enabled(AddonMismatch) {
				valueAt = atAddonVersion
			}
		}
		if valueAt != "" {
			ptrs[n], n = valueAt, n+1
		}
		if n > 0 {
			as := at.Anchors(ptrs[:n]...)
			if ptrs[0] == atMethod {
				st.EnrollAt, as = as[0], as[1:]
			}
			if valueAt != "" {
				st.ValueAt = as[0]
			}
		}
		return true
	case "unenroll":
		switch {
		case !exists || !st.Enrolled:
			if trustNew {
				report(LifecycleFinding{Rule: UnenrollWithoutEnroll, Pointer: atMethod,
					Message: fmt.Sprintf("%s unenrolls from %s, but no earlier record of this client enrolls in it", ev.Object, lint.Quote(ev.Slug)),
					Hint:    "an export is a window: the enrollment may predate it; otherwise look for a lost enroll"})
			}
		case st.Active:
			compare(st, ev, report)
		}
		// Remembered all the same: what follows an unenroll is judged
		// whether or not the window shows the enrollment.
		*st = StudyState{Enrolled: exists && st.Enrolled, Unenrolled: true}
		if at.Enabled(EventAfterUnenroll) || at.Enabled(AnnotationMismatch) {
			st.UnenrollAt = at.Anchor(atMethod)
		}
		return true
	case "update", "expPrefChanged", "graduate":
		if !exists {
			return false
		}
		if st.Unenrolled && !st.Active {
			report(LifecycleFinding{Rule: EventAfterUnenroll, Pointer: atMethod,
				Message: fmt.Sprintf("%s/%s for %s comes after this client unenrolled from it", ev.Method, ev.Object, lint.Quote(ev.Slug)),
				Hint:    "after an unenroll, Normandy sends nothing more for the study until it enrolls again",
				Related: []lint.RelatedAnchor{{Anchor: st.UnenrollAt, Message: "the unenrollment"}}})
		}
		if ev.Method == "update" && st.Active {
			st.Updated = true
		}
	}
	return exists
}

// compare checks an unenroll against the enrollment it ends.
func compare(st *StudyState, ev *LifecycleEvent, report func(LifecycleFinding)) {
	switch ev.Object {
	case "preference_study":
		// Older Firefox sends no branch on unenroll: nothing to compare.
		if ev.HasBranch && st.HasValue && ev.Branch != st.Value {
			report(LifecycleFinding{Rule: BranchMismatch, Pointer: atBranch,
				Message: fmt.Sprintf("the unenrollment from %s reports branch %s, but the client enrolled in branch %s", lint.Quote(ev.Slug), lint.Quote(ev.Branch), lint.Quote(st.Value)),
				Hint:    "a preference study never moves a client between branches",
				Related: []lint.RelatedAnchor{{Anchor: st.ValueAt, Message: fmt.Sprintf("enrolled in branch %s", lint.Quote(st.Value))}}})
		}
	case "addon_study":
		if ev.HasAddonVersion && st.HasValue && !st.Updated && ev.AddonVersion != st.Value {
			report(LifecycleFinding{Rule: AddonMismatch, Pointer: atAddonVersion,
				Message: fmt.Sprintf("the unenrollment of add-on %s reports version %s, but the enrollment installed %s and no update came between", lint.QuoteAddonID(ev.AddonID), lint.Quote(ev.AddonVersion), lint.Quote(st.Value)),
				Hint:    "an add-on study changes its add-on's version only through an update event",
				Related: []lint.RelatedAnchor{{Anchor: st.ValueAt, Message: fmt.Sprintf("enrolled with version %s", lint.Quote(st.Value))}}})
		}
	}
}
