package input

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// fieldLoc maps canonical pointers to input pointers for most input shapes:
// each canonical top-level key lives at some input pointer, and the extra
// object at another (or nowhere, when the input has none).
//
// Records are many and findings few, so the hand-writable forms only say
// where they came from (mode, obj or tuple, base) and the map is built on
// the first lookup, by the same rules an eager build would follow.
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

	// mode, when not locBuilt, says how to build the fields from obj or
	// tuple, read at base.
	mode  locMode
	obj   *lint.Object
	tuple []any
	base  string
}

// locMode says how a fieldLoc's fields are derived from its input.
type locMode uint8

const (
	// locBuilt: fields, extra and hasExtra are set.
	locBuilt locMode = iota
	// locRecord: an event record object, every member at its name.
	locRecord
	// locUptakeRecord: an uptake record object ({"source", "status"}).
	locUptakeRecord
	// locUptakeEvent: an uptake event record ({"category":
	// "uptake.remotecontent.result", ...}): the value is the status, the
	// extra's source the source.
	locUptakeEvent
	// locTuple: an event tuple [timestamp, category, method, object,
	// value, extra].
	locTuple
)

// build derives the fields on first use.
func (l *fieldLoc) build() {
	if l.mode == locBuilt {
		return
	}
	mode, base := l.mode, l.base
	l.mode = locBuilt
	l.fields = map[string]string{}
	l.extra = base + "/extra"
	switch mode {
	case locRecord, locUptakeRecord:
		o := l.obj
		for _, n := range o.Names {
			l.fields[n] = base + "/" + lint.PointerToken(n)
		}
		if e, ok := o.Get("extra"); ok && e != nil {
			l.hasExtra = true
		}
		if mode == locUptakeRecord {
			l.fields["source"] = base + "/source"
			l.fields["status"] = base + "/status"
		}
	case locUptakeEvent:
		o := l.obj
		for i, n := range o.Names {
			switch n {
			case "category", "method", "object":
			case "value":
				l.fields["status"] = base + "/value"
			case "extra":
				l.uptakeExtra(o.Values[i])
			default:
				l.fields[n] = base + "/" + lint.PointerToken(n)
			}
		}
		if _, ok := l.fields["status"]; !ok {
			l.fields["status"] = base + "/value"
		}
	case locTuple:
		a := l.tuple
		l.fields["timestamp"] = base + "/0"
		l.extra = base + "/5"
		var extra any
		if len(a) == 6 && a[5] != nil {
			extra = a[5]
			l.hasExtra = true
		}
		if cat, _ := a[1].(string); cat == categoryUptake {
			l.fields["status"] = base + "/4"
			if extra != nil {
				l.uptakeExtra(extra)
			} else {
				l.fields["source"] = ""
			}
		} else {
			l.fields["category"] = base + "/1"
			l.fields["method"] = base + "/2"
			l.fields["object"] = base + "/3"
			l.fields["value"] = base + "/4"
		}
	}
	l.obj, l.tuple = nil, nil
}

// uptakeExtra places an uptake event's extra, whose source member is the
// canonical source.
func (l *fieldLoc) uptakeExtra(e any) {
	l.fields["source"] = l.extra + "/source"
	if e != nil {
		l.hasExtra = true
	} else {
		l.fields["source"] = ""
	}
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
	l.build()
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
	l.build()
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
