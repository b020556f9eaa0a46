package lint

import "testing"

func TestNearest(t *testing.T) {
	cands := []string{"recipe-not-seen", "individual-opt-out", "slug-format", "warning"}
	for _, tc := range []struct{ in, want string }{
		{"recipe-not-found", "recipe-not-seen"},
		{"Slug-Format", "slug-format"},
		{"warn", "warning"},
		{"slug-formt", "slug-format"},
		{"slug-format", ""}, // already right
		{"something-else-entirely", ""},
		{"", ""},
	} {
		if got := Nearest(tc.in, cands); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
