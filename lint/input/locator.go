package input

import (
	"slices"
	"strconv"
	"strings"

	"github.com/normlint/normlint/lint"
)

// fieldLoc maps canonical pointers to input pointers for most input shapes:
// each canonical top-level key lives at some input pointer, and the extra
// object at another (or nowhere, when the input has none).
//
// Records are many and findings few, so most shapes only say where the
// record came from (mode, with obj, tuple or glean, and base), and a
// lookup works out the one place it asks for; a histogram's records still
// give their places up front (fields).
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

	// mode, when set, says how to find places in obj, tuple or glean, read
	// at base, instead of fields and extra (a Glean event still sets
	// hasExtra).
	mode  locMode
	obj   *lint.Object
	tuple []any
	base  string
	glean gleanPlaces
}

// gleanPlaces are where a Glean event (or an events_stream row) holds its
// canonical members, relative to the fieldLoc's base.
type gleanPlaces struct {
	nameRel, extraRel, timestampRel string
	hasTimestamp, uptake            bool
}

// locMode says how a fieldLoc's fields are derived from its input.
type locMode uint8

const (
	// locRecord: an event record object, every member at its name.
	locRecord locMode = iota + 1
	// locUptakeRecord: an uptake record object ({"source", "status"}).
	locUptakeRecord
	// locUptakeEvent: an uptake event record ({"category":
	// "uptake.remotecontent.result", ...}): the value is the status, the
	// extra's source the source.
	locUptakeEvent
	// locTuple: an event tuple [timestamp, category, method, object,
	// value, extra].
	locTuple
	// locGlean: a Glean event: the method and object in its name, the
	// value (or status) and an uptake's source in its extra; hasExtra is
	// set.
	locGlean
)

// field returns the input pointer of a canonical top-level key (as the
// head of a canonical pointer, still escaped) and whether it has one.
func (l *fieldLoc) field(head string) (string, bool) {
	base := l.base
	switch l.mode {
	case locRecord, locUptakeRecord:
		if l.mode == locUptakeRecord && (head == "source" || head == "status") {
			return base + "/" + head, true
		}
		if l.obj.Has(head) {
			return base + "/" + lint.PointerToken(head), true
		}
		return "", false
	case locUptakeEvent:
		// The members are read in order, a later one replacing an earlier
		// place of the same key.
		p, ok := "", false
		for i, n := range l.obj.Names {
			switch n {
			case "category", "method", "object":
			case "value":
				if head == "status" {
					p, ok = base+"/value", true
				}
			case "extra":
				if head == "source" {
					p, ok = "", true
					if l.obj.Values[i] != nil {
						p = base + "/extra/source"
					}
				}
			default:
				if n == head {
					p, ok = base+"/"+lint.PointerToken(n), true
				}
			}
		}
		if !ok && head == "status" {
			return base + "/value", true
		}
		return p, ok
	case locTuple:
		a := l.tuple
		if cat, _ := a[1].(string); cat == categoryUptake {
			switch head {
			case "timestamp":
				return base + "/0", true
			case "status":
				return base + "/4", true
			case "source":
				if len(a) == 6 && a[5] != nil {
					return base + "/5/source", true
				}
				return "", true
			}
			return "", false
		}
		if i := slices.Index(tupleFields[:], head); i >= 0 {
			return base + "/" + strconv.Itoa(i), true
		}
		return "", false
	case locGlean:
		g := &l.glean
		switch {
		case head == "value" && !g.uptake, head == "status" && g.uptake:
			return base + g.extraRel + "/value", true
		case head == "source" && g.uptake:
			return base + g.extraRel + "/source", true
		case head == "timestamp" && (g.hasTimestamp || g.timestampRel != ""):
			if g.timestampRel == "" {
				return "", true // the row's time, which has no place of its own
			}
			return base + g.timestampRel, true
		case (head == "method" || head == "object") && !g.uptake:
			return base + g.nameRel, true
		case head == "category" && !g.uptake:
			return lint.ParentPointer(base+g.nameRel) + "/category", true
		}
		return "", false
	}
	p, ok := l.fields[head]
	return p, ok
}

// tupleFields are the canonical keys of an event tuple's items.
var tupleFields = [...]string{"timestamp", "category", "method", "object", "value"}

// extraPlace returns the input pointer of the extra object, if the input
// has one.
func (l *fieldLoc) extraPlace() (string, bool) {
	switch l.mode {
	case locRecord, locUptakeRecord, locUptakeEvent:
		e, ok := l.obj.Get("extra")
		return l.base + "/extra", ok && e != nil
	case locTuple:
		return l.base + "/5", len(l.tuple) == 6 && l.tuple[5] != nil
	case locGlean:
		return l.base + l.glean.extraRel, l.hasExtra
	}
	return l.extra, l.hasExtra
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
		extra, ok := l.extraPlace()
		if !ok {
			return ""
		}
		return extra + tail
	}
	if p, ok := l.field(head); ok {
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
