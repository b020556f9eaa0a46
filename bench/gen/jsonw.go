package main

import (
	"bufio"
	"strconv"
	"unicode/utf8"
)

// obj is a JSON object whose members keep their order, so that the
// generator's output is byte-for-byte reproducible and its columns come in
// the order BigQuery writes them.
type obj []member

type member struct {
	key string
	val any // string, int64, bool, nil, obj, []any, raw
}

// raw is JSON text written as it is.
type raw string

// writer writes values compactly (indent == "") or pretty-printed.
type writer struct {
	w      *bufio.Writer
	indent string
	n      int64 // bytes written
}

func (w *writer) str(s string) {
	w.n += int64(len(s))
	_, _ = w.w.WriteString(s)
}

func (w *writer) byte(b byte) {
	w.n++
	_ = w.w.WriteByte(b)
}

func (w *writer) newline(depth int) {
	if w.indent == "" {
		return
	}
	w.byte('\n')
	for range depth {
		w.str(w.indent)
	}
}

// item starts the i-th member or element of a container: a separator,
// then its line when pretty-printing.
func (w *writer) item(i, depth int) {
	if i > 0 {
		w.byte(',')
		if w.indent == "" {
			w.byte(' ')
		}
	}
	w.newline(depth)
}

// value writes v at nesting depth.
func (w *writer) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		w.str("null")
	case bool:
		w.str(strconv.FormatBool(v))
	case int64:
		w.str(strconv.FormatInt(v, 10))
	case int:
		w.str(strconv.Itoa(v))
	case string:
		w.quote(v)
	case raw:
		w.str(string(v))
	case obj:
		if len(v) == 0 {
			w.str("{}")
			return
		}
		w.byte('{')
		for i, m := range v {
			w.item(i, depth+1)
			w.quote(m.key)
			w.byte(':')
			w.byte(' ')
			w.value(m.val, depth+1)
		}
		w.newline(depth)
		w.byte('}')
	case []any:
		if len(v) == 0 {
			w.str("[]")
			return
		}
		w.byte('[')
		for i, e := range v {
			w.item(i, depth+1)
			w.value(e, depth+1)
		}
		w.newline(depth)
		w.byte(']')
	default:
		panic("gen: cannot write a value of this type")
	}
}

// quote writes s as a JSON string.
func (w *writer) quote(s string) {
	w.byte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		w.str(s[start:i])
		switch c {
		case '"', '\\':
			w.byte('\\')
			w.byte(c)
		case '\n':
			w.str(`\n`)
		case '\t':
			w.str(`\t`)
		default:
			w.str(`\u00`)
			w.byte("0123456789abcdef"[c>>4])
			w.byte("0123456789abcdef"[c&0xf])
		}
		i++
		start = i
	}
	w.str(s[start:])
	w.byte('"')
}

// compact renders v on one line, for a JSON column written as text.
func compact(v any) string {
	var b []byte
	bw := &sliceWriter{b: b}
	w := &writer{w: bufio.NewWriterSize(bw, 256)}
	w.value(v, 0)
	_ = w.w.Flush()
	return string(bw.b)
}

type sliceWriter struct{ b []byte }

func (s *sliceWriter) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}
