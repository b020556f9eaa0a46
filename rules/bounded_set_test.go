package rules

import "testing"

// TestBoundedSet: the set holds at most its bound, forgets the oldest hash
// first, says when it forgot, and updates a hash it holds in place.
func TestBoundedSet(t *testing.T) {
	s := newBoundedSet(3)
	for i := uint64(1); i <= 3; i++ {
		if s.put(i, uint8(i)) {
			t.Fatalf("put(%d) forgot a hash below the bound", i)
		}
	}
	if s.put(2, 7) {
		t.Fatal("updating a held hash forgot another")
	}
	if v, ok := s.get(2); !ok || v != 7 {
		t.Fatalf("get(2) = %d, %v; want 7, true", v, ok)
	}
	if !s.put(4, 4) {
		t.Fatal("put past the bound did not say it forgot")
	}
	if _, ok := s.get(1); ok {
		t.Fatal("the oldest hash (1) is still held")
	}
	for _, h := range []uint64{2, 3, 4} {
		if _, ok := s.get(h); !ok {
			t.Fatalf("hash %d was forgotten, not the oldest", h)
		}
	}
	if len(s.m) != 3 || len(s.ring) != 3 {
		t.Fatalf("holds %d hashes in a ring of %d; want 3 and 3", len(s.m), len(s.ring))
	}
	if s.hash("a", "bc") == s.hash("ab", "c") {
		t.Fatal("hash does not keep the parts apart")
	}
}
