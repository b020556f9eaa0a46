package schemas

import (
	"testing"

	"github.com/normlint/normlint/lint"
)

func eventRecord(doc map[string]any) *lint.Record {
	return lint.RecordFromDoc(lint.KindEvent, doc)
}

func unenroll(reason string, extraKeys map[string]any) map[string]any {
	extra := map[string]any{"didResetValue": "true", "reason": reason}
	for k, v := range extraKeys {
		extra[k] = v
	}
	return map[string]any{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "s", "extra": extra}
}

// TestMemoNeverChangesResults: the memo may only save work.
func TestMemoNeverChangesResults(t *testing.T) {
	s := Load()
	docs := []map[string]any{
		unenroll("unknown", nil),
		unenroll("recipe-not-seen", nil),
		unenroll("recipe-not-found", nil),
		unenroll("recipe-not-seen", map[string]any{"slug": "x"}),
	}
	for round := 0; round < 3; round++ {
		for i, d := range docs {
			d["timestamp"] = float64(round)
			d["client_id"] = "client"
			if round == 2 {
				d["timestamp"] = "not an integer" // never shared: must be reported
			}
			fresh, err := compile(embeddedFiles())
			if err != nil {
				t.Fatal(err)
			}
			want := fresh.Validate(eventRecord(d))
			got := s.Validate(eventRecord(d))
			if len(got) != len(want) {
				t.Fatalf("round %d doc %d: memo gave %v, fresh %v", round, i, got, want)
			}
			for j := range got {
				if got[j].Rule != want[j].Rule || got[j].Pointer != want[j].Pointer || got[j].Key != want[j].Key {
					t.Fatalf("round %d doc %d: memo gave %v, fresh %v", round, i, got, want)
				}
			}
		}
	}
}

func TestMemoKeys(t *testing.T) {
	m := newMemo()
	a := unenroll("x", nil)
	b := unenroll("y", nil)
	_, ka, _ := m.lookup(lint.KindEvent, a)
	_, kb, _ := m.lookup(lint.KindEvent, b)
	if ka == "" || ka == kb {
		t.Fatalf("different documents share a key: %q %q", ka, kb)
	}
	_, ku, _ := m.lookup(lint.KindUptake, a)
	if ku == ka {
		t.Fatal("the kind is not part of the key")
	}
	a["odd"] = struct{}{}
	if _, k, ok := m.lookup(lint.KindEvent, a); ok || k != "" {
		t.Fatal("a value of no JSON type must not be memoized")
	}
}
