package lint

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// kindOf is the jsontext kind of a decoded value.
func kindOf(v any) jsontext.Kind {
	switch v := v.(type) {
	case nil:
		return 'n'
	case bool:
		if v {
			return 't'
		}
		return 'f'
	case string:
		return '"'
	case float64:
		return '0'
	case []any:
		return '['
	}
	return '{'
}

// checkSkim fails unless skimming data agrees with decoding it: it accepts
// exactly the objects Decode accepts, and sees their members as Decode
// does.
func checkSkim(t *testing.T, data []byte) {
	t.Helper()
	v, err := Decode(data)
	s := &Skimmed{}
	serr := s.Read(data)
	obj, isObj := v.(*Object)
	switch {
	case err != nil && serr == nil:
		t.Fatalf("%q: Decode fails (%v) but the skim accepts it", data, err)
	case err != nil:
		return
	case !isObj:
		if serr == nil {
			t.Fatalf("%q: the skim accepts a value that is not an object", data)
		}
		return
	case serr != nil:
		t.Fatalf("%q: Decode accepts the object but the skim fails: %v", data, serr)
	}
	if len(s.members) != obj.Len() {
		t.Fatalf("%q: the skim sees %d members, Decode %d", data, len(s.members), obj.Len())
	}
	for i, name := range obj.Names {
		m := s.members[i]
		if got := string(s.bytes(m.name)); got != name {
			t.Fatalf("%q: member %d is %q, skimmed as %q", data, i, name, got)
		}
		if m.kind != kindOf(obj.Values[i]) || !s.Has(name) || s.Kind(name) != m.kind {
			t.Fatalf("%q: member %q has kind %c, skimmed as %c", data, name, kindOf(obj.Values[i]), m.kind)
		}
		if str, ok := obj.Values[i].(string); ok && !s.Is(name, str) {
			t.Fatalf("%q: member %q is %q, skimmed as %q", data, name, str, s.bytes(m.value))
		}
		if text, ok := s.Text(name); ok != (m.kind == '"') || ok && string(text) != obj.Values[i] {
			t.Fatalf("%q: member %q is %v, its text %q (%v)", data, name, obj.Values[i], text, ok)
		}
		// Its raw value is where the data holds it, and decodes to it.
		raw, off, ok := s.Raw(name)
		if !ok || off < 0 || off+len(raw) > len(data) || !bytes.Equal(data[off:off+len(raw)], raw) {
			t.Fatalf("%q: member %q's raw value %q is not at offset %d", data, name, raw, off)
		}
		if v, err := Decode(raw); err != nil || !reflect.DeepEqual(Plain(v), Plain(obj.Values[i])) {
			t.Fatalf("%q: member %q's raw value %q decodes to %v (%v), not %v", data, name, raw, v, err, Plain(obj.Values[i]))
		}
	}
}

var skimSeeds = []string{
	`{"event_category": "urlbar", "event_name": "engagement", "event_extra": {"n_chars": "4"}}`,
	`  {"a": 1, "b": [true, false, null], "c": {"d": "e"}, "\u0063x": "\u006eormandy"}  `,
	`{"a": 1,}`, `{"a": 1} x`, `{"a": 1}{"b": 2}`, `{"a": 1, "a": 2}`, "{\"a\": \"\xff\"}", "{\"\xff\": 1}",
	`{"a": "\ud800"}`, `{"a": 01}`, `{"a" 1}`, `{`, `{{`, `{1: 2}`, `{{}: 1}`, `{"a": 1, ]`, `{"\u0061": 1, "a": 2}`, `{"x": {"y": 1, "\u0079": 2}}`,
	`{"x": [{"y": 1, "y": 2}]}`, `[1, "normandy"]`, `"normandy"`, `12`, ``, `   `, `{}`, `{"a": 1e400}`,
	"{\"a\": \"tab\there\"}", `{"a": "\/"}`, `{"a":1}` + "\n", "{\"a\":1}\x00",
}

