package baseline

import (
	"path/filepath"
	"testing"

	"github.com/normlint/normlint/lint"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	r := NewRecorder()
	d1 := lint.Diagnostic{Rule: "unknown-reason", File: "./a/b.jsonl", Line: 3, Pointer: "/events/3/extra/reason", Identity: "pref-a"}
	d2 := lint.Diagnostic{Rule: "unknown-reason", File: "a/b.jsonl", Line: 9, Pointer: "/events/7/extra/reason", Identity: "pref-a"}
	d3 := lint.Diagnostic{Rule: "slug-format", File: "a/b.jsonl", Line: 1, Pointer: "/value", Identity: "Pref A"}
	for _, d := range []lint.Diagnostic{d1, d2, d3} {
		r.Add(&d)
	}
	if r.Len() != 3 {
		t.Fatalf("recorded %d", r.Len())
	}
	if err := r.Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// Other lines and indexes: the same fingerprints.
	moved := []lint.Diagnostic{
		{Rule: "unknown-reason", File: "a/b.jsonl", Line: 30, Pointer: "/events/0/extra/reason", Identity: "pref-a"},
		{Rule: "unknown-reason", File: "a/b.jsonl", Line: 31, Pointer: "/events/1/extra/reason", Identity: "pref-a"},
	}
	for _, d := range moved {
		if !b.Known(&d) {
			t.Errorf("%+v should be in the baseline", d)
		}
	}
	// A third one of the same kind is new.
	extra := lint.Diagnostic{Rule: "unknown-reason", File: "a/b.jsonl", Pointer: "/events/2/extra/reason", Identity: "pref-a"}
	if b.Known(&extra) {
		t.Error("the baseline knew two such findings, not three")
	}
	other := lint.Diagnostic{Rule: "unknown-reason", File: "a/b.jsonl", Pointer: "/events/2/extra/reason", Identity: "pref-b"}
	if b.Known(&other) {
		t.Error("another study's finding matched")
	}
	if b.Stale() != 1 {
		t.Errorf("stale = %d, want 1 (the slug-format entry)", b.Stale())
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing baseline must be an error")
	}
}
