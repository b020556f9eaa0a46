package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/go-json-experiment/json/jsontext"
)

// FuzzStreamDocument is a differential test of the streaming document
// reader against the in-memory splitter it replaced (kept below, as it was):
// the same units, with the same bytes, positions, pointers and errors,
// whether the decoder is handed the input at once or a byte at a time.
func FuzzStreamDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			for _, part := range strings.Split(string(data), "\n-- ") {
				if i := strings.Index(part, " --\n"); i >= 0 {
					f.Add(part[i+4:])
				}
			}
		}
	}
	for _, s := range []string{
		"[\n  {\"a\": 1},\n  {\"a\": 2,}\n]", "[\n 1, \"x\", 3\n]\n[\n", "[1,\n 2]\n{\"a\": [1,\n]}", "[\n\"x\",\n 2", "[\n{}\n{}]",
		"{\n\"a\": 1\n} x", "[\r\n  {\"é\": \"\xff\"}\r\n]", "[\n  [1, \"n\"], [\"1\", \"n\", \"m\", \"o\"]\n]", "\n\n  [\n]  \n [[],\n{}] 7",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		want := collectUnits(func(emit func(*unit) error) error { return oldSplitDocument([]byte(doc), emit) }, true)
		wantPlaces := collectUnits(func(emit func(*unit) error) error { return oldSplitDocument([]byte(doc), emit) }, false)
		for i, r := range []io.Reader{strings.NewReader(doc), iotest.OneByteReader(strings.NewReader(doc)), iotest.HalfReader(strings.NewReader(doc))} {
			// The decoder words an error from the bytes it holds: an invalid
			// character split by the end of its buffer, or a member name
			// (in the error's pointer) can read differently when the input
			// comes in other pieces, as it could before; the units and the
			// places are the same however the input comes.
			exact := i == 0
			got := collectUnits(func(emit func(*unit) error) error {
				return streamDocument(newTracker(r, Position{Line: 1, Column: 1}), emit)
			}, exact)
			if exact && got != want || !exact && got != wantPlaces {
				t.Fatalf("%q:\nin memory:\n%s\nstreamed (reader %d):\n%s", doc, want, i, got)
			}
		}
	})
}

func collectUnits(split func(emit func(*unit) error) error, words bool) string {
	var b strings.Builder
	err := split(func(u *unit) error {
		fmt.Fprintf(&b, "%d:%d %q %q top=%v", u.start.Line, u.start.Column, u.prefix, u.raw, u.top)
		if u.parseErr != nil && words {
			var se *jsontext.SyntacticError
			ptr := ""
			if errors.As(u.parseErr, &se) {
				ptr = string(se.JSONPointer)
			}
			fmt.Fprintf(&b, " error %q at %q", u.parseMsg, ptr)
		}
		b.WriteByte('\n')
		return nil
	})
	fmt.Fprintf(&b, "end: %v", err)
	return b.String()
}

var _ = bytes.MinRead

// oldSplitDocument splits an in-memory document into units: each top-level
// value, and each element of a top-level list of values.
func oldSplitDocument(doc []byte, emit func(*unit) error) error {
	dec := jsontext.NewDecoder(bytes.NewReader(doc))
	cursor := Position{Line: 1, Column: 1}
	cursorOff := 0
	at := func(off int) Position {
		cursor = advance(cursor, doc[cursorOff:off])
		cursorOff = off
		return cursor
	}
	fail := func(err error) error {
		off := cursorOff
		var se *jsontext.SyntacticError
		if errors.As(err, &se) {
			off = int(se.ByteOffset)
		}
		if off > len(doc) {
			off = len(doc)
		}
		msg, off := syntaxProblem(err, doc, max(off, cursorOff))
		return emit(&unit{start: at(off), parseErr: err, parseMsg: msg})
	}
	for {
		if dec.PeekKind() == 0 {
			// End of input, or a syntax error the next read reports.
			if _, err := dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
				return fail(err)
			}
			return nil
		}
		start := skipSeparators(doc, int(dec.InputOffset()))
		if dec.PeekKind() != '[' {
			if _, err := dec.ReadValue(); err != nil {
				return fail(err)
			}
			end := int(dec.InputOffset())
			if err := emit(&unit{raw: doc[start:end], start: at(start), top: true}); err != nil {
				return err
			}
			continue
		}
		if err := oldSplitArray(doc, dec, start, at, emit); err != nil {
			var se *jsontext.SyntacticError
			if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
				return fail(err)
			}
			return err
		}
	}
}

// oldSplitArray reads a top-level array: an event tuple stays one unit, a list
// of values becomes a unit per element.
func oldSplitArray(doc []byte, dec *jsontext.Decoder, start int, at func(int) Position, emit func(*unit) error) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	type span struct{ start, end int }
	var first []span
	kinds := []jsontext.Kind{}
	i := 0
	element := func(s, e int) error {
		u := &unit{raw: doc[s:e], start: at(s), prefix: fmt.Sprintf("/%d", i)}
		i++
		return emit(u)
	}
	for len(first) < 2 && dec.PeekKind() != ']' {
		s := skipSeparators(doc, int(dec.InputOffset()))
		k := dec.PeekKind()
		if _, err := dec.ReadValue(); err != nil {
			if len(kinds) == 1 && kinds[0] != '0' {
				// Not a tuple: the good first element is still checked.
				if e := element(first[0].start, first[0].end); e != nil {
					return e
				}
			}
			return err
		}
		first = append(first, span{s, int(dec.InputOffset())})
		kinds = append(kinds, k)
	}
	if len(kinds) == 2 && kinds[0] == '0' && kinds[1] == '"' {
		// An event tuple: read to its end and check it whole.
		for dec.PeekKind() != ']' {
			if _, err := dec.ReadValue(); err != nil {
				return err
			}
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		return emit(&unit{raw: doc[start:int(dec.InputOffset())], start: at(start), top: true})
	}
	for _, sp := range first {
		if err := element(sp.start, sp.end); err != nil {
			return err
		}
	}
	for dec.PeekKind() != ']' {
		s := skipSeparators(doc, int(dec.InputOffset()))
		if _, err := dec.ReadValue(); err != nil {
			return err
		}
		if err := element(s, int(dec.InputOffset())); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}
