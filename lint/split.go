package lint

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// tracker reads JSON values from a stream and knows the position of what it
// reads: the cursor moves over every byte once, in order, so positions cost
// the length of the input, however long its lines are, and nothing but the
// value being read is held in memory.
type tracker struct {
	dec *jsontext.Decoder
	// pos is the position of the byte at offset off in the input; off is at
	// or after the decoder's InputOffset (after a peek, at the next token).
	pos Position
	off int64
	// rec holds the bytes the cursor moved over while recording, for a value
	// that is read in parts but checked whole (an event tuple, a line).
	rec       []byte
	recording bool
	// index is the number of the next element of a list; line says that the
	// list is a JSON Lines line.
	index int
	line  bool
	src   *failReader
	// errData holds the bytes around a syntax error (errorData).
	errData []byte
}

func newTracker(r io.Reader, start Position) *tracker {
	fr := &failReader{r: r}
	dec, ok := documentDecoders.Get().(*jsontext.Decoder)
	if ok {
		dec.Reset(fr)
	} else {
		dec = jsontext.NewDecoder(fr)
	}
	return &tracker{dec: dec, pos: start, src: fr}
}

// release hands the tracker's decoder back for another document.
func (t *tracker) release() {
	t.dec.Reset(noInput{})
	documentDecoders.Put(t.dec)
	t.dec = nil
}

// failReader remembers the error of the reader under a decoder, which the
// decoder may report wrapped in a syntax error.
type failReader struct {
	r   io.Reader
	err error
}

func (f *failReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && f.err == nil {
		f.err = err
	}
	return n, err
}

func (t *tracker) move(b []byte) {
	t.pos = advance(t.pos, b)
	t.off += int64(len(b))
	if t.recording {
		t.rec = append(t.rec, b...)
	}
}

// peek returns the kind of the next token and moves the cursor to its
// start, or returns 0 at the end of the input or before an error, which the
// next read returns.
func (t *tracker) peek() jsontext.Kind {
	k := t.dec.PeekKind()
	if k == 0 {
		return 0
	}
	// The unread buffer starts at InputOffset and holds at least the first
	// byte of the peeked token.
	ub := t.dec.UnreadBuffer()
	from := int(t.off - t.dec.InputOffset())
	t.move(ub[from:skipSeparators(ub, from)])
	return k
}

// value reads the next value; its bytes are valid until the next read.
func (t *tracker) value() ([]byte, error) {
	v, err := t.dec.ReadValue()
	if err != nil {
		return nil, err
	}
	t.move(v)
	return v, nil
}

// delim reads the bracket ('[' or ']') that peek returned.
func (t *tracker) delim(k jsontext.Kind) error {
	if _, err := t.dec.ReadToken(); err != nil {
		return err
	}
	b := [1]byte{byte(k)}
	t.move(b[:])
	return nil
}

// unread returns the bytes the decoder holds beyond the cursor.
func (t *tracker) unread() []byte {
	return t.dec.UnreadBuffer()[t.off-t.dec.InputOffset():]
}

// errorLookahead is how far past what the decoder holds a syntax error is
// looked at: a trailing comma is told by the bracket after it.
const errorLookahead = 4 << 10

// errorData returns the bytes from the cursor to a little past a syntax
// error, as reading the input whole would have them: the decoder may have
// stopped reading right at the error. Nothing is read after an error, so
// the bytes looked at are not lost to anyone.
func (t *tracker) errorData(err error) []byte {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) || errors.Is(se.Err, io.ErrUnexpectedEOF) {
		return t.unread()
	}
	if t.errData == nil {
		more := make([]byte, errorLookahead)
		n, _ := io.ReadFull(t.src, more)
		t.errData = append(bytes.Clone(t.unread()), more[:n]...)
	}
	return t.errData
}

// failure words a syntax error of the decoder and finds its position:
// everything up to the error is in the decoder's unread buffer.
// A line's error is placed no further than the line's end, before its
// terminator (limit, an offset; -1 for a document).
func (t *tracker) failure(err error, limit int64) (string, Position) {
	data := t.errorData(err)
	if limit >= 0 {
		data = data[:min(len(data), max(int(limit-t.off), 0))]
	}
	off := 0
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		off = int(se.ByteOffset - t.off)
	}
	off = min(max(off, 0), len(data))
	msg, off := syntaxProblem(err, data, off)
	return msg, advance(t.pos, data[:max(off, 0)])
}

