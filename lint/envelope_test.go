package lint

import "testing"

func TestSetEnvelope(t *testing.T) {
	x := &Extraction{}
	x.Record(&Record{Kind: KindEvent, Format: "before"})
	from := x.Len()
	a, b := &Record{Kind: KindEvent, Format: "p"}, &Record{Kind: KindUptake, Format: "p"}
	x.Record(a)
	x.Skip("p")
	x.Malformed("p", "/x", false, "m", "")
	x.Record(b)
	env := &Envelope{Format: "p", Value: &Object{}}
	x.SetEnvelope(from, env)
	if env.Normandy != 2 || !env.First(a) || env.First(b) || a.Envelope != env || b.Envelope != env {
		t.Fatalf("envelope counts %d records, first a %v, first b %v", env.Normandy, env.First(a), env.First(b))
	}
	if r := x.Records()[0]; r.Envelope != nil || env.First(r) {
		t.Error("a record read before the ping got its envelope")
	}
	var none *Envelope
	if none.First(a) {
		t.Error("a nil envelope has a first record")
	}
}

func TestYieldInput(t *testing.T) {
	winner := &ruleState{rule: &Rule{ID: "winner"}}
	yielder := &ruleState{rule: &Rule{ID: "yielder", Yields: []string{"winner"}}}
	ps := []pending{
		{st: yielder, pointer: "/a", input: true},
		{st: yielder, pointer: "/b", input: true},
		{st: winner, pointer: "/b"},
		{st: yielder, pointer: "/c", key: true, input: true},
		{st: winner, pointer: "/c"},
		{st: yielder, pointer: "/d"}, // a record finding: check already applied its yields
		{st: winner, pointer: "/d"},
	}
	got := yieldInput(ps)
	var kept []string
	for _, p := range got {
		kept = append(kept, p.st.rule.ID+p.pointer)
	}
	want := []string{"yielder/a", "winner/b", "yielder/c", "winner/c", "yielder/d", "winner/d"}
	if len(kept) != len(want) {
		t.Fatalf("kept %v, want %v", kept, want)
	}
	for i := range want {
		if kept[i] != want[i] {
			t.Fatalf("kept %v, want %v", kept, want)
		}
	}
	if same := yieldInput(ps[:1]); &same[0] != &ps[0] {
		t.Error("nothing to drop, yet the findings were copied")
	}
}
