package lint

import (
	"bytes"
	"errors"
	"io"
	"math"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// Skimmed is a JSON object read only for what identifies it: the names of
// its top-level members, the kind of each member's value and the text of
// its string values. The whole object's syntax has been checked as strictly
// as Decode checks it (UTF-8, duplicate names at any depth, trailing data),
// but no value was built. An adapter's Skim decides from it (see Skimmer).
//
// A Skimmed is reused from one Read to the next; its zero value is ready
// to use.
type Skimmed struct {
	members []skimMember
	// names has a bit set for each member name's nameBit: most names
	// adapters ask about are absent, and a clear bit says so at once; of
	// the others, a member whose digest differs is passed over at once.
	names uint64
	// text holds the names and string values that hold escapes,
	// unescaped; the others are read where they are, in the data.
	text []byte
	// data is the object read.
	data []byte
	dec  *jsontext.Decoder
	buf  bytes.Buffer
	// scanNames are the names of the objects the scan is in
	// (skim_scan.go).
	scanNames []nameSpan
}

// skimMember is a top-level member. It holds no pointers, only places in
// the data and the text: an object's members are copied into the
// Skimmed's list once each, and pointers would cost write barriers and
// the collector's scans for every one of an export's members.
type skimMember struct {
	name  textSpan
	value textSpan // the text of a string value
	// raw is the value as it is in the data, data[rawStart:rawEnd].
	rawStart, rawEnd int32
	// digest is the name's nameDigest.
	digest uint32
	kind   jsontext.Kind
}

// textSpan is a piece of text, data[start:end], or text[start:end] when
// it was unescaped.
type textSpan struct {
	start, end int32
	unescaped  bool
}

// bytes is the text of t.
func (s *Skimmed) bytes(t textSpan) []byte {
	if t.unescaped {
		return s.text[t.start:t.end:t.end]
	}
	return s.data[t.start:t.end:t.end]
}

// dataSpan is data[start:end] as a textSpan.
func dataSpan(start, end int) textSpan { return textSpan{start: int32(start), end: int32(end)} }

// nameDigest digests a name from its length and three of its bytes.
func nameDigest[T string | []byte](name T) uint32 {
	if len(name) == 0 {
		return 0
	}
	return uint32(len(name)) | uint32(name[0])<<8 | uint32(name[len(name)/2])<<16 | uint32(name[len(name)-1])<<24
}

// nameBit is the bit in Skimmed.names of a name's digest.
func nameBit(digest uint32) uint64 {
	return 1 << (digest * 0x9e3779b1 >> 26)
}

func (s *Skimmed) find(name string) *skimMember {
	d := nameDigest(name)
	if s.names&nameBit(d) == 0 {
		return nil
	}
	for i := range s.members {
		m := &s.members[i]
		if m.digest == d && string(s.bytes(m.name)) == name {
			return m
		}
	}
	return nil
}

// Has reports whether the object has a member called name.
func (s *Skimmed) Has(name string) bool { return s.find(name) != nil }

// Kind is the kind of a member's value: 'n', 't', 'f', '"', '0', '{' or
// '['; 0 when the object has no such member.
func (s *Skimmed) Kind(name string) jsontext.Kind {
	if m := s.find(name); m != nil {
		return m.kind
	}
	return 0
}

// Is reports whether a member's value is the string want.
func (s *Skimmed) Is(name, want string) bool {
	m := s.find(name)
	return m != nil && m.kind == '"' && string(s.bytes(m.value)) == want
}

// Text returns the text of a member's string value, unescaped, and
// whether the member is a string. It refers to the data read, or to the
// Skimmed's own memory, until the next Read or Reset.
func (s *Skimmed) Text(name string) ([]byte, bool) {
	m := s.find(name)
	if m == nil || m.kind != '"' {
		return nil, false
	}
	return s.bytes(m.value), true
}

// Raw returns a member's value as it is in the data read (valid JSON, as
// Read checked), its byte offset in the data, and whether the object has
// such a member: what an adapter reading a few members itself needs.
func (s *Skimmed) Raw(name string) (raw []byte, offset int, ok bool) {
	m := s.find(name)
	if m == nil {
		return nil, 0, false
	}
	return s.data[m.rawStart:m.rawEnd:m.rawEnd], int(m.rawStart), true
}

// HasPrefix reports whether a member's value is a string that starts with
// prefix.
func (s *Skimmed) HasPrefix(name, prefix string) bool {
	m := s.find(name)
	return m != nil && m.kind == '"' && bytes.HasPrefix(s.bytes(m.value), []byte(prefix))
}

var skims = sync.Pool{New: func() any { return &Skimmed{} }}

// maxPooledSkim bounds the bytes a pooled Skimmed keeps (its text, and
// its members at 40 bytes each): one huge value should not hold its memory
// for the rest of the run.
const maxPooledSkim = 64 << 10

// Errors that stop a skim (the full path words them).
var (
	errNotObject = errors.New("not an object")
	errTrailing  = errors.New("data after the value")
	errTooLong   = errors.New("too long to skim")
)

// Read skims data, which must hold exactly one JSON object: it checks the
// syntax of all of it and records its top-level members, which refer to
// data until the next Read or Reset. The error says only that data is not
// one valid object; Decode words what is wrong.
func (s *Skimmed) Read(data []byte) error {
	s.Reset()
	if len(data) > math.MaxInt32 {
		return errTooLong
	}
	s.data = data
	if s.scan(data) {
		return nil
	}
	s.Reset()
	s.data = data
	return s.decode(data)
}

// decode is Read with a jsontext.Decoder, which words errors.
func (s *Skimmed) decode(data []byte) error {
	if s.dec == nil {
		s.dec = jsontext.NewDecoder(&s.buf)
	}
	// A bytes.Buffer lets the decoder read data in place, without copying.
	s.buf = *bytes.NewBuffer(data)
	s.dec.Reset(&s.buf)
	defer func() {
		s.buf = bytes.Buffer{}
		s.dec.Reset(&s.buf) // the decoder drops its reference to data
	}()
	if s.dec.PeekKind() != '{' {
		return errNotObject
	}
	if _, err := s.dec.ReadToken(); err != nil {
		return err
	}
	for s.dec.PeekKind() != '}' {
		if s.dec.PeekKind() != '"' {
			return errNotName(s.dec)
		}
		name, err := s.dec.ReadValue()
		if err != nil {
			return err
		}
		m := skimMember{name: s.stringText(name)}
		m.kind = s.dec.PeekKind()
		v, err := s.dec.ReadValue()
		if err != nil {
			return err
		}
		end := int(s.dec.InputOffset())
		m.rawStart, m.rawEnd = int32(end-len(v)), int32(end)
		if m.kind == '"' {
			m.value = s.stringText(v)
		}
		m.digest = nameDigest(s.bytes(m.name))
		s.members = append(s.members, m)
		s.names |= nameBit(m.digest)
	}
	if _, err := s.dec.ReadToken(); err != nil {
		return err
	}
	if _, err := s.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return errTrailing
	}
	return nil
}