// readFailure turns an error of the underlying reader, which the decoder may
// report wrapped in a syntax error, into the unit or error that reports it;
// ok is false when the reader did not fail (a syntax error).
func (t *tracker) readFailure(emit func(*unit) error) (error, bool) {
	if t.src.err == nil {
		return nil, false
	}
	var corrupt *CorruptError
	if errors.As(t.src.err, &corrupt) {
		// The records read whole were checked; say where the data broke
		// off.
		return emit(&unit{start: advance(t.pos, t.unread()), parseErr: corrupt}), true
	}
	return t.src.err, true
}

// streamDocument splits the rest of a document, one JSON value or several
// concatenated ones, into units as it reads them: each top-level value, and
// each element of a top-level list of values. The first syntax error ends
// the document, since nothing after it can be trusted.
func streamDocument(t *tracker, emit func(*unit) error) error {
	for {
		k := t.peek()
		if k == 0 {
			// End of input, or a syntax error the next read reports.
			if _, err := t.dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
				return t.documentError(err, emit)
			}
			return nil
		}
		if k == '[' {
			if err := t.array(emit, 0); err != nil {
				return t.documentError(err, emit)
			}
			continue
		}
		start := t.pos
		v, err := t.value()
		if err != nil {
			return t.documentError(err, emit)
		}
		if err := emit(&unit{raw: bytes.Clone(v), start: start, top: true}); err != nil {
			return err
		}
	}
}

// emitError marks an error of emit, which ends the split as it is.
type emitError struct{ err error }

func (e *emitError) Error() string { return e.err.Error() }
func (e *emitError) Unwrap() error { return e.err }

func (t *tracker) documentError(err error, emit func(*unit) error) error {
	var ee *emitError
	if errors.As(err, &ee) {
		return ee.err
	}
	if rerr, ok := t.readFailure(emit); ok {
		return rerr
	}
	msg, pos := t.failure(err, -1)
	return emit(&unit{start: pos, parseErr: err, parseMsg: msg})
}

// headElements is how many elements of a line's top-level array are read
// before it is known to be a list: an event tuple is told by its first two
// items, and an array of up to six items may be a tuple whose timestamp is
// not a number, which a line reports whole.
const headElements = 7

type span struct {
	start, end int // in tracker.rec
	pos        Position
	kind       jsontext.Kind
}

// array reads a top-level array whose '[' was peeked: an event tuple is
// one unit, a list of values becomes a unit per element. The tuple is
// recorded while its first items are read; the elements of a list are
// emitted as they are read. head (0 or headElements) is how many elements
// are read before a list's first one is emitted; when the array is broken
// or ends within them, or is a tuple, array returns errWhole and the caller
// reads the line whole.
func (t *tracker) array(emit func(*unit) error, head int) error {
	start := t.pos
	t.recording, t.rec = true, t.rec[:0]
	defer func() { t.recording = false }()
	if err := t.delim('['); err != nil {
		return err
	}
	t.index = 0
	var first []span
	for len(first) < max(2, head) && t.peek() != ']' {
		sp := span{start: len(t.rec), pos: t.pos, kind: t.dec.PeekKind()}
		if _, err := t.value(); err != nil {
			if head > 0 {
				return errWhole
			}
			if len(first) == 1 && first[0].kind != '0' {
				// Not a tuple: the good first element is still checked.
				if e := t.element(emit, t.rec[first[0].start:first[0].end], first[0].pos); e != nil {
					return e
				}
			}
			return err
		}
		sp.end = len(t.rec)
		first = append(first, sp)
	}
	tuple := len(first) >= 2 && first[0].kind == '0' && first[1].kind == '"'
	if head > 0 && (tuple || len(first) < head) {
		return errWhole
	}
	if tuple {
		// An event tuple: read to its end and check it whole.
		for t.peek() != ']' {
			if _, err := t.value(); err != nil {
				return err
			}
		}
		if err := t.delim(']'); err != nil {
			return err
		}
		if err := emit(&unit{raw: bytes.Clone(t.rec), start: start, top: true}); err != nil {
			return &emitError{err}
		}
		return nil
	}
	t.recording = false
	for _, sp := range first {
		if err := t.element(emit, t.rec[sp.start:sp.end], sp.pos); err != nil {
			return err
		}
	}
	t.rec = nil
	return t.elements(emit)
}

