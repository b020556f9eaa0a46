package schemas

import "testing"

func TestFastPathCompiles(t *testing.T) {
	s := Load()
	for k, why := range s.slow {
		t.Errorf("kind %v has no fast path: %s", k, why)
	}
	if len(s.fast) != 2 {
		t.Fatalf("fast paths: %d, want 2", len(s.fast))
	}
}
