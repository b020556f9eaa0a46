package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// FirefoxRange is a set of Firefox major versions, as --firefox-version
// and the configuration's firefox-version key write it: comma-separated
// terms, each a version (134), an inclusive span (120-134) or a bound
// (>=120, >120, <=80, <80). The zero value holds no version and means "no
// restriction" to the rules that read it.
type FirefoxRange struct {
	spans []versionSpan
	text  string
}

// versionSpan is an inclusive span of major versions.
type versionSpan struct{ lo, hi int }

// maxVersion stands for "and every later version" in open spans.
const maxVersion = 1 << 30

// FirefoxRangeSyntax describes the syntax, for usage errors and help.
const FirefoxRangeSyntax = "a Firefox major version (134), a span (120-134), a bound (>=120, >120, <=80, <80), or several of them separated by commas"

// ParseFirefoxRange parses a range in the syntax FirefoxRangeSyntax
// describes. Versions are major versions from 1 on; a span's start is not
// after its end.
func ParseFirefoxRange(s string) (FirefoxRange, error) {
	var r FirefoxRange
	for _, term := range strings.Split(s, ",") {
		sp, err := parseVersionTerm(strings.TrimSpace(term))
		if err != nil {
			return FirefoxRange{}, err
		}
		r.spans = append(r.spans, sp)
	}
	r.text = strings.TrimSpace(s)
	return r, nil
}

func parseVersionTerm(t string) (versionSpan, error) {
	num := func(s string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n >= maxVersion || strings.TrimSpace(s) != s {
			return 0, fmt.Errorf("invalid Firefox version range term %q: want %s", t, FirefoxRangeSyntax)
		}
		return n, nil
	}
	switch {
	case t == "":
		return versionSpan{}, fmt.Errorf("empty Firefox version range term: want %s", FirefoxRangeSyntax)
	case strings.HasPrefix(t, ">="):
		n, err := num(t[2:])
		return versionSpan{n, maxVersion}, err
	case strings.HasPrefix(t, "<="):
		n, err := num(t[2:])
		return versionSpan{1, n}, err
	case strings.HasPrefix(t, ">"):
		n, err := num(t[1:])
		return versionSpan{n + 1, maxVersion}, err
	case strings.HasPrefix(t, "<"):
		n, err := num(t[1:])
		if err == nil && n < 2 {
			return versionSpan{}, fmt.Errorf("version range term %q holds no Firefox version", t)
		}
		return versionSpan{1, n - 1}, err
	}
	if lo, hi, ok := strings.Cut(t, "-"); ok {
		a, err := num(lo)
		if err != nil {
			return versionSpan{}, err
		}
		b, err := num(hi)
		if err != nil {
			return versionSpan{}, err
		}
		if a > b {
			return versionSpan{}, fmt.Errorf("version span %q ends before it starts", t)
		}
		return versionSpan{a, b}, nil
	}
	n, err := num(t)
	return versionSpan{n, n}, err
}

// IsZero reports whether r restricts nothing (no range was given).
func (r FirefoxRange) IsZero() bool { return len(r.spans) == 0 }

// String returns the range as it was written.
func (r FirefoxRange) String() string { return r.text }

// overlaps reports whether any version of r is in [lo, hi].
func (r FirefoxRange) overlaps(lo, hi int) bool {
	for _, s := range r.spans {
		if s.lo <= hi && lo <= s.hi {
			return true
		}
	}
	return false
}
