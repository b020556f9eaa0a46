package lint

import (
	"bytes"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// target asks for the byte offset of a value, or of a member's name.
type target struct {
	pointer string
	key     bool
}

// locate finds the positions of the values (or member names) that the
// targets point at in a unit whose raw bytes start at start, in one pass over
// raw: positions advance from the unit's start, from one found place to the
// next. It is only called for units that have findings, so the happy path
// never pays for positions. A target that does not exist gets the position
// of its nearest existing ancestor.
//
// Units were decoded before their findings are placed, so their bytes are
// well-formed JSON: a byte scanner that descends only into the containers
// the targets lead through does the job several times faster than a
// tokenizer working out every token's pointer (the lifecycle rules place
// related locations on the emitter's goroutine, for every enrollment). Where
// the scanner meets what it does not handle (an escaped member name, bytes
// that are not UTF-8, or bytes that are not well-formed after all), the
// tokenizer does the work.
func locate(raw []byte, start Position, targets map[target]Position) {
	ts := make([]target, 0, len(targets))
	for t := range targets {
		ts = append(ts, t)
	}
	out := make([]Position, len(ts))
	locateAll(raw, start, ts, out)
	for i, t := range ts {
		targets[t] = out[i]
	}
}

// locateAll is locate for a list of targets: out[i] is the position of
// ts[i].
func locateAll(raw []byte, start Position, ts []target, out []Position) {
	if locateFast(raw, start, ts, out) {
		return
	}
	targets := make(map[target]Position, len(ts))
	for _, t := range ts {
		targets[t] = Position{}
	}
	locateTokens(raw, start, targets)
	for i, t := range ts {
		out[i] = targets[t]
	}
}

// locateTokens is locate by the tokenizer: every token's pointer is worked
// out and compared with the targets.
func locateTokens(raw []byte, start Position, targets map[target]Position) {
	pending := len(targets)
	found := make(map[target]bool, len(targets))
	// Positions of the targets' ancestors, for targets that do not exist.
	seen := map[string]Position{}
	ancestors := map[string]bool{}
	for t := range targets {
		for p := t.pointer; ; p = ParentPointer(p) {
			ancestors[p] = true
			if p == "" {
				break
			}
		}
	}
	// Tokens come in increasing offsets: each position is worked out from
	// the previous one.
	pos, last := start, 0
	at := func(off int) Position {
		pos = advance(pos, raw[last:off])
		last = off
		return pos
	}
	dec := jsontext.NewDecoder(bytes.NewReader(raw), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	for pending > 0 {
		off := skipSeparators(raw, int(dec.InputOffset()))
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		kind := tok.Kind()
		if kind == '}' || kind == ']' {
			continue
		}
		ptr := string(dec.StackPointer())
		isName := false
		if kind == '"' {
			if k, n := dec.StackIndex(dec.StackDepth()); k == '{' && n%2 == 1 {
				isName = true
			}
		}
		t := target{pointer: ptr, key: isName}
		if _, ok := targets[t]; ok && !found[t] {
			targets[t] = at(off)
			found[t] = true
			pending--
		}
		if _, ok := seen[ptr]; !ok && !isName && ancestors[ptr] {
			seen[ptr] = at(off)
		}
	}
	if scanned != nil {
		scanned(int(dec.InputOffset()))
	}
	for t := range targets {
		if found[t] {
			continue
		}
		p := t.pointer
		for {
			if sp, ok := seen[p]; ok {
				targets[t] = sp
				break
			}
			if p == "" {
				targets[t] = advance(start, raw[:skipSeparators(raw, 0)])
				break
			}
			p = ParentPointer(p)
		}
	}
}

// scanned, when set (by tests), is told how many bytes position lookups
// read, which proves that placing findings reads each byte of a unit a
// bounded number of times, whatever the number of findings.
var scanned func(n int)

// skipSeparators returns the offset of the next token at or after off.
func skipSeparators(raw []byte, off int) int {
	for off < len(raw) {
		switch raw[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// Position is a 1-based line and column; columns count Unicode characters.
type Position struct {
	Line, Column int
}

// advance moves pos over data.
func advance(pos Position, data []byte) Position {
	if scanned != nil {
		scanned(len(data))
	}
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		pos.Line += bytes.Count(data, []byte{'\n'})
		pos.Column = 1
		data = data[i+1:]
	}
	pos.Column += utf8.RuneCount(data)
	return pos
}
