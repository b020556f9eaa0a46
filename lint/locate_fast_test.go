package lint

import (
	"strings"
	"testing"
)

// locateCases are units with the targets findings ask for, including
// targets that do not exist, member names, escapes and duplicates.
var locateCases = []struct {
	raw     string
	targets []target
}{
	{`{"method": "enroll", "extra": {"branch": "a", "reason": "x"}}`, []target{{"/method", false}, {"/extra/branch", false}, {"/extra/reason", true}, {"/extra/missing", false}, {"/nope/deeper", true}, {"", false}}},
	{"[1, \"x\",\n \"y\", {\"a\": [1, {\"b\": \"é\"}]}]", []target{{"/3/a/1/b", false}, {"/3/a/1/b", true}, {"/3/a/5", false}, {"/0", true}, {"/2", false}}},
	{`{"a/b": 1, "m~n": {"": 2}}`, []target{{"/a~1b", false}, {"/m~0n/", false}, {"/m~0n/", true}}},
	{`{"\u0061": 1, "b": 2}`, []target{{"/a", false}, {"/b", true}}},
	{`{"a": 1, "a": {"x": 2}}`, []target{{"/a/x", false}}},
	{`{"é": {"x": 1}, "b": [ ]}`, []target{{"/é/x", false}, {"/b/0", false}}},
	{`  "just a string"  `, []target{{"", false}, {"/x", false}}},
	{`{"~2": 1, "01": [0, 1], "a": [0, 1]}`, []target{{"/~2", false}, {"/~02", true}, {"/01", false}, {"/a/01", false}, {"/a/1", true}}},
	{`{"s": "a \" } ] { [ b", "t": [[], {}, [{"u": null}]]}`, []target{{"/t/2/0/u", false}, {"/t/2/0/u", true}, {"/t/1", false}}},
}

func TestLocateFastAgreesWithTokens(t *testing.T) {
	for _, c := range locateCases {
		check(t, []byte(c.raw), c.targets)
	}
}

func check(t *testing.T, raw []byte, ts []target) {
	t.Helper()
	start := Position{Line: 3, Column: 5}
	want := map[target]Position{}
	got := map[target]Position{}
	for _, tg := range ts {
		want[tg], got[tg] = Position{}, Position{}
	}
	locateTokens(raw, start, want)
	locate(raw, start, got)
	for _, tg := range ts {
		if got[tg] != want[tg] {
			t.Errorf("%q %+v: located at %v, the tokenizer says %v", raw, tg, got[tg], want[tg])
		}
	}
}

// FuzzLocate holds the byte scanner to the tokenizer on values that
// decode, for every place in the value and places that do not exist.
func FuzzLocate(f *testing.F) {
	for _, c := range locateCases {
		f.Add(c.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := Decode([]byte(raw))
		if err != nil {
			return
		}
		var ts []target
		var walk func(ptr string, v any)
		walk = func(ptr string, v any) {
			ts = append(ts, target{ptr, false}, target{ptr, true}, target{ptr + "/zz", false}, target{ptr + "/0", true})
			switch v := v.(type) {
			case *Object:
				for i, n := range v.Names {
					walk(ptr+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(n), v.Values[i])
				}
			case []any:
				for i, e := range v {
					walk(IndexPointer(ptr, i), e)
				}
			}
		}
		walk("", v)
		check(t, []byte(raw), ts)
	})
}