// element emits the next element of a list.
func (t *tracker) element(emit func(*unit) error, b []byte, pos Position) error {
	u := &unit{raw: bytes.Clone(b), start: pos, prefix: "/" + strconv.Itoa(t.index)}
	t.index++
	if err := emit(u); err != nil {
		return &emitError{err}
	}
	return nil
}

// elements reads a list's elements from the next one (t.index) to its
// closing bracket.
func (t *tracker) elements(emit func(*unit) error) error {
	for {
		k := t.peek()
		if k == ']' {
			return t.delim(']')
		}
		if k == '}' && t.line {
			// Read token by token, as a line read whole is, a stray '}'
			// is blamed on the element before it.
			if _, err := t.dec.ReadToken(); err != nil {
				return err
			}
		}
		pos := t.pos
		v, err := t.value()
		if err != nil {
			if k != 0 && t.line {
				err = t.asLine(err)
			}
			return err
		}
		if err := t.element(emit, v, pos); err != nil {
			return err
		}
	}
}

// asLine rewords a syntax error inside an element of a line's list as
// reading the line whole would (value by value, token by token): the
// decoder words some errors differently (a trailing comma is blamed on the
// bracket after it). The element's bytes up to the error are in the unread
// buffer; the elements before it are stood in for by zeros, so that the
// error's pointer is the same too.
func (t *tracker) asLine(err error) error {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return err
	}
	head := 1 + 2*t.index
	rest := t.errorData(err)
	data := make([]byte, 0, head+len(rest))
	data = append(append(append(data, '['), bytes.Repeat([]byte("0,"), t.index)...), rest...)
	_, lerr := Decode(data)
	var le *jsontext.SyntacticError
	if !errors.As(lerr, &le) || errors.Is(le.Err, io.ErrUnexpectedEOF) || le.ByteOffset < int64(head) {
		return err
	}
	return &jsontext.SyntacticError{ByteOffset: t.off + le.ByteOffset - int64(head), JSONPointer: le.JSONPointer, Err: le.Err}
}

// errWhole says that a line's array is to be read whole.
var errWhole = errors.New("read the array whole")

// gate hands a decoder one line of a buffered reader, without its line end,
// and then io.EOF, or, once opened, the rest of the input. The decoder sees
// the line as a line read whole is seen: a value still open at its end is
// incomplete (a document that goes on), whatever the line end.
type gate struct {
	br   *bufio.Reader
	buf  []byte // what the last ReadSlice returned and is not handed out yet
	err  error  // the error that came with buf
	open bool
	// nl says that buf is the end of the line, whose line end (term, a
	// copy) is held back; ended says that the decoder was told so.
	nl    bool
	term  []byte
	ended bool
	// n counts the bytes handed out and end is the offset of the line's end.
	n   int64
	end int64
	// then is read before br once the gate is opened (the lines looked at
	// to decide the mode of the file).
	then io.Reader
}

func (g *gate) Read(p []byte) (int, error) {
	if g.open && len(g.term) > 0 {
		n := copy(p, g.term)
		g.term = g.term[n:]
		g.n += int64(n)
		return n, nil
	}
	if g.open && g.then != nil {
		n, err := g.then.Read(p)
		if errors.Is(err, io.EOF) {
			g.then, err = nil, nil
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
	for len(g.buf) == 0 {
		switch {
		case g.nl && !g.open:
			g.ended, g.end = true, g.n
			return 0, io.EOF
		case g.err != nil:
			g.end = g.n
			return 0, g.err
		}
		g.nl = false
		frag, err := g.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			err = nil
		}
		if len(frag) == 0 && err == nil {
			return 0, nil
		}
		g.buf, g.err = frag, err
		if !g.open && len(frag) > 0 && frag[len(frag)-1] == '\n' {
			body := bytes.TrimRight(frag, "\r\n")
			g.buf, g.term, g.nl = body, bytes.Clone(frag[len(body):]), true
		}
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	g.n += int64(n)
	return n, nil
}