// Reset forgets the last object read, and with it the reference to its
// data.
func (s *Skimmed) Reset() {
	s.members, s.text, s.names, s.data = s.members[:0], s.text[:0], 0, nil
}

// stringText is the text of the valid quoted string q just read: in data,
// where the decoder's offset says it ends, when it holds no escapes;
// unescaped in s.text otherwise.
func (s *Skimmed) stringText(q jsontext.Value) textSpan {
	if bytes.IndexByte(q, '\\') < 0 {
		end := int(s.dec.InputOffset())
		return dataSpan(end-len(q)+1, end-1)
	}
	// The decoder has validated the string: unquoting cannot fail.
	t, _ := s.unquoted(q)
	return t
}

// skim handles a unit that holds one object of no Normandy record without
// decoding it: it checks the unit's syntax, asks the adapters' Skim in
// Detect's order and counts the records they skip. It reports false when
// the unit must take the full path: it is not an object, it is not valid
// JSON (the full path words the error), an adapter cannot tell from the
// skim, or no adapter accepts it.
func (e *Engine) skim(u *unit, format string, res *unitResult) bool {
	s := skims.Get().(*Skimmed)
	defer func() {
		s.Reset()
		if cap(s.text) <= maxPooledSkim && cap(s.members) <= maxPooledSkim/40 {
			skims.Put(s)
		}
	}()
	if err := s.Read(u.raw); err != nil {
		return false
	}
	verdict := func(a Adapter) (Verdict, bool) {
		sk, ok := a.(Skimmer)
		if !ok {
			return Verdict{}, false
		}
		v := sk.Skim(s)
		return v, !v.Decode
	}
	var v Verdict
	var ad Adapter
	if format != "" {
		ad = e.adapter(format)
		var ok bool
		if v, ok = verdict(ad); !ok || !v.Mine {
			// Not the forced format's: the full path words the finding.
			return false
		}
	} else {
		for _, a := range e.cfg.Adapters {
			var ok bool
			if v, ok = verdict(a); !ok {
				return false
			}
			if v.Mine {
				ad = a
				break
			}
		}
		if ad == nil {
			return false // unrecognized: the full path words the finding
		}
	}
	if v.Skipped > 0 {
		res.records += v.Skipped
		res.skipped += v.Skipped
		res.formats = append(res.formats, formatCount{ad.Name(), v.Skipped})
	}
	return true
}
