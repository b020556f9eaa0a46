package rules

import "testing"

func TestParseFirefoxRange(t *testing.T) {
	tests := []struct {
		text     string
		inside   []int
		outside  []int
		wantFail bool
	}{
		{text: "134", inside: []int{134}, outside: []int{133, 135}},
		{text: " 120-134 ", inside: []int{120, 127, 134}, outside: []int{119, 135}},
		{text: ">=120", inside: []int{120, 500}, outside: []int{119}},
		{text: ">120", inside: []int{121}, outside: []int{120}},
		{text: "<=80", inside: []int{1, 80}, outside: []int{81}},
		{text: "<80", inside: []int{79}, outside: []int{80}},
		{text: "78,91, >=115", inside: []int{78, 91, 115, 140}, outside: []int{79, 90, 114}},
		{text: "", wantFail: true},
		{text: "134-120", wantFail: true},
		{text: "0", wantFail: true},
		{text: "<1", wantFail: true},
		{text: "12x", wantFail: true},
		{text: "120-", wantFail: true},
		{text: "=>120", wantFail: true},
		{text: "120,", wantFail: true},
		{text: "> 120", wantFail: true},
	}
	for _, tc := range tests {
		r, err := ParseFirefoxRange(tc.text)
		if tc.wantFail {
			if err == nil {
				t.Errorf("ParseFirefoxRange(%q) = %v, want an error", tc.text, r.spans)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseFirefoxRange(%q): %v", tc.text, err)
			continue
		}
		for _, v := range tc.inside {
			if !r.overlaps(v, v) {
				t.Errorf("%q does not hold %d", tc.text, v)
			}
		}
		for _, v := range tc.outside {
			if r.overlaps(v, v) {
				t.Errorf("%q holds %d", tc.text, v)
			}
		}
	}
}

// TestErasWellFormed: every era entry the schemas carry can match
// something, names its versions and cites a source.
func TestErasWellFormed(t *testing.T) {
	if len(eras) == 0 {
		t.Fatal("no x-normlint-eras entries in the embedded schemas")
	}
	for _, e := range eras {
		switch e.Match {
		case "pair", "name-shape":
			if len(e.Methods) == 0 || len(e.Objects) == 0 {
				t.Errorf("%s: no methods or objects", e.ID)
			}
		case "reason":
			if len(e.Methods) == 0 || len(e.Objects) == 0 || len(e.Values) == 0 {
				t.Errorf("%s: no methods, objects or values", e.ID)
			}
		case "status":
			if len(e.Sources) == 0 || len(e.Values) == 0 {
				t.Errorf("%s: no sources or values", e.ID)
			}
		default:
			t.Errorf("%s: unknown match %q", e.ID, e.Match)
		}
		if e.ID == "" || e.What == "" || e.Firefox == "" || e.Source == "" {
			t.Errorf("%+v: id, what, firefox and source are required", e)
		}
		if e.From != 0 && e.To != 0 && e.From > e.To {
			t.Errorf("%s: from %d after to %d", e.ID, e.From, e.To)
		}
	}
	nameEra() // panics without one
}
