package input

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// fieldLoc maps canonical pointers to input pointers for most input shapes:
// each canonical top-level key lives at some input pointer, and the extra
// object at another (or nowhere, when the input has none).
type fieldLoc struct {
	// fields maps canonical top-level keys to input pointers.
	fields map[string]string
	// extra is the input pointer of the extra object; hasExtra says whether
	// the input has one.
	extra    string
	hasExtra bool
	// keyed lists canonical keys whose input place is a member name (a
	// histogram's source key), not a value.
	keyed map[string]bool
}

func splitHead(canonical string) (head, tail string) {
	rest := strings.TrimPrefix(canonical, "/")
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return rest[:i], rest[i:]
	}
	return rest, ""
}

// pointer maps a canonical pointer to the input pointer.
func (l *fieldLoc) pointer(canonical string) string {
	if canonical == "" {
		return ""
	}
	head, tail := splitHead(canonical)
	if head == "extra" {
		if !l.hasExtra {
			return ""
		}
		return l.extra + tail
	}
	if p, ok := l.fields[head]; ok {
		return p + tail
	}
	return ""
}

// Locate implements lint.Locator.
func (l *fieldLoc) Locate(canonical string, key bool) lint.Location {
	head, tail := splitHead(canonical)
	if tail == "" && l.keyed[head] {
		key = true
	}
	return lint.Location{Pointer: l.pointer(canonical), Key: key}
}

// Container implements lint.Locator: the missing key would live in the
// parent of where the key maps to.
func (l *fieldLoc) Container(canonical, key string) lint.Location {
	p := l.pointer(lint.JoinPointer(canonical, key))
	if p == "" {
		return lint.Location{}
	}
	return lint.Location{Pointer: lint.ParentPointer(p)}
}
