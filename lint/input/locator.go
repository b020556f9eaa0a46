// Package input holds normlint's input adapters: each turns one shape of
// JSON value (a hand-written record, an event tuple, a Telemetry ping) into
// canonical Normandy records, and nothing else.
package input

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// fieldLoc maps canonical pointers to input pointers for every input shape:
// each canonical top-level key lives at some input pointer, and the extra
// object at another (or nowhere, when the input has none).
type fieldLoc struct {
	// fields maps canonical top-level keys to input pointers.
	fields map[string]string
	// extra is the input pointer of the extra object; hasExtra says whether
	// the input has one.
	extra    string
	hasExtra bool
}

// Pointer implements lint.Locator.
func (l *fieldLoc) Pointer(canonical string) string {
	if canonical == "" {
		return ""
	}
	rest := canonical[1:]
	head, tail := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		head, tail = rest[:i], rest[i:]
	}
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

// Container implements lint.Locator: the missing key would live in the
// parent of where the key maps to.
func (l *fieldLoc) Container(canonical, key string) string {
	p := l.Pointer(lint.JoinPointer(canonical, key))
	if p == "" {
		return ""
	}
	return lint.ParentPointer(p)
}
