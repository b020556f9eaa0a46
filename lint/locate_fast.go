package lint

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// locateNode is a step of the targets' pointers: the member (or element)
// that leads to targets, with what is wanted of it. Nodes live in one
// slice and link by index, so that a lookup allocates little: the workers
// look up the lifecycle's anchors for every enrollment.
type locateNode struct {
	seg string // the unescaped member name, or the element's index
	// index is seg as an array index, or -1.
	index int
	// first and next link a node's children: the first child, and the next
	// sibling (0: none; the root is node 0 and is nobody's child).
	first, next int32
	// value and key are the offsets of the value and of the member's name
	// once found (-1 before).
	value, key int
}

// locateTree is the targets' pointers as a tree.
type locateTree struct {
	nodes []locateNode
}

// trees are reused: a lookup's tree is a few nodes.
var trees = sync.Pool{New: func() any { return &locateTree{nodes: make([]locateNode, 0, 16)} }}

func (t *locateTree) add(seg string) int32 {
	n := locateNode{seg: seg, index: -1, value: -1, key: -1}
	if isIndex(seg) {
		n.index, _ = strconv.Atoi(seg)
	}
	t.nodes = append(t.nodes, n)
	return int32(len(t.nodes) - 1)
}

// isIndex reports whether a pointer token is an array index as pointers
// spell it: decimal digits, no leading zero.
func isIndex(seg string) bool {
	if len(seg) == 0 || len(seg) > 9 || seg[0] == '0' && len(seg) > 1 {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return false
		}
	}
	return true
}

// named finds the child of node p called name, or returns 0.
func (t *locateTree) named(p int32, name []byte) int32 {
	for c := t.nodes[p].first; c != 0; c = t.nodes[c].next {
		if t.nodes[c].seg == string(name) {
			return c
		}
	}
	return 0
}

// child finds the child of node p called seg, or adds it when add is set;
// it returns 0 when there is none.
func (t *locateTree) child(p int32, seg string, add bool) int32 {
	last := int32(0)
	for c := t.nodes[p].first; c != 0; c = t.nodes[c].next {
		if t.nodes[c].seg == seg {
			return c
		}
		last = c
	}
	if !add {
		return 0
	}
	c := t.add(seg)
	if last == 0 {
		t.nodes[p].first = c
	} else {
		t.nodes[last].next = c
	}
	return c
}

// walk follows pointer from the root, adding the nodes it lacks when add is
// set. It returns the nodes it went through, the deepest last, or nil when
// the pointer is not a pointer.
func (t *locateTree) walk(pointer string, add bool, path []int32) []int32 {
	path = append(path[:0], 0)
	if pointer == "" {
		return path
	}
	if pointer[0] != '/' {
		return nil
	}
	rest := pointer[1:]
	for {
		seg := rest
		i := strings.IndexByte(rest, '/')
		if i >= 0 {
			seg = rest[:i]
		}
		if strings.IndexByte(seg, '~') >= 0 {
			if !validEscapes(seg) {
				// No pointer the tokenizer works out spells this.
				return nil
			}
			seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		}
		c := t.child(path[len(path)-1], seg, add)
		if c == 0 {
			return path
		}
		path = append(path, c)
		if i < 0 {
			return path
		}
		rest = rest[i+1:]
	}
}

// validEscapes reports whether every '~' of a pointer token starts "~0" or
// "~1".
func validEscapes(seg string) bool {
	for i := 0; i < len(seg); i++ {
		if seg[i] == '~' && (i+1 == len(seg) || seg[i+1] != '0' && seg[i+1] != '1') {
			return false
		}
	}
	return true
}

