package lint

import (
	"strconv"
	"strings"
)

// RFC 6901 token escaping. A Replacer makes a single left-to-right pass, so
// "~01" reads as "~1", as the RFC requires.
var (
	escapeToken   = strings.NewReplacer("~", "~0", "/", "~1")
	unescapeToken = strings.NewReplacer("~1", "/", "~0", "~")
)

// PointerToken escapes one reference token for an RFC 6901 pointer.
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return escapeToken.Replace(s)
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
		if strings.IndexByte(t, '~') >= 0 {
			parts[i] = unescapeToken.Replace(t)
		}
	}
	return parts
}

// TemplateMode says how PointerTemplate treats the leading list indexes.
// The modes exist because committed baselines and code-scanning alerts key
// on their templates: changing a mode's output would orphan them.
type TemplateMode uint8

// Template modes.
const (
	// TemplateIndexes wildcards every array index: /events/12/extra becomes
	// /events/*/extra. Reports group findings by it, and the SARIF
	// partialFingerprints (normlintFingerprint/v1) key on it.
	TemplateIndexes TemplateMode = iota
	// TemplateRecord is TemplateIndexes without the leading list indexes:
	// a record at /3 of a top-level list and the same record on a line of
	// JSON Lines have the same template. Baseline entries key on it, so
	// reformatting or reordering a file keeps them matching.
	TemplateRecord
)

// PointerTemplate wildcards the array indexes of a pointer, so that
// findings at the same place of different records group together.
func PointerTemplate(ptr string, mode TemplateMode) string {
	if ptr == "" {
		return ""
	}
	toks := strings.Split(ptr[1:], "/")
	for i, t := range toks {
		if t != "" && strings.Trim(t, "0123456789") == "" {
			toks[i] = "*"
		}
	}
	t := "/" + strings.Join(toks, "/")
	if mode == TemplateRecord {
		for strings.HasPrefix(t, "/*/") || t == "/*" {
			t = strings.TrimPrefix(t, "/*")
		}
	}
	return t
}

// ParentPointer returns the pointer of the value that holds p.
func ParentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
