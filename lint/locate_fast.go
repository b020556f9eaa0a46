package lint

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// locateNode is a step of the targets' pointers: the member (or element)
// that leads to targets, with what is wanted of it.
type locateNode struct {
	seg string // the unescaped member name, or the element's index
	// index is seg as an array index, or -1.
	index    int
	children []*locateNode
	// wantValue and wantKey say that a target points at the value, or at
	// the member's name; value and key are their offsets once found (-1
	// before).
	wantValue, wantKey bool
	value, key         int
}

func (n *locateNode) child(seg string) *locateNode {
	for _, c := range n.children {
		if c.seg == seg {
			return c
		}
	}
	c := &locateNode{seg: seg, index: -1, value: -1, key: -1}
	if i, err := strconv.Atoi(seg); err == nil && i >= 0 && strconv.Itoa(i) == seg {
		c.index = i
	}
	n.children = append(n.children, c)
	return c
}

// locateFast is locate by a byte scanner that follows the targets' pointers
// through well-formed JSON. It reports false, having written nothing, when
// it cannot answer exactly as the tokenizer would.
func locateFast(raw []byte, start Position, targets map[target]Position) bool {
	root := &locateNode{index: -1, value: -1, key: -1}
	for t := range targets {
		n := root
		if t.pointer != "" {
			if t.pointer[0] != '/' {
				return false
			}
			for _, seg := range strings.Split(t.pointer[1:], "/") {
				n = n.child(unescapePointerToken(seg))
			}
		}
		if t.key {
			n.wantKey = true
		} else {
			n.wantValue = true
		}
	}
	s := fastScanner{raw: raw}
	off := s.space(0)
	if off >= len(raw) {
		return false
	}
	root.value = off
	end, ok := s.visit(off, root)
	if !ok {
		return false
	}
	if scanned != nil {
		scanned(end)
	}
	// Positions in increasing offsets, each advanced from the previous one.
	type found struct {
		t   target
		off int
	}
	fs := make([]found, 0, len(targets))
	for t := range targets {
		fs = append(fs, found{t, offsetOf(root, t)})
	}
	slices.SortFunc(fs, func(a, b found) int { return a.off - b.off })
	pos, last := start, 0
	for _, f := range fs {
		pos = advance(pos, raw[last:f.off])
		last = f.off
		targets[f.t] = pos
	}
	return true
}

// offsetOf is the offset of a target, or of its nearest ancestor that
// exists.
func offsetOf(root *locateNode, t target) int {
	best := root.value
	if t.pointer == "" {
		return best
	}
	n := root
	segs := strings.Split(t.pointer[1:], "/")
	for i, seg := range segs {
		var next *locateNode
		for _, c := range n.children {
			if c.seg == unescapePointerToken(seg) {
				next = c
				break
			}
		}
		if next == nil || next.value < 0 {
			return best
		}
		n = next
		best = n.value
		if i == len(segs)-1 && t.key && n.key >= 0 {
			return n.key
		}
	}
	return best
}

