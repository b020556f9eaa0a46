package rules

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/normlint/normlint/lint"
)

// clientID is the i-th client's ID in the canonical UUID form.
func clientID(i int) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i*7919)
}

// TestPairStoreForgetsOldest checks the store against a plain map with the
// same first-in, first-out forgetting, over random pairs that repeat, so
// that deletions from the open-addressing index are exercised in every
// arrangement of collisions.
func TestPairStoreForgetsOldest(t *testing.T) {
	const maxPairs = 50
	s := newPairStore(maxPairs)
	want := map[[2]string]int{} // pair -> the value saved
	var order [][2]string
	r := rand.New(rand.NewPCG(1, 2))
	for step := range 20000 {
		client := clientID(r.IntN(40))
		if r.IntN(4) == 0 {
			client = fmt.Sprintf("client-%d", r.IntN(40)) // not a UUID: interned
		}
		study := fmt.Sprintf("preference_study pref-%d", r.IntN(5))
		pair := [2]string{client, study}
		k, known := s.key(client, study, false)
		i := -1
		if known {
			i = s.find(k)
		}
		if _, ok := want[pair]; ok != (i >= 0) {
			t.Fatalf("step %d: %v found %v, want %v", step, pair, i >= 0, ok)
		}
		if i >= 0 {
			if st := s.load(i); st.Value != fmt.Sprint(want[pair]) {
				t.Fatalf("step %d: %v holds %q, want %d", step, pair, st.Value, want[pair])
			}
		} else {
			k, _ = s.key(client, study, true)
			var forgot bool
			i, forgot = s.add(k)
			if forgot != (len(order) == maxPairs) {
				t.Fatalf("step %d: forgot %v with %d pairs", step, forgot, len(order))
			}
			if forgot {
				delete(want, order[0])
				order = order[1:]
			}
			order = append(order, pair)
		}
		want[pair] = step
		s.save(i, &StudyState{Enrolled: true, Active: true, Value: fmt.Sprint(step), HasValue: true})
	}
	if s.forgot == 0 {
		t.Fatal("the test never filled the store")
	}
}

// TestPairStoreRoundTrip checks that a state comes back as it was saved,
// anchors included, with a top-level array's element index in the
// pointers.
func TestPairStoreRoundTrip(t *testing.T) {
	s := newPairStore(10)
	states := []StudyState{
		{Enrolled: true, Active: true, Updated: true, Value: "1.2.3", HasValue: true,
			EnrollAt: lint.Anchor{File: "a.jsonl", Line: 7, Column: 36, Pointer: "/method"},
			ValueAt:  lint.Anchor{File: "a.jsonl", Line: 7, Column: 120, Pointer: "/extra/addonVersion"}},
		{Enrolled: true, Active: true,
			EnrollAt: lint.Anchor{File: "export.json", Line: 1, Column: 9000, Pointer: "/1234/method"},
			ValueAt:  lint.Anchor{File: "export.json", Line: 1, Column: 9100, Pointer: "/1234/extra/branch"}},
		{Enrolled: true, Unenrolled: true,
			UnenrollAt: lint.Anchor{File: "ping.json", Line: 12, Column: 20, Pointer: "/payload/events/parent/3/2"}},
		{Unenrolled: true, UnenrollAt: lint.Anchor{File: "x", Line: 1, Column: 1, Pointer: "/0"}},
		{Unenrolled: true, UnenrollAt: lint.Anchor{File: "x", Line: 1, Column: 1, Pointer: "/012/method"}},
		{Enrolled: true, Active: true},
	}
	for n, st := range states {
		k, _ := s.key(clientID(n), "preference_study pref", true)
		i, _ := s.add(k)
		s.save(i, &st)
		if got := s.load(i); got != st {
			t.Errorf("state %d came back as\n%+v\nwant\n%+v", n, got, st)
		}
	}
}

func TestParseUUID(t *testing.T) {
	for s, ok := range map[string]bool{
		"c0ffee00-0000-4000-8000-000000000003": true,
		"C0FFEE00-0000-4000-8000-000000000003": false, // another spelling, another client
		"c0ffee00-0000-4000-8000-00000000000g": false,
		"c0ffee00000040008000000000000003":     false,
		"c1":                                   false,
	} {
		if _, got := parseUUID(s); got != ok {
			t.Errorf("parseUUID(%q) = %v, want %v", s, got, ok)
		}
	}
}

// BenchmarkLifecyclePairs measures the memory of the lifecycle state per
// (client, study) pair with 1,000,000 pairs, every pair enrolled with both
// anchors kept (the largest state), as a JSON Lines export gives them. It
// reports heap bytes per pair after a garbage collection, which
// docs/memory.md quotes; the goal is at most 64.
func BenchmarkLifecyclePairs(b *testing.B) {
	const pairs = 1000000
	for _, perClient := range []int{1, 5} {
		b.Run(fmt.Sprintf("studies-per-client=%d", perClient), func(b *testing.B) {
			studies := make([]string, perClient)
			for j := range studies {
				studies[j] = fmt.Sprintf("preference_study pref-study-%d", j)
			}
			clients := make([]string, pairs/perClient)
			for i := range clients {
				clients[i] = clientID(i)
			}
			var perPair float64
			b.ReportAllocs()
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				s := newPairStore(pairs)
				line := 0
				for _, c := range clients {
					for _, study := range studies {
						line++
						k, _ := s.key(c, study, true)
						i, _ := s.add(k)
						s.save(i, &StudyState{Enrolled: true, Active: true, Value: "treatment", HasValue: true,
							EnrollAt: lint.Anchor{File: "export.jsonl", Line: line, Column: 36, Pointer: "/method"},
							ValueAt:  lint.Anchor{File: "export.jsonl", Line: line, Column: 118, Pointer: "/extra/branch"}})
					}
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				perPair = float64(after.HeapAlloc-before.HeapAlloc) / pairs
				runtime.KeepAlive(s)
			}
			b.ReportMetric(perPair, "B/pair")
		})
	}
}
