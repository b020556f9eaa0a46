package lint

import "testing"

// TestPointerTemplate pins each mode's output: committed baselines
// (TemplateRecord) and code-scanning alerts (TemplateAllIndexes) key on
// them, so a change here is a breaking change.
func TestPointerTemplate(t *testing.T) {
	cases := []struct {
		in              string
		indexes, record string
	}{
		{"", "", ""},
		{"/events/12/extra", "/events/*/extra", "/events/*/extra"},
		{"/a/0/b/10", "/a/*/b/*", "/a/*/b/*"},
		{"/x1/y", "/x1/y", "/x1/y"},
		{"/payload/events/parent/3/5", "/payload/events/parent/*/*", "/payload/events/parent/*/*"},
		{"/3/extra/reason", "/*/extra/reason", "/extra/reason"},
		{"/3", "/*", ""},
		{"/0/4/2", "/*/*/*", ""},
	}
	for _, c := range cases {
		for mode, want := range map[TemplateMode]string{TemplateIndexes: c.indexes, TemplateRecord: c.record} {
			if got := PointerTemplate(c.in, mode); got != want {
				t.Errorf("PointerTemplate(%q, %d) = %q, want %q", c.in, mode, got, want)
			}
		}
	}
}
