package lint

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// unit is one independently checked piece of a file: a JSON Lines line, a
// whole JSON document, or one element of a document's top-level list. Units
// are checked in parallel and reported in order.
type unit struct {
	raw []byte
	// start is the position of raw[0] in the file.
	start Position
	// prefix is the pointer of raw's value within the file's value (an
	// element "/3" of a top-level list; "" otherwise).
	prefix string
	// top is set when raw is a whole top-level value, where an array that is
	// not an event tuple is a list of values.
	top bool
	// lineErr says that parseErr broke a line of JSON Lines (a long line's
	// list, read as it streams): the other lines are still checked.
	lineErr bool
	// parseErr is a syntax error found while splitting a document, worded
	// in parseMsg; nothing after it in the file is checked.
	parseErr error
	parseMsg string
}

// bom is the UTF-8 byte-order mark that some Windows tools write.
var bom = []byte{0xEF, 0xBB, 0xBF}

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// CorruptError is broken compressed data: a finding about the file
// (parse-error), unlike a failure to read the file at all.
type CorruptError struct {
	Err error
}

func (e *CorruptError) Error() string {
	return "the gzip stream is corrupt or truncated: " + e.Err.Error()
}

func (e *CorruptError) Unwrap() error { return e.Err }

// sourceReader remembers the error of the reader under a decompressor, so
// that a failing disk is not mistaken for corrupt data.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	return n, err
}

// corruptReader turns the decompressor's own errors into *CorruptError.
type corruptReader struct {
	r   io.Reader
	src *sourceReader
}

func (c *corruptReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && c.src.err == nil {
		err = &CorruptError{Err: err}
	}
	return n, err
}

// readerSize is the reading buffer: a line longer than it that holds an
// array is streamed rather than read whole (tests make it small).
var readerSize = 64 << 10

// readers are reused across inputs: a run over thousands of small files
// would otherwise allocate (and clear) a reading buffer per file, the
// largest cost of reading them. Units never point into a reader's buffer
// (they copy what they keep), so a reader is free again once its input is
// split.
var readers sync.Pool

func getReader(r io.Reader) *bufio.Reader {
	if br, ok := readers.Get().(*bufio.Reader); ok && br.Size() == readerSize {
		br.Reset(r)
		return br
	}
	return bufio.NewReaderSize(r, readerSize)
}

func putReader(br *bufio.Reader) {
	br.Reset(nil)
	readers.Put(br)
}

// splitUnits reads one input and hands its units to emit in order.
//
// A file is read as JSON Lines while its lines each hold a complete JSON
// value: the first non-blank line decides. When that line is only the start
// of a value (a pretty-printed document begins with "{" or "["), the file is
// one JSON document, or several concatenated ones, streamed value by value
// (a top-level list element by element). In JSON Lines a broken line is a
// parse error for that line only; in a document the first syntax error ends
// the file, since nothing after it can be trusted. A line too long for the
// reader's buffer that holds a list is streamed too (longline.go).
func splitUnits(r io.Reader, emit func(*unit) error) error {
	return splitUnitsInto(r, nil, emit)
}

// splitUnitsInto is splitUnits with the memory of JSON Lines lines taken
// from alloc (nil: the heap), which the engine points at the batch the
// line's unit joins, so that a batch's lines are reused with the batch.
func splitUnitsInto(r io.Reader, alloc func(n int) []byte, emit func(*unit) error) error {
	br := getReader(r)
	defer putReader(br)
	if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
		// gzip is recognized by its magic bytes, whatever the file name.
		src := &sourceReader{r: br}
		zr, err := gzip.NewReader(src)
		if err != nil {
			if src.err != nil {
				return src.err
			}
			return emit(&unit{start: Position{Line: 1, Column: 1}, parseErr: &CorruptError{Err: err}})
		}
		br = getReader(&corruptReader{r: zr, src: src})
		defer putReader(br)
	}
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		_, _ = br.Discard(3)
	}
	if u := binaryStart(br); u != nil {
		// One finding for the file, not one per "line" of binary data.
		return emit(u)
	}
	lr := &lineReader{br: br, alloc: alloc}
	var pending []byte // lines read while deciding the mode (all blank)
	jsonLines := false
	for {
		text, err := lr.next()
		if errors.Is(err, errLongLine) {
			var how lineOutcome
			how, text, err = lr.longLine(jsonLines, emit)
			switch how {
			case lineStreamed:
				lr.line++
				jsonLines, pending = true, nil
				if err != nil {
					return err
				}
				continue
			case lineEnded:
				return err
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			// Asked only on an error: the target of errors.As lives on the
			// heap, and this runs for every line.
			var corrupt *CorruptError
			if errors.As(err, &corrupt) {
				// Lines read whole were checked; report where the data
				// broke off.
				return emit(&unit{start: advance(Position{Line: lr.line + 1, Column: 1}, text), parseErr: corrupt})
			}
		}
		if len(text) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		lr.line++
		body := bytes.TrimRight(text, "\r\n")
		if len(bytes.TrimSpace(body)) == 0 {
			if !jsonLines {
				pending = append(pending, text...)
			}
			if err != nil {
				return ignoreEOF(err)
			}
			continue
		}
		if !jsonLines {
			if isIncomplete(body) && !lr.brokenFirstLine(body) {
				// The first value spans lines: a JSON document.
				return lr.document(pending, text, emit)
			}
			jsonLines = true
			pending = nil
		}
		u := &unit{raw: body, start: Position{Line: lr.line, Column: 1}, top: true}
		if e := emit(u); e != nil {
			return e
		}
		if err != nil && len(lr.queue) == 0 {
			return ignoreEOF(err)
		}
	}
}