// locateFast is locate by a byte scanner that follows the targets' pointers
// through well-formed JSON. It reports false, having written nothing, when
// it cannot answer exactly as the tokenizer would.
func locateFast(raw []byte, start Position, ts []target, out []Position) bool {
	t := trees.Get().(*locateTree)
	defer func() {
		clear(t.nodes)
		t.nodes = t.nodes[:0]
		trees.Put(t)
	}()
	t.add("")
	var pathBuf [8]int32
	for _, tg := range ts {
		if t.walk(tg.pointer, true, pathBuf[:0]) == nil {
			return false
		}
	}
	s := fastScanner{raw: raw, tree: t}
	off := s.space(0)
	if off >= len(raw) {
		return false
	}
	t.nodes[0].value = off
	end, ok := s.visit(off, 0)
	if !ok {
		return false
	}
	if scanned != nil {
		scanned(end)
	}
	// Offsets first, then positions in increasing offsets, each advanced
	// from the previous one.
	var orderBuf, offsBuf [8]int
	order, offs := orderBuf[:0], offsBuf[:0]
	if len(ts) > len(offsBuf) {
		offs = make([]int, 0, len(ts))
	}
	offs = offs[:len(ts)]
	for i, tg := range ts {
		path := t.walk(tg.pointer, false, pathBuf[:0])
		last := &t.nodes[path[len(path)-1]]
		// The deepest node found; a member's name when it is asked for and
		// was found, else its value (a name that is not there falls back
		// to the value at its pointer, as the tokenizer does).
		offs[i] = t.nodes[0].value
		for _, n := range path {
			if t.nodes[n].value < 0 {
				break
			}
			offs[i] = t.nodes[n].value
		}
		complete := len(path) > 0 && tg.pointer != "" && strings.Count(tg.pointer, "/") == len(path)-1
		if tg.key && complete && last.key >= 0 {
			offs[i] = last.key
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	pos, from := start, 0
	for _, i := range order {
		pos = advance(pos, raw[from:offs[i]])
		from = offs[i]
		out[i] = pos
	}
	return true
}

// fastScanner reads well-formed JSON by bytes; every method reports false
// when the bytes are not what well-formed JSON would hold there.
type fastScanner struct {
	raw  []byte
	tree *locateTree
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
func (s *fastScanner) visit(off int, n int32) (int, bool) {
	if s.tree.nodes[n].first == 0 {
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

func (s *fastScanner) object(off int, n int32) (int, bool) {
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
		if end < 0 || !plain {
			// An escaped name, or one that is not ASCII, may spell a
			// target: the tokenizer compares it exactly.
			return 0, false
		}
		c := s.tree.named(n, s.raw[nameAt+1:end-1])
		off = s.space(end)
		if off >= len(s.raw) || s.raw[off] != ':' {
			return 0, false
		}
		off = s.space(off + 1)
		if off >= len(s.raw) {
			return 0, false
		}
		var ok bool
		if c != 0 {
			if s.tree.nodes[c].value >= 0 {
				// A duplicate name: the tokenizer looks into both members.
				return 0, false
			}
			s.tree.nodes[c].value, s.tree.nodes[c].key = off, nameAt
			off, ok = s.visit(off, c)
		} else {
			off, ok = s.skip(off)
		}
		if !ok {
			return 0, false
		}
		var more bool
		if off, more, ok = s.next(off, '}'); !ok || !more {
			return off, ok
		}
	}
}

func (s *fastScanner) array(off int, n int32) (int, bool) {
	off = s.space(off + 1)
	if off < len(s.raw) && s.raw[off] == ']' {
		return off + 1, true
	}
	for i := 0; ; i++ {
		if off >= len(s.raw) {
			return 0, false
		}
		c := int32(0)
		for k := s.tree.nodes[n].first; k != 0; k = s.tree.nodes[k].next {
			if s.tree.nodes[k].index == i {
				c = k
				break
			}
		}
		var ok bool
		if c != 0 {
			s.tree.nodes[c].value = off
			off, ok = s.visit(off, c)
		} else {
			off, ok = s.skip(off)
		}
		if !ok {
			return 0, false
		}
		var more bool
		if off, more, ok = s.next(off, ']'); !ok || !more {
			return off, ok
		}
	}
}

// next reads what follows a member or an element: a comma, and more
// (more is set and off is the next one), or the container's end (off is
// after it).
func (s *fastScanner) next(off int, end byte) (int, bool, bool) {
	off = s.space(off)
	if off >= len(s.raw) {
		return 0, false, false
	}
	switch s.raw[off] {
	case ',':
		return s.space(off + 1), true, true
	case end:
		return off + 1, false, true
	}
	return 0, false, false
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
