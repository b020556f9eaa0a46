package lint

import (
	"strconv"
	"strings"
)

// PointerToken escapes one reference token for an RFC 6901 pointer.
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}

// JoinPointer appends reference tokens (unescaped) to a pointer.
func JoinPointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(PointerToken(t))
	}
	return b.String()
}

// IndexPointer appends an array index to a pointer.
func IndexPointer(base string, i int) string {
	return base + "/" + strconv.Itoa(i)
}

// SplitPointer returns the unescaped reference tokens of a pointer.
func SplitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if strings.Contains(t, "~") {
			t = strings.ReplaceAll(t, "~1", "/")
			parts[i] = strings.ReplaceAll(t, "~0", "~")
		}
	}
	return parts
}

// PointerTemplate wildcards the array indexes of a pointer: /events/12/extra
// becomes /events/*/extra, so that findings at the same place of different
// records group together (reports, baselines, fingerprints).
func PointerTemplate(ptr string) string {
	if ptr == "" {
		return ""
	}
	toks := strings.Split(ptr[1:], "/")
	numeric := func(t string) bool { return t != "" && strings.Trim(t, "0123456789") == "" }
	for i, t := range toks {
		// A last index right after another is a position inside an event
		// tuple (2 is the method, 5 the extra): it says where, so it stays.
		if numeric(t) && (i != len(toks)-1 || i == 0 || !numeric(toks[i-1])) {
			toks[i] = "*"
		}
	}
	return "/" + strings.Join(toks, "/")
}

// ParentPointer returns the pointer of the value that holds p.
func ParentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
