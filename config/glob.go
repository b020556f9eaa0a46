package config

import (
	"errors"
	"path"
	"strings"
)

// Match reports whether name matches the whole pattern, anchored at both
// ends. Paths and JSON pointers alike are segments separated by "/", and
// the pattern is matched segment by segment:
//
//	syntax  matches
//	*       any run of characters within one segment (never "/")
//	?       one character (not "/")
//	[abc]   one character of a class; [a-z] ranges, [!abc] or [^abc] negation
//	\x      the character x itself (to match a literal *, ?, [ or \)
//	**      a whole segment: any number of segments, including none, so
//	        a/**/b matches a/b and a/x/y/b, and a/** matches a and all below
//
// "**" inside a segment ("a**b") is two single stars, as in .gitignore.
// Dot files are not special: "*" matches ".hidden". Matching is
// case-sensitive. A class cannot hold "/". A malformed pattern matches
// nothing; ValidatePattern reports it.
//
// Match is the plain matcher. The configuration's rule that a pattern
// without "/" matches at any depth is applied by the configuration, not
// here, so that command-line patterns keep their usual meaning ("*.json"
// is the files of the current directory).
func Match(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

// matchSegments matches pattern segments against name segments. "**"
// backtracks over every possible number of name segments; configuration
// patterns and names are short, so the worst case stays small.
func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if !MatchSegment(pat[0], name[0]) {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// MatchSegment reports whether one path segment matches one pattern
// segment (no "**"): the syntax of Match within a segment. The command
// line's patterns and the configuration's share it.
func MatchSegment(pattern, name string) bool {
	// path.Match implements the single-segment syntax (its "*" stops at
	// "/", and a segment holds none), once "[!" is spelled "[^".
	ok, err := path.Match(negation(pattern), name)
	return err == nil && ok
}

// ValidatePattern reports a malformed pattern (an unclosed "[", a trailing
// "\") in words, or nil.
func ValidatePattern(pattern string) error {
	if pattern == "" {
		return errors.New("the pattern is empty")
	}
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			continue
		}
		// path.Match checks the whole pattern even when the name does not
		// match, so matching against "" finds every syntax error.
		if _, err := path.Match(negation(seg), ""); err != nil {
			return errors.New(describePatternError(seg))
		}
	}
	return nil
}

// negation spells the shell's class negation "[!" as path.Match's "[^".
// A "[" escaped by "\" starts no class, and inside a class "[" is an
// ordinary character.
func negation(seg string) string {
	if !strings.Contains(seg, "[!") {
		return seg
	}
	b := []byte(seg)
	inClass := false
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\\':
			i++ // skip the escaped character
		case inClass && b[i] == ']':
			inClass = false
		case !inClass && b[i] == '[':
			inClass = true
			if i+1 < len(b) && b[i+1] == '!' {
				b[i+1] = '^'
			}
		}
	}
	return string(b)
}

// describePatternError says what is wrong with a malformed segment.
func describePatternError(seg string) string {
	trailing := len(seg) - len(strings.TrimRight(seg, `\`))
	switch {
	case trailing%2 == 1:
		return `it ends with "\", which escapes nothing`
	case strings.Contains(seg, "["):
		return `a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`
	}
	return "it is not a valid glob pattern"
}

// glob is a configuration pattern, prepared once. Configuration patterns
// follow .gitignore: a pattern with a "/" at the start or in the middle is
// anchored at the configuration's directory (a leading "/" only anchors),
// and a pattern without one matches a single segment at any depth
// ("*.bak" is **/*.bak). A trailing "/" is dropped: normlint cannot tell
// which names are directories before it walks them, and a pattern that
// matches a directory applies to everything below it anyway.
type glob struct {
	expr     string // what is matched
	anywhere bool   // no "/": match the last segment of the name
}

// newPathGlob prepares a pattern over paths relative to the configuration's
// directory.
func newPathGlob(pattern string) glob {
	p := strings.TrimSuffix(pattern, "/")
	if p == "" { // "/" alone: the whole tree
		return glob{expr: "**"}
	}
	if strings.HasPrefix(p, "/") {
		return glob{expr: p[1:]}
	}
	p = strings.TrimPrefix(p, "./")
	return glob{expr: p, anywhere: !strings.Contains(p, "/")}
}

// newPointerGlob prepares a pattern over JSON pointers.
func newPointerGlob(pattern string) glob {
	return glob{expr: pattern, anywhere: !strings.Contains(pattern, "/") && pattern != "**"}
}

// matchPath reports whether a slash-separated path relative to the
// configuration's directory, or one of the directories above it, matches.
func (g glob) matchPath(rel string) bool {
	if rel == "" {
		return false
	}
	for i := 0; i <= len(rel); i++ {
		if i < len(rel) && rel[i] != '/' {
			continue
		}
		prefix := rel[:i]
		if g.anywhere {
			if Match(g.expr, prefix[strings.LastIndexByte(prefix, '/')+1:]) {
				return true
			}
		} else if Match(g.expr, prefix) {
			return true
		}
	}
	return false
}

// matchPointer reports whether an RFC 6901 pointer matches. Pointers are
// matched whole: "/extra" does not cover "/extra/reason" ("/extra/**"
// does). A pattern without "/" matches the last reference token at any
// depth, so "reason" is "/**/reason". The leading "/" of a pointer pattern
// is part of the pointer, not an anchor.
func (g glob) matchPointer(ptr string) bool {
	if g.anywhere {
		return ptr != "" && Match(g.expr, ptr[strings.LastIndexByte(ptr, '/')+1:])
	}
	return Match(g.expr, ptr)
}