// unescapePointerToken undoes RFC 6901's escapes.
func unescapePointerToken(seg string) string {
	if !strings.Contains(seg, "~") {
		return seg
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
}

// fastScanner reads well-formed JSON by bytes; every method reports false
// when the bytes are not what well-formed JSON would hold there.
type fastScanner struct {
	raw []byte
}

// space skips whitespace.
func (s *fastScanner) space(off int) int {
	for off < len(s.raw) {
		switch s.raw[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// visit reads the value at off for node n (whose offset is set), records
// the offsets n's children want, and returns the offset after the value.
func (s *fastScanner) visit(off int, n *locateNode) (int, bool) {
	if len(n.children) == 0 {
		return s.skip(off)
	}
	switch s.raw[off] {
	case '{':
		return s.object(off, n)
	case '[':
		return s.array(off, n)
	}
	return s.skip(off)
}

func (s *fastScanner) object(off int, n *locateNode) (int, bool) {
	off = s.space(off + 1)
	if off < len(s.raw) && s.raw[off] == '}' {
		return off + 1, true
	}
	for {
		if off >= len(s.raw) || s.raw[off] != '"' {
			return 0, false
		}
		nameAt := off
		end, plain := s.stringEnd(off)
		if end < 0 {
			return 0, false
		}
		name := s.raw[nameAt+1 : end-1]
		var c *locateNode
		for _, k := range n.children {
			if k.seg == string(name) {
				c = k
				break
			}
		}
		if c != nil && !plain {
			// An escaped name, or one that is not ASCII, may spell a
			// target: the tokenizer compares it exactly.
			return 0, false
		}
		off = s.space(end)
		if off >= len(s.raw) || s.raw[off] != ':' {
			return 0, false
		}
		off = s.space(off + 1)
		if off >= len(s.raw) {
			return 0, false
		}
		if c != nil && c.value >= 0 {
			// A duplicate name: the tokenizer looks into both members.
			return 0, false
		}
		var ok bool
		if c != nil {
			// The first member of a name is the one pointers name.
			c.value, c.key = off, nameAt
			off, ok = s.visit(off, c)
		} else {
			if !plain && len(n.children) > 0 {
				return 0, false
			}
			off, ok = s.skip(off)
		}
		if !ok {
			return 0, false
		}
		off = s.space(off)
		if off >= len(s.raw) {
			return 0, false
		}
		switch s.raw[off] {
		case ',':
			off = s.space(off + 1)
		case '}':
			return off + 1, true
		default:
			return 0, false
		}
	}
}

func (s *fastScanner) array(off int, n *locateNode) (int, bool) {
	off = s.space(off + 1)
	if off < len(s.raw) && s.raw[off] == ']' {
		return off + 1, true
	}
	for i := 0; ; i++ {
		if off >= len(s.raw) {
			return 0, false
		}
		var c *locateNode
		for _, k := range n.children {
			if k.index == i {
				c = k
				break
			}
		}
		var ok bool
		if c != nil {
			c.value = off
			off, ok = s.visit(off, c)
		} else {
			off, ok = s.skip(off)
		}
		if !ok {
			return 0, false
		}
		off = s.space(off)
		if off >= len(s.raw) {
			return 0, false
		}
		switch s.raw[off] {
		case ',':
			off = s.space(off + 1)
		case ']':
			return off + 1, true
		default:
			return 0, false
		}
	}
}

// stringEnd returns the offset after the string starting at off, and
// whether it is plain: ASCII with no escapes, so that its bytes are its
// text. Bytes that are not UTF-8 make it fail.
func (s *fastScanner) stringEnd(off int) (int, bool) {
	plain := true
	for i := off + 1; i < len(s.raw); i++ {
		c := s.raw[i]
		switch {
		case c == '"':
			return i + 1, plain
		case c == '\\':
			plain = false
			i++
		case c < 0x20:
			return -1, false
		case c >= utf8.RuneSelf:
			plain = false
			r, size := utf8.DecodeRune(s.raw[i:])
			if r == utf8.RuneError && size <= 1 {
				return -1, false
			}
			i += size - 1
		}
	}
	return -1, false
}

// skip returns the offset after the value at off, checking only what it
// needs to find the end: the unit was decoded before.
func (s *fastScanner) skip(off int) (int, bool) {
	if off >= len(s.raw) {
		return 0, false
	}
	switch c := s.raw[off]; c {
	case '"':
		end, _ := s.stringEnd(off)
		return end, end >= 0
	case '{', '[':
		depth := 0
		for i := off; i < len(s.raw); i++ {
			switch s.raw[i] {
			case '"':
				end, _ := s.stringEnd(i)
				if end < 0 {
					return 0, false
				}
				i = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true
				}
			}
		}
		return 0, false
	default:
		i := off
		for i < len(s.raw) {
			switch s.raw[i] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return i, i > off
			}
			i++
		}
		return i, i > off
	}
}
