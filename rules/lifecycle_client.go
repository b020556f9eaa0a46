package rules

import (
	"maps"
	"slices"
	"sort"

	"github.com/normlint/normlint/lint"
)

// ClientLifecycle is the lifecycle of one client's studies as a mergeable
// accumulator: a pipeline that groups records by client (Apache Beam, or
// runs sharded by client ID) can follow any stretch of a client's records
// on its own and merge the results in stream order, and gets what one run
// over all of them gives: the same findings, states and counts.
//
// What a stretch finds about an event can depend on the records before it
// only until the stretch's first enroll of the study: that enroll starts
// the study afresh. A ClientLifecycle therefore keeps, per study, the
// events up to and including its first enroll (the opening), which Merge
// judges again against the state the earlier stretch ended in; everything
// after the opening is final. The opening is all of a stretch's events of a
// study that it never enrolls in, so those are kept whole; otherwise memory
// is one StudyState per study plus the findings.
//
// Order matters: Merge(later) takes later to follow the receiver in stream
// order, so merging is associative but not commutative. The bound of the
// run's state (--max-lifecycle-pairs) is not applied here: a client's
// studies are few.
type ClientLifecycle struct {
	studies map[string]*clientStudy
}

// clientStudy is one study of a client as a stretch of records saw it.
type clientStudy struct {
	// opening holds the events whose judgment depends on earlier records:
	// those up to and including the first enroll.
	opening []LifecycleEvent
	// settled says the opening ends with an enroll: state and findings
	// are then final, whatever came before.
	settled bool
	state   StudyState
	exists  bool
	// findings are those of the events after the opening.
	findings []LifecycleFinding
}

// NewClientLifecycle returns an empty accumulator.
func NewClientLifecycle() *ClientLifecycle {
	return &ClientLifecycle{studies: map[string]*clientStudy{}}
}

// allPlaces gives a machine run outside the engine every rule, and each
// event's own anchors.
type allPlaces struct{ ev *LifecycleEvent }

func (a allPlaces) Anchor(ptr string) lint.Anchor { return a.ev.Anchor(ptr) }
func (allPlaces) Enabled(string) bool             { return true }

func (a allPlaces) Anchors(ptrs ...string) []lint.Anchor {
	out := make([]lint.Anchor, len(ptrs))
	for i, p := range ptrs {
		out[i] = a.ev.Anchor(p)
	}
	return out
}

// run steps a state over events, collecting findings at the events'
// places.
func run(st *StudyState, exists bool, evs []LifecycleEvent, out *[]LifecycleFinding) bool {
	for i := range evs {
		ev := &evs[i]
		exists = step(st, exists, ev, allPlaces{ev}, true, func(f LifecycleFinding) {
			f.At, f.Seq = ev.Anchor(f.Pointer), ev.Seq
			*out = append(*out, f)
		})
	}
	return exists
}

// Record follows one event of the client, in stream order.
func (c *ClientLifecycle) Record(ev LifecycleEvent) {
	cs := c.studies[ev.Study]
	if cs == nil {
		cs = &clientStudy{}
		c.studies[ev.Study] = cs
	}
	if !cs.settled {
		cs.opening = append(cs.opening, ev)
		if ev.Method == "enroll" {
			cs.settled = true
			cs.state = StudyState{}
			cs.exists = run(&cs.state, false, cs.opening, new([]LifecycleFinding))
		}
		return
	}
	cs.exists = run(&cs.state, cs.exists, []LifecycleEvent{ev}, &cs.findings)
}

// Merge adds the results of later, a stretch of the same client's records
// that follows c's in stream order. later is not changed.
func (c *ClientLifecycle) Merge(later *ClientLifecycle) {
	for study, b := range later.studies {
		a := c.studies[study]
		switch {
		case a == nil:
			c.studies[study] = b.clone()
		case !a.settled:
			// Nothing in c is final yet: the openings join.
			a.opening = append(a.opening, b.opening...)
			a.settled = b.settled
			a.state, a.exists = b.state, b.exists
			a.findings = append(a.findings, b.findings...)
		default:
			// c's state is final: judge later's opening against it.
			a.exists = run(&a.state, a.exists, b.opening, &a.findings)
			if b.settled {
				a.state, a.exists = b.state, b.exists
			}
			a.findings = append(a.findings, b.findings...)
		}
	}
}

func (cs *clientStudy) clone() *clientStudy {
	n := *cs
	n.opening = slices.Clone(cs.opening)
	n.findings = slices.Clone(cs.findings)
	return &n
}

// State is a study's state after the client's records so far, and whether
// it has one (a study seen only in updates has none).
func (c *ClientLifecycle) State(study string) (StudyState, bool) {
	cs := c.studies[study]
	if cs == nil {
		return StudyState{}, false
	}
	if cs.settled {
		return cs.state, cs.exists
	}
	var st StudyState
	exists := run(&st, false, cs.opening, new([]LifecycleFinding))
	return st, exists
}

// Studies lists the studies the client's records name, sorted.
func (c *ClientLifecycle) Studies() []string {
	return slices.Sorted(maps.Keys(c.studies))
}

// Findings are the client's findings in stream order (by Seq, then as
// found), as one run over all its records so far would report them,
// taking the first record seen as the start of the client's history.
func (c *ClientLifecycle) Findings() []LifecycleFinding {
	var out []LifecycleFinding
	for _, study := range c.Studies() {
		cs := c.studies[study]
		run(new(StudyState), false, cs.opening, &out)
		out = append(out, cs.findings...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// Counts are the client's findings per rule: the report's counts, which
// add up across clients.
func (c *ClientLifecycle) Counts() map[string]int {
	n := map[string]int{}
	for _, f := range c.Findings() {
		n[f.Rule]++
	}
	return n
}