// binarySniff is how much of a file is looked at to tell binary data from
// text.
const binarySniff = 8 << 10

// BinaryError is a file that is not text at all (an image, an archive,
// UTF-16): a finding about the whole file.
type BinaryError struct {
	// Byte is the offending byte; UTF16 says the file starts with a UTF-16
	// byte-order mark.
	Byte  byte
	UTF16 bool
}

func (e *BinaryError) Error() string {
	if e.UTF16 {
		return "the file is UTF-16 text; JSON files are UTF-8"
	}
	return fmt.Sprintf("the file is not text: it holds the control byte 0x%02x, which JSON never contains outside a string escape", e.Byte)
}

// binaryStart returns a parse-error unit when the start of the input is
// binary data: JSON text never holds a raw control character other than
// tab, line feed and carriage return, and UTF-16 is not UTF-8.
func binaryStart(br *bufio.Reader) *unit {
	head, _ := br.Peek(binarySniff)
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return &unit{start: Position{Line: 1, Column: 1}, parseErr: &BinaryError{UTF16: true}}
	}
	for i, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return &unit{start: advance(Position{Line: 1, Column: 1}, head[:i]), parseErr: &BinaryError{Byte: c}}
		}
	}
	return nil
}

// isIncomplete reports whether a line holds only the start of a JSON value.
func isIncomplete(line []byte) bool {
	ld := lineDecoders.Get().(*lineDecoder)
	ld.r.Reset(line)
	ld.dec.Reset(&ld.r)
	_, err := ld.dec.ReadValue()
	ld.r.Reset(nil)
	ld.dec.Reset(&ld.r)
	lineDecoders.Put(ld)
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// lineDecoder decodes a line in memory; pooled, since every file's first
// line is decoded to tell JSON Lines from a document, and a decoder's
// buffers cost more than a small file.
type lineDecoder struct {
	r   bytes.Reader
	dec *jsontext.Decoder
}

var lineDecoders = sync.Pool{New: func() any {
	ld := &lineDecoder{}
	ld.dec = jsontext.NewDecoder(&ld.r)
	return ld
}}

// documentDecoders are the decoders of streamed documents, reused from
// file to file.
var documentDecoders sync.Pool

type noInput struct{}

func (noInput) Read([]byte) (int, error) { return 0, io.EOF }

// lineReader reads lines, and can look ahead and put lines back while the
// mode of the file is decided.
type lineReader struct {
	br    *bufio.Reader
	line  int
	queue []queued
	// head is the first part of a long line that starts an array (next
	// returned errLongLine); it is the reader's buffer.
	head []byte
	// alloc, when set, gives the memory of a line read in one piece (see
	// splitUnitsInto); it is asked only after the line was read, since a
	// read may send the batch being filled.
	alloc func(n int) []byte
}

type queued struct {
	text []byte
	err  error
}

func (lr *lineReader) next() ([]byte, error) {
	if len(lr.queue) > 0 {
		q := lr.queue[0]
		lr.queue = lr.queue[1:]
		return q.text, q.err
	}
	frag, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		if rest := bytes.TrimLeft(frag, " \t\r"); len(rest) > 0 && rest[0] == '[' {
			lr.head = frag
			return nil, errLongLine
		}
	}
	if lr.alloc != nil && !errors.Is(err, bufio.ErrBufferFull) {
		b := lr.alloc(len(frag))
		copy(b, frag)
		return b, err
	}
	return readLineFrom(lr.br, frag, err)
}

// brokenFirstLine tells a truncated first line of JSON Lines from the first
// line of a pretty-printed document. A document's first line is "{" or "["
// (or a few members) and no line of its head is a complete value that
// starts in column 1; JSON Lines have such lines right after. The lines
// looked at are put back.
func (lr *lineReader) brokenFirstLine(first []byte) bool {
	trimmed := bytes.TrimSpace(first)
	if len(trimmed) < 2 || (trimmed[0] != '{' && trimmed[0] != '[') || first[0] != trimmed[0] {
		return false
	}
	found := false
	for i := 0; i < 8 && !found; i++ {
		text, err := readLine(lr.br)
		lr.queue = append(lr.queue, queued{text, err})
		body := bytes.TrimRight(text, "\r\n")
		if len(body) > 1 && (body[0] == '{' || body[0] == '[') {
			_, verr := jsontext.NewDecoder(bytes.NewReader(body)).ReadValue()
			found = verr == nil
		}
		if err != nil {
			break
		}
	}
	return found
}

// document reads the rest of the input as one JSON document (or several
// concatenated ones), streaming it: the lines already read come first.
func (lr *lineReader) document(pending, text []byte, emit func(*unit) error) error {
	head := append(append([]byte{}, pending...), text...)
	rest := lr.queued()
	t := newTracker(io.MultiReader(bytes.NewReader(head), rest, lr.br), Position{Line: 1, Column: 1})
	defer t.release()
	return streamDocument(t, emit)
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// readLine returns the next line, newline included, however long it is: the
// copy is the unit's own, since units outlive the reader's buffer.
func readLine(br *bufio.Reader) ([]byte, error) {
	frag, err := br.ReadSlice('\n')
	return readLineFrom(br, frag, err)
}

// readLineFrom reads the rest of a line whose first part ReadSlice returned.
func readLineFrom(br *bufio.Reader, frag []byte, err error) ([]byte, error) {
	var acc []byte
	for {
		if errors.Is(err, bufio.ErrBufferFull) {
			acc = append(acc, frag...)
			frag, err = br.ReadSlice('\n')
			continue
		}
		if acc == nil {
			acc = make([]byte, len(frag))
			copy(acc, frag)
		} else {
			acc = append(acc, frag...)
		}
		return acc, err
	}
}