// scanSeeds exercise the skim's own scanner: what it reads itself, and
// what it leaves to the decoder.
var scanSeeds = []string{
	`{"n": [0, -0, 1.5, -12E-3, 1e+10, 0.25e-1, 123456789012345678901234567890]}`,
	`{"s": "tab\there \"q\" \\ \/ \b\f\n\r \u00e9\u20AC", "t": "café € 😀"}`,
	`{"o": {"a": [{"b": []}, {}, [[]]], "c": {"d": {"e": null}}}, "e": {}, "f": [], "g": true, "h": false}`,
	"\t{ \"a\" :\n1 ,\r\"b\":[ 1 , 2 ] }\n ",
	`{"a": "\ud83d\ude00"}`, `{"\u0061": 1}`, `{"a": 1.}`, `{"a": -}`, `{"a": 1e}`, `{"a": 1e+}`, `{"a": .5}`, `{"a": tru}`, `{"a": nul}`, `{"a": falsey}`,
	"{\"a\": \"\x01\"}", `{"a": "\q"}`, `{"a": "\u12"}`, `{"a": "\u12g4"}`, `{"a": [1,]}`, `{"a": [1 2]}`, `{"a": {"b": 1 "c": 2}}`, `{"a": 1 "b": 2}`,
	`{"a": "x`, `{"a": "x\`, `{"a": [`, `{"a": {`, `{"a": 1}}`, `{"a": 1}]`, `{"a":1}` + " \n\t", `{"a": -01}`, `{"a": 0x1}`, `{"a": +1}`, `{"a": NaN}`,
	"{\"a\": \"\xed\xa0\x80\"}", "{\"a\": \"\xc0\xaf\"}", "{\"a\": \"\xf4\x90\x80\x80\"}", "{\"a\": \"\xe2\x82\"}",
	strings.Repeat(`{"a": `, 70) + `1` + strings.Repeat(`}`, 70),
	strings.Repeat(`{"a": [`, 30) + `1` + strings.Repeat(`]}`, 30),
	`{"a": {"x": 1, "y": 2, "x": 3}}`, `{"a": [{"x": 1}, {"x": 1}]}`, `{"a": 1, "b": {"a": 1}}`,
	// Nested, where no unquoting follows the scan.
	`{"a": ["\q"]}`, `{"a": ["\u12g4"]}`, `{"a": ["\ud800"]}`, "{\"a\": [\"\x1f\"]}", "{\"a\": [\"\x7f\"]}", "{\"a\": [\"\xff\"]}", `{"a": ["\u00E9\/"]}`,
	`{"a": {"b": "x\"}}`,
}

// manyMembers is an object of n members, the last of which repeats the
// first when dup is set.
func manyMembers(n int, dup bool) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `"m%d": %d, `, i, i)
	}
	if dup {
		b.WriteString(`"m0": 0}`)
	} else {
		b.WriteString(`"last": 0}`)
	}
	return b.String()
}

func TestSkimAgreesWithDecode(t *testing.T) {
	seeds := append(append([]string{}, skimSeeds...), scanSeeds...)
	seeds = append(seeds, manyMembers(70, false), manyMembers(70, true), manyMembers(40, true), `{"x": `+manyMembers(80, true)+`}`)
	// Every kind of byte at every place of a long string, where the scan
	// reads eight bytes at a time, nested and at the top.
	for _, special := range []string{"\x00", "\x01", "\x1f", " ", "\x7f", "\x80", "\xff", "\xc3\xa9", "\xed\xa0\x80", `\n`, `\u00e9`, `\q`, `"`, `\`} {
		for at := 0; at < 20; at++ {
			str := `"` + strings.Repeat("a", at) + special + strings.Repeat("b", 20-at) + `"`
			seeds = append(seeds, `{"x": [`+str+`]}`, `{"x": `+str+`}`)
		}
	}
	for _, s := range seeds {
		checkSkim(t, []byte(s))
		checkScan(t, []byte(s))
	}
}

// checkScan fails unless what the scanner reads itself, the decoder
// reads the same way.
func checkScan(t *testing.T, data []byte) {
	t.Helper()
	var a, b Skimmed
	a.data, b.data = data, data
	if !a.scan(data) {
		return
	}
	if err := b.decode(data); err != nil {
		t.Fatalf("%q: the scan accepts it, the decoder does not: %v", data, err)
	}
	if len(a.members) != len(b.members) || a.names != b.names {
		t.Fatalf("%q: the scan sees %d members, the decoder %d", data, len(a.members), len(b.members))
	}
	for i := range a.members {
		ma, mb := a.members[i], b.members[i]
		if string(a.bytes(ma.name)) != string(b.bytes(mb.name)) || string(a.bytes(ma.value)) != string(b.bytes(mb.value)) ||
			ma.rawStart != mb.rawStart || ma.rawEnd != mb.rawEnd || ma.digest != mb.digest || ma.kind != mb.kind {
			t.Fatalf("%q: member %d scanned as %+v, decoded as %+v", data, i, ma, mb)
		}
	}
}

// TestScanReadsRows: the scanner reads the common rows itself.
func TestScanReadsRows(t *testing.T) {
	for _, s := range append(scanSeeds[:4], skimSeeds[0], manyMembers(40, false)) {
		if !new(Skimmed).scan([]byte(s)) {
			t.Errorf("%q: not read by the scan", s)
		}
	}
}

// FuzzSkimSyntax checks on arbitrary bytes that the skim is exactly as
// strict as Decode.
func FuzzSkimSyntax(f *testing.F) {
	for _, s := range skimSeeds {
		f.Add([]byte(s))
	}
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSkim(t, data)
		checkScan(t, data)
	})
}
