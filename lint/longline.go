package lint

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// errLongLine says that the next line is longer than the reader's buffer and
// starts a JSON array: what `bq query --format=json` writes, a list of rows
// on one line of any length, which is streamed element by element rather
// than read whole.
var errLongLine = errors.New("a long line that holds an array")

// lineOutcome says how longLine left the file.
type lineOutcome int

const (
	// lineWhole: the line is returned whole, to be read like any other
	// (an event tuple, an array of a few items, a line broken among its
	// first items).
	lineWhole lineOutcome = iota
	// lineStreamed: the line was a JSON Lines line, and the file goes on.
	lineStreamed
	// lineEnded: the rest of the file was read (a document), or reading
	// stopped (an error, a corrupt stream).
	lineEnded
)

// lineHint is the hint of a broken line: unlike in a document, reading goes
// on with the next line.
const lineHint = "fix the JSON at this position; the other lines of the file are still checked"

// longLine streams a long line that starts with '[' (its first part is
// lr.head). decided says that the file is JSON Lines; otherwise this is the
// first line, and whether the file is JSON Lines or a document is decided
// as for a short first line: by whether the line holds a complete value.
//
// A list is checked element by element as it is read, so a syntax error
// late in the line comes after the elements before it were checked, as in a
// document; the error itself is worded and placed as when the line is read
// whole.
func (lr *lineReader) longLine(decided bool, emit func(*unit) error) (lineOutcome, []byte, error) {
	first := bytes.Clone(lr.head[:min(len(lr.head), 64)])
	g := &gate{br: lr.br, buf: lr.head}
	lr.head = nil
	t := newTracker(g, Position{Line: lr.line + 1, Column: 1})
	t.line = true
	t.recording = true
	t.peek()
	lead := bytes.Clone(t.rec)
	err := t.array(emit, headElements)
	var ee *emitError
	switch {
	case errors.As(err, &ee):
		return lineEnded, nil, ee.err
	case errors.Is(err, errWhole):
		text := append(append(lead, t.rec...), t.unread()...)
		rest, rerr := io.ReadAll(g)
		if rerr == nil && !g.ended {
			rerr = io.EOF
		}
		return lineWhole, append(append(text, rest...), g.term...), rerr
	case err == nil:
		return lr.lineEnd(t, g, emit)
	}
	if rerr, ok := t.readFailure(emit); ok {
		return lineEnded, nil, rerr
	}
	var se *jsontext.SyntacticError
	incomplete := errors.As(err, &se) && errors.Is(se.Err, io.ErrUnexpectedEOF) && (g.ended || g.err != nil)
	if incomplete && !decided && !lr.brokenFirstLine(first) {
		// The list goes on after the line: the file is a document.
		g.open, g.then = true, lr.queued()
		t.line = false
		if err := t.elements(emit); err != nil {
			return lineEnded, nil, t.documentError(err, emit)
		}
		return lineEnded, nil, streamDocument(t, emit)
	}
	limit := int64(-1)
	switch {
	case g.ended:
		limit = g.end
	case g.err != nil && len(g.buf) == 0:
		// The last line, without a newline, was all handed out.
		limit = g.n
	}
	msg, pos := t.failure(err, limit)
	if !incomplete {
		if derr := drain(g); derr != nil {
			return lineEnded, nil, derr
		}
	}
	u := &unit{start: pos, parseErr: err, parseMsg: msg, lineErr: true}
	return lineStreamed, nil, emit(u)
}

// lineEnd checks what follows a long line's list on its line: only white
// space, or a parse error worded as when the line is read whole.
func (lr *lineReader) lineEnd(t *tracker, g *gate, emit func(*unit) error) (lineOutcome, []byte, error) {
	rest := append([]byte{}, t.unread()...)
	more, rerr := io.ReadAll(g)
	rest = append(rest, more...)
	var corrupt *CorruptError
	if errors.As(rerr, &corrupt) {
		return lineEnded, nil, emit(&unit{start: advance(t.pos, rest), parseErr: corrupt})
	}
	if rerr != nil {
		return lineEnded, nil, rerr
	}
	body := bytes.TrimRight(rest, "\r\n")
	if len(bytes.TrimSpace(body)) == 0 {
		return lineStreamed, nil, nil
	}
	// After a top-level value the decoder's state does not depend on the
	// value: an empty list stands in for it.
	data := append([]byte("[]"), body...)
	_, err := Decode(data)
	var se *jsontext.SyntacticError
	off := len(data)
	if errors.As(err, &se) {
		off = min(int(se.ByteOffset), len(data))
	}
	msg, off := syntaxProblem(err, data, off)
	u := &unit{start: advance(t.pos, data[2:max(off, 2)]), parseErr: err, parseMsg: msg, lineErr: true}
	return lineStreamed, nil, emit(u)
}

// drain reads a broken line to its end; the data breaking off in it is the
// only error that matters.
func drain(g *gate) error {
	_, err := io.Copy(io.Discard, g)
	var corrupt *CorruptError
	if errors.As(err, &corrupt) {
		return nil
	}
	return err
}

// queued returns a reader of the lines looked at while deciding the mode,
// which come before the rest of the input.
func (lr *lineReader) queued() io.Reader {
	var rs []io.Reader
	for _, q := range lr.queue {
		rs = append(rs, bytes.NewReader(q.text))
		if q.err != nil && !errors.Is(q.err, io.EOF) {
			rs = append(rs, errReader{q.err})
		}
	}
	lr.queue = nil
	return io.MultiReader(rs...)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
