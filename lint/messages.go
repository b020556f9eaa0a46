package lint

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// parseDiag reports a syntax error.
func (e *Engine) parseDiag(err error, msg, hint, file string, pos Position, prefix string) Diagnostic {
	st := e.byID[RuleParseError]
	ptr := prefix
	var se *jsontext.SyntacticError
	if errors.As(err, &se) && se.JSONPointer != "" {
		ptr = prefix + string(se.JSONPointer)
	}
	return Diagnostic{Rule: RuleParseError, Severity: st.sev, Message: msg, File: file, Line: pos.Line, Column: pos.Column, Pointer: ptr, Record: 1, Hint: hint}
}

// syntaxProblem words a syntax error found at off in data. The decoder
// blames a trailing comma on the comma or on the bracket after it; either
// way the finding moves to the comma, where people look.
func syntaxProblem(err error, data []byte, off int) (string, int) {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return "invalid JSON: " + err.Error(), off
	}
	if off < len(data) {
		switch data[off] {
		case ',':
			if next := skipSpace(data[off+1:]); len(next) > 0 && (next[0] == '}' || next[0] == ']') {
				return fmt.Sprintf("invalid JSON: trailing comma before '%c'", next[0]), off
			}
		case '}', ']':
			i := off - 1
			for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
				i--
			}
			if i >= 0 && data[i] == ',' {
				return fmt.Sprintf("invalid JSON: trailing comma before '%c'", data[off]), i
			}
		}
	}
	return describeSyntaxError(se), off
}

// describeSyntaxError words a decoder error without the decoder's prefix
// and byte offset (the diagnostic carries line and column instead).
func describeSyntaxError(se *jsontext.SyntacticError) string {
	msg := "invalid JSON"
	if se.Err != nil {
		msg = se.Err.Error()
	}
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of input: the JSON value is not complete"
	}
	if strings.Contains(msg, "duplicate") {
		name := ""
		if toks := SplitPointer(string(se.JSONPointer)); len(toks) > 0 {
			name = " " + Quote(toks[len(toks)-1])
		}
		msg = fmt.Sprintf("duplicate object key%s: JSON objects must not repeat a key (parsers disagree about which value wins)", name)
	}
	return "invalid JSON: " + msg
}

const unrecognizedHint = "normlint reads Normandy records ({\"category\", \"method\", \"object\", ...} or {\"source\", \"status\"}), event tuples ([timestamp, category, method, object, value, extra]), Telemetry pings (event, main and others), Glean pings and exported event rows; see README"

// unrecognizedShape names what a value is, for the forced-format message.
func unrecognizedShape(v any) string {
	switch v := v.(type) {
	case *Object:
		if t, ok := v.String("type"); ok {
			return fmt.Sprintf("a %s ping", Quote(t))
		}
		if len(v.Names) == 0 {
			return "an empty JSON object"
		}
		return "a JSON object with keys " + shownKeys(v.Names, 4)
	case []any:
		return fmt.Sprintf("a JSON array of %d %s", len(v), plural(len(v), "item", "items"))
	case string:
		return "a JSON string"
	case float64:
		return "a JSON number"
	case bool:
		return "a JSON boolean"
	}
	return "JSON null"
}

func unrecognizedMessage(v any) string {
	if o, ok := v.(*Object); ok && len(o.Names) > 0 {
		return fmt.Sprintf("a JSON object with keys %s matches no supported input shape (expected a Normandy record, an event tuple or a Telemetry ping)", shownKeys(o.Names, 6))
	}
	if arr, ok := v.([]any); ok {
		return fmt.Sprintf("a JSON array of %d %s is neither an event tuple ([timestamp, category, method, object, ...]) nor a list of records", len(arr), plural(len(arr), "item", "items"))
	}
	return unrecognizedShape(v) + " matches no supported input shape (expected a Normandy record, an event tuple or a Telemetry ping)"
}

// shownKeys lists at most n of an object's member names for a message,
// each as Shown renders it.
func shownKeys(names []string, n int) string {
	var keys []string
	for i, k := range names {
		if i == n {
			keys = append(keys, "...")
			break
		}
		keys = append(keys, Shown(k))
	}
	return strings.Join(keys, ", ")
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}
