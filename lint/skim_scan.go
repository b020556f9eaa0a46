package lint

import (
	"encoding/binary"
	"math"
	"math/bits"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// The skim's own scanner: most of an export's bytes are rows that hold no
// Normandy record, and checking their syntax is most of what normlint
// does with them. A hand-written scan of the plain JSON that rows are made
// of runs several times faster than a jsontext.Decoder. It accepts only
// what the decoder accepts, and gives up on anything it does not handle
// itself (a name with escapes, a \u escape of a surrogate, an object of
// many members, deep nesting, and every error): Read then reads the
// object again with the decoder, which decides, and words the error.

const (
	// maxScanDepth is the deepest nesting the scan follows.
	maxScanDepth = 64
	// maxScanNames is the most members an object may have for the scan
	// to check its names for duplicates itself (it compares them pairwise).
	maxScanNames = 64
)

// plainByte says which bytes a string holds as they are: neither its
// quote, an escape, a control character nor the start of a multi-byte
// UTF-8 sequence.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// nameSpan is a member name of an object being scanned, data[start:end],
// with a digest that tells most different names apart without comparing
// them.
type nameSpan struct {
	start, end int32
	digest     uint32
}

// scan reads data as exactly one object, recording its top-level members
// as Read does, and reports false when the decoder must read it instead.
func (s *Skimmed) scan(data []byte) bool {
	s.scanNames = s.scanNames[:0]
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '{' || len(data) > 1<<30 {
		return false
	}
	i, ok := s.scanObject(data, i, 0)
	return ok && skipWS(data, i) == len(data)
}

// scanKind is the kind of the value that starts with c.
func scanKind(c byte) jsontext.Kind {
	if c == '-' || c >= '0' && c <= '9' {
		return '0'
	}
	return jsontext.Kind(c)
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		break
	}
	return i
}

// scanObject scans the object at data[i], depth levels down, and returns
// the offset after it. The top-level object's members are recorded.
func (s *Skimmed) scanObject(data []byte, i, depth int) (int, bool) {
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	// This object's names are checked for duplicates against each other;
	// a failed scan leaves them, and the next scan starts afresh.
	base := len(s.scanNames)
	var seen uint64
	for {
		if i = skipWS(data, i); i >= len(data) || data[i] != '"' {
			return i, false
		}
		end, escaped, ok := scanString(data, i)
		if !ok || escaped || len(s.scanNames)-base >= maxScanNames {
			return i, false
		}
		nameStart := i + 1
		name := data[nameStart : end-1]
		digest := nameDigest(name)
		// seen filters the names compared: most have a bit of their own.
		if bit := nameBit(digest); seen&bit == 0 {
			seen |= bit
		} else {
			for _, n := range s.scanNames[base:] {
				if n.digest == digest && string(data[n.start:n.end]) == string(name) {
					return i, false // a duplicate: the decoder words it
				}
			}
		}
		s.scanNames = append(s.scanNames, nameSpan{int32(i + 1), int32(end - 1), digest})
		i = skipWS(data, end)
		if i >= len(data) || data[i] != ':' {
			return i, false
		}
		start := skipWS(data, i+1)
		switch {
		case depth == 0 && start < len(data) && data[start] == '"':
			// A top-level string: its text is recorded too.
			if i, escaped, ok = scanString(data, start); !ok {
				return i, false
			}
			m := skimMember{name: dataSpan(nameStart, end-1), rawStart: int32(start), rawEnd: int32(i), digest: digest, kind: '"', value: dataSpan(start+1, i-1)}
			if escaped {
				if m.value, ok = s.unquoted(data[start:i]); !ok {
					return i, false
				}
			}
			s.members = append(s.members, m)
			s.names |= nameBit(digest)
		default:
			if i, ok = s.scanValue(data, start, depth); !ok {
				return i, false
			}
			if depth == 0 {
				s.members = append(s.members, skimMember{name: dataSpan(nameStart, end-1), rawStart: int32(start), rawEnd: int32(i), digest: digest, kind: scanKind(data[start])})
				s.names |= nameBit(digest)
			}
		}
		var closed bool
		if i, closed, ok = afterValue(data, i, '}'); closed {
			s.scanNames = s.scanNames[:base]
			return i, true
		} else if !ok {
			return i, false
		}
	}
}

