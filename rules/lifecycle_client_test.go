package rules

import (
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

// randomEvents is one client's records, n of them, over three studies, as
// lifecycle events and as the JSON Lines file they come from (event i is
// on line i+1, its method at column 36).
func randomEvents(r *rand.Rand, n int) ([]LifecycleEvent, string) {
	var evs []LifecycleEvent
	var b strings.Builder
	for i := range n {
		line := i + 1
		ev := LifecycleEvent{Seq: int64(i), MethodAt: lint.Anchor{File: "client.jsonl", Line: line, Column: 36, Pointer: "/method"}}
		var extra string
		switch r.IntN(3) {
		case 0, 1:
			ev.Object = "preference_study"
			ev.Slug = fmt.Sprintf("pref-%d", r.IntN(2))
			ev.Study = "preference_study " + ev.Slug
			ev.Method = []string{"enroll", "unenroll", "expPrefChanged"}[r.IntN(3)]
			extra = `"reason": "recipe-not-seen"`
			if ev.Method == "enroll" || r.IntN(2) == 0 {
				ev.Branch, ev.HasBranch = []string{"control", "treatment"}[r.IntN(2)], true
				extra = fmt.Sprintf(`"branch": %q, "experimentType": "exp"`, ev.Branch)
			}
		default:
			ev.Object = "addon_study"
			ev.Slug = "addon-slug"
			ev.AddonID = "study@mozilla.org"
			ev.Study = "addon_study addonId " + ev.AddonID
			ev.Method = []string{"enroll", "unenroll", "update"}[r.IntN(3)]
			ev.AddonVersion, ev.HasAddonVersion = []string{"1.0", "2.0"}[r.IntN(2)], true
			extra = fmt.Sprintf(`"addonId": %q, "addonVersion": %q`, ev.AddonID, ev.AddonVersion)
		}
		// Where the engine finds the extras: the columns do not matter
		// here, only that both sides agree on lines.
		ev.BranchAt = lint.Anchor{File: "client.jsonl", Line: line, Column: 1, Pointer: "/extra/branch"}
		ev.AddonVersionAt = lint.Anchor{File: "client.jsonl", Line: line, Column: 1, Pointer: "/extra/addonVersion"}
		fmt.Fprintf(&b, `{"category": "normandy", "method": %q, "object": %q, "value": %q, "extra": {%s}, "client_id": "c1"}`+"\n",
			ev.Method, ev.Object, ev.Slug, extra)
		evs = append(evs, ev)
	}
	return evs, b.String()
}

func runClient(evs []LifecycleEvent) *ClientLifecycle {
	c := NewClientLifecycle()
	for _, ev := range evs {
		c.Record(ev)
	}
	return c
}

// sameLifecycle fails unless two accumulators hold the same findings,
// states and counts.
func sameLifecycle(t *testing.T, what string, got, want *ClientLifecycle) {
	t.Helper()
	if g, w := got.Findings(), want.Findings(); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: findings\n%+v\nwant\n%+v", what, g, w)
	}
	if g, w := got.Studies(), want.Studies(); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: studies %v, want %v", what, g, w)
	}
	for _, s := range want.Studies() {
		gs, gok := got.State(s)
		ws, wok := want.State(s)
		if gs != ws || gok != wok {
			t.Fatalf("%s: state of %s %+v (%v), want %+v (%v)", what, s, gs, gok, ws, wok)
		}
	}
	if g, w := got.Counts(), want.Counts(); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: counts %v, want %v", what, g, w)
	}
}

// TestClientLifecycleMerge splits a client's records, in stream order, at
// every point (and in three), follows each part on its own and merges the
// parts: the result must be what one pass over all records gives.
func TestClientLifecycleMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	findings := 0
	for round := range 200 {
		evs, _ := randomEvents(r, 1+r.IntN(14))
		whole := runClient(evs)
		findings += len(whole.Findings())
		for k := 0; k <= len(evs); k++ {
			merged := runClient(evs[:k])
			merged.Merge(runClient(evs[k:]))
			sameLifecycle(t, fmt.Sprintf("round %d, split at %d", round, k), merged, whole)
		}
		i, j := r.IntN(len(evs)+1), r.IntN(len(evs)+1)
		i, j = min(i, j), max(i, j)
		left, mid, right := runClient(evs[:i]), runClient(evs[i:j]), runClient(evs[j:])
		mid.Merge(right) // (a, (b, c)) as well as ((a, b), c) above
		left.Merge(mid)
		sameLifecycle(t, fmt.Sprintf("round %d, split at %d and %d", round, i, j), left, whole)
	}
	if findings < 100 {
		t.Fatalf("only %d findings in all rounds: the test proves little", findings)
	}
}

// TestClientLifecycleAgreesWithRun checks the accumulator against the
// engine's lifecycle stream on the same records: same rules on the same
// lines, same messages, same related lines.
func TestClientLifecycleAgreesWithRun(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 30 {
		evs, data := randomEvents(r, 40)
		var want []string
		for _, f := range runClient(evs).Findings() {
			s := fmt.Sprintf("%d %s %s", f.At.Line, f.Rule, f.Message)
			for _, rel := range f.Related {
				if rel.Anchor.Valid() {
					s += fmt.Sprintf(" / %d %s", rel.Anchor.Line, rel.Message)
				}
			}
			want = append(want, s)
		}
		eng, err := lint.New(Setup())
		if err != nil {
			t.Fatal(err)
		}
		c := &lifecycleCollector{}
		if _, err := eng.Run([]lint.Input{{Name: "client.jsonl", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(data)), nil
		}}}, c); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c.got, want) {
			t.Fatalf("round %d: the run gives\n%s\nthe accumulator\n%s\ninput:\n%s", round, strings.Join(c.got, "\n"), strings.Join(want, "\n"), data)
		}
	}
}

// lifecycleCollector keeps the lifecycle rules' findings as "line rule
// message / related line message".
type lifecycleCollector struct{ got []string }

func (c *lifecycleCollector) Start(lint.RunInfo) error { return nil }
func (c *lifecycleCollector) Diagnostic(d *lint.Diagnostic) error {
	switch d.Rule {
	case DuplicateEnroll, UnenrollWithoutEnroll, BranchMismatch, AddonMismatch, EventAfterUnenroll:
		s := fmt.Sprintf("%d %s %s", d.Line, d.Rule, d.Message)
		for _, rel := range d.Related {
			s += fmt.Sprintf(" / %d %s", rel.Line, rel.Message)
		}
		c.got = append(c.got, s)
	}
	return nil
}
func (c *lifecycleCollector) File(lint.FileResult) error { return nil }
func (c *lifecycleCollector) Finish(lint.Summary) error  { return nil }
