package lint

import (
	"bytes"
	"reflect"
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
		if got := string(m.name); got != name {
			t.Fatalf("%q: member %d is %q, skimmed as %q", data, i, name, got)
		}
		if m.kind != kindOf(obj.Values[i]) || !s.Has(name) || s.Kind(name) != m.kind {
			t.Fatalf("%q: member %q has kind %c, skimmed as %c", data, name, kindOf(obj.Values[i]), m.kind)
		}
		if str, ok := obj.Values[i].(string); ok && !s.Is(name, str) {
			t.Fatalf("%q: member %q is %q, skimmed as %q", data, name, str, m.value)
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

func TestSkimAgreesWithDecode(t *testing.T) {
	for _, s := range skimSeeds {
		checkSkim(t, []byte(s))
	}
}

// FuzzSkimSyntax checks on arbitrary bytes that the skim is exactly as
// strict as Decode.
func FuzzSkimSyntax(f *testing.F) {
	for _, s := range skimSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkSkim)
}
