package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/normlint/normlint/lint"
)

// appendDiagnostic writes a diagnostic as encoding/json writes a
// jsonDiagnostic with HTML escaping off: the same members in the same order,
// byte for byte (a test holds the two together). A run of the JSON format
// writes a diagnostic per finding on the goroutine that orders results, so
// the reflection of encoding/json was a tenth of what a run on a
// findings-heavy export cost.
func appendDiagnostic(b []byte, d *lint.Diagnostic) []byte {
	b = append(b, `{"rule":`...)
	b = appendJSONString(b, d.Rule)
	b = append(b, `,"severity":`...)
	b = appendJSONString(b, d.Severity.String())
	b = append(b, `,"message":`...)
	b = appendJSONString(b, d.Message)
	b = append(b, `,"file":`...)
	b = appendJSONString(b, d.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(d.Line), 10)
	b = append(b, `,"column":`...)
	b = strconv.AppendInt(b, int64(d.Column), 10)
	b = append(b, `,"pointer":`...)
	b = appendJSONString(b, d.Pointer)
	b = append(b, `,"record":`...)
	b = strconv.AppendInt(b, int64(d.Record), 10)
	if d.Hint != "" {
		b = append(b, `,"hint":`...)
		b = appendJSONString(b, d.Hint)
	}
	if len(d.Related) > 0 {
		b = append(b, `,"related":[`...)
		for i, r := range d.Related {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"file":`...)
			b = appendJSONString(b, r.File)
			b = append(b, `,"line":`...)
			b = strconv.AppendInt(b, int64(r.Line), 10)
			b = append(b, `,"column":`...)
			b = strconv.AppendInt(b, int64(r.Column), 10)
			b = append(b, `,"pointer":`...)
			b = appendJSONString(b, r.Pointer)
			b = append(b, `,"message":`...)
			b = appendJSONString(b, r.Message)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if d.Waived {
		b = append(b, `,"waived":true`...)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped (\b, \f, \n, \r and \t
// by name), bytes that are not UTF-8 replaced by U+FFFD, and U+2028 and
// U+2029 escaped, as JavaScript needs.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