// afterValue reads what follows a member or an item: a comma, or the
// closing bracket, which it reports. (Small enough to be inlined.)
func afterValue(data []byte, i int, closer byte) (next int, closed, ok bool) {
	i = skipWS(data, i)
	switch {
	case i >= len(data):
		return i, false, false
	case data[i] == ',':
		return i + 1, false, true
	case data[i] == closer:
		return i + 1, true, true
	}
	return i, false, false
}

// unquoted is the text of the quoted string q, which holds escapes, as
// stringText makes it.
func (s *Skimmed) unquoted(q []byte) (textSpan, bool) {
	start := len(s.text)
	var err error
	if s.text, err = jsontext.AppendUnquote(s.text, q); err != nil || len(s.text) > math.MaxInt32 {
		return textSpan{}, false
	}
	return textSpan{start: int32(start), end: int32(len(s.text)), unescaped: true}, true
}

// scanValue scans the value at data[i] (no white space before it).
func (s *Skimmed) scanValue(data []byte, i, depth int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch c := data[i]; c {
	case '"':
		end, _, ok := scanString(data, i)
		return end, ok
	case '{':
		if depth >= maxScanDepth {
			return i, false
		}
		return s.scanObject(data, i, depth+1)
	case '[':
		if depth >= maxScanDepth {
			return i, false
		}
		return s.scanArray(data, i, depth+1)
	case 't':
		return scanLiteral(data, i, "true")
	case 'f':
		return scanLiteral(data, i, "false")
	case 'n':
		return scanLiteral(data, i, "null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return scanNumber(data, i)
		}
	}
	return i, false
}

func (s *Skimmed) scanArray(data []byte, i, depth int) (int, bool) {
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, true
	}
	for {
		var ok, closed bool
		if i, ok = s.scanValue(data, skipWS(data, i), depth); !ok {
			return i, false
		}
		if i, closed, ok = afterValue(data, i, ']'); closed || !ok {
			return i, ok
		}
	}
}

func scanLiteral(data []byte, i int, lit string) (int, bool) {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// scanNumber scans a number by JSON's grammar. What follows it is checked
// by the caller, which wants white space, a comma or a closing bracket.
func scanNumber(data []byte, i int) (int, bool) {
	if data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		return i, false
	case data[i] == '0':
		i++
	case data[i] >= '1' && data[i] <= '9':
		i = digits(data, i+1)
	default:
		return i, false
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			return i, false
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			return i, false
		}
		i = j
	}
	return i, true
}

func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// scanString scans the string whose quote is at data[i]: it returns the
// offset after its closing quote and whether it holds escapes. Invalid
// UTF-8, control characters, bad escapes and \u escapes of surrogates
// (valid only in pairs, which the decoder checks) are refused.
func scanString(data []byte, i int) (end int, escaped, ok bool) {
	i++
	for {
		// Eight bytes at a time, then one by one up to the byte that is
		// not plain.
		for i+8 <= len(data) {
			if m := specialBytes(binary.LittleEndian.Uint64(data[i:])); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for i < len(data) && plainByte[data[i]] {
			i++
		}
		if i >= len(data) {
			return i, escaped, false
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				return i, escaped, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				r, ok := hex4(data, i+2)
				if !ok || r >= 0xd800 && r <= 0xdfff {
					return i, escaped, false
				}
				i += 6
			default:
				return i, escaped, false
			}
		case c < 0x20:
			return i, escaped, false
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				return i, escaped, false
			}
			i += n
		}
	}
}

// specialBytes flags the bytes of x (eight bytes of a string, the first
// in the low byte) that are not plain: their high bit is set in the
// result. Past the first flagged byte, a borrow may flag plain bytes too,
// so only the lowest flag is exact.
func specialBytes(x uint64) uint64 {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	zero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	control := (x - 0x20*ones) & ^x & highs
	return control | zero(x^('"'*ones)) | zero(x^('\\'*ones)) | x&highs
}

// hex4 reads the four hexadecimal digits of a \u escape at data[i].
func hex4(data []byte, i int) (rune, bool) {
	if len(data)-i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
