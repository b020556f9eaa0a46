package config

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"a.json", "a.json", true},
		{"a.json", "b.json", false},
		{"*.json", "a.json", true},
		{"*.json", ".hidden.json", true}, // dot files are not special
		{"*.json", "dir/a.json", false},  // anchored: * stops at /
		{"*", "", true},
		{"*", "a/b", false},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"a?c", "aéc", true}, // ? is one character, not one byte
		{"[ab].json", "b.json", true},
		{"[ab].json", "c.json", false},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "dx", true},
		{"[^a-c]x", "ax", false},
		{`\*.json`, "*.json", true},
		{`\*.json`, "a.json", false},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/b/c", false},
		{"**", "", true},
		{"**", "a", true},
		{"**", "a/b/c", true},
		{"**/*.json", "a.json", true}, // ** matches no segment too
		{"**/*.json", "x/y/a.json", true},
		{"**/*.json", "x/y/a.jsonl", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/b", true},
		{"a/**/b", "a/x/y/z/b", true},
		{"a/**/b", "a/x/y/z/c", false},
		{"a/**/b", "b", false},
		{"a/**", "a", true},
		{"a/**", "a/b/c", true},
		{"a/**", "ab", false},
		{"a/**/**/b", "a/b", true},
		{"exports/**/*.jsonl.gz", "exports/2025/01/day.jsonl.gz", true},
		{"exports/**/*.jsonl.gz", "exports/day.jsonl.gz", true},
		{"exports/**/*.jsonl.gz", "other/exports/day.jsonl.gz", false},
		{"a**b", "axxb", true}, // ** inside a segment is two single stars
		{"a**b", "ax/xb", false},
		// JSON pointers use the same matcher.
		{"/events/*/extra/reason", "/events/3/extra/reason", true},
		{"/events/*/extra/reason", "/events/3/extra/branch", false},
		{"/events/*/extra/reason", "/events/extra/reason", false},
		{"/**/reason", "/extra/reason", true},
		{"/**/reason", "/reason", true},
		{"/extra/**", "/extra", true},
		{"/extra", "/extra/reason", false},
		{"/a~1b", "/a~1b", true}, // escaped tokens are matched as written
		{"[", "[", false},        // malformed: matches nothing
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestValidatePattern(t *testing.T) {
	for _, p := range []string{"*", "**", "a/**/b", "[ab]", `\[`, `a\\`, "/x/", "a**b"} {
		if err := ValidatePattern(p); err != nil {
			t.Errorf("ValidatePattern(%q) = %v", p, err)
		}
	}
	for p, want := range map[string]string{
		"":        "the pattern is empty",
		"[":       `a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`,
		"a/[b/c]": `a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`,
		`a\`:      `it ends with "\", which escapes nothing`,
		`a\\\`:    `it ends with "\", which escapes nothing`,
	} {
		err := ValidatePattern(p)
		if err == nil || err.Error() != want {
			t.Errorf("ValidatePattern(%q) = %v, want %s", p, err, want)
		}
	}
}

// TestPathGlob checks the .gitignore-like rules of configuration paths.
func TestPathGlob(t *testing.T) {
	tests := []struct {
		pattern, rel string
		want         bool
	}{
		{"*.bak", "a.bak", true},
		{"*.bak", "deep/dir/a.bak", true}, // no slash: any depth
		{"legacy", "x/legacy/y.json", true},
		{"legacy", "x/legacy.json", false},
		{"/a.json", "a.json", true}, // a leading slash anchors
		{"/a.json", "x/a.json", false},
		{"x/a.json", "x/a.json", true}, // a slash in the middle anchors
		{"x/a.json", "y/x/a.json", false},
		{"./x/a.json", "x/a.json", true},
		{"build/", "build/out.json", true}, // a trailing slash is dropped
		{"build/", "src/build/out.json", true},
		{"testdata/legacy", "testdata/legacy/a/b.json", true}, // a directory covers what is below
		{"testdata/legacy/**", "testdata/legacy/a/b.json", true},
		{"/", "anything/at/all", true},
		{"**", "a", true},
		{"*.json", "", false}, // outside the configuration's directory
	}
	for _, tt := range tests {
		if got := newPathGlob(tt.pattern).matchPath(tt.rel); got != tt.want {
			t.Errorf("path glob %q on %q = %v, want %v", tt.pattern, tt.rel, got, tt.want)
		}
	}
}

func TestPointerGlob(t *testing.T) {
	tests := []struct {
		pattern, ptr string
		want         bool
	}{
		{"/extra/reason", "/extra/reason", true},
		{"/extra/reason", "/events/0/extra/reason", false}, // anchored
		{"reason", "/events/0/extra/reason", true},         // no slash: last token anywhere
		{"reason", "/extra/reason/x", false},
		{"reason", "", false},
		{"/events/*/extra/*", "/events/12/extra/branch", true},
		{"/event_map_values/*/value", "/event_map_values/2/value", true},
		{"/extra/**", "/extra/a/b", true},
		{"/extra", "/extra/reason", false}, // pointers are matched whole
		{"**", "", true},
	}
	for _, tt := range tests {
		if got := newPointerGlob(tt.pattern).matchPointer(tt.ptr); got != tt.want {
			t.Errorf("pointer glob %q on %q = %v, want %v", tt.pattern, tt.ptr, got, tt.want)
		}
	}
}
