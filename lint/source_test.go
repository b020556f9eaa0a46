package lint

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// units splits data and renders each unit as "line:col prefix top raw" (or
// "line:col parse-error").
func units(t *testing.T, data string) []string {
	t.Helper()
	var out []string
	err := splitUnits(strings.NewReader(data), func(u *unit) error {
		if u.parseErr != nil {
			out = append(out, fmt.Sprintf("%d:%d parse-error", u.start.Line, u.start.Column))
			return nil
		}
		out = append(out, fmt.Sprintf("%d:%d %q %v %s", u.start.Line, u.start.Column, u.prefix, u.top, u.raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSplitUnits(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"blank", " \n\n\t\n", nil},
		{"one line", `{"a":1}`, []string{`1:1 "" true {"a":1}`}},
		{"json lines", "{\"a\":1}\n\n{\"b\":2}\n", []string{`1:1 "" true {"a":1}`, `3:1 "" true {"b":2}`}},
		{"crlf", "{\"a\":1}\r\n{\"b\":2}\r\n", []string{`1:1 "" true {"a":1}`, `2:1 "" true {"b":2}`}},
		{"bom", "\xEF\xBB\xBF{\"a\":1}\n", []string{`1:1 "" true {"a":1}`}},
		{"broken line kept as a unit", "{\"a\":1}\n{\"b\":\n{\"c\":3}\n", []string{`1:1 "" true {"a":1}`, `2:1 "" true {"b":`, `3:1 "" true {"c":3}`}},
		{"document", "{\n  \"a\": 1\n}\n", []string{"1:1 \"\" true {\n  \"a\": 1\n}"}},
		{"document after blank lines", "\n\n{\n}\n", []string{"3:1 \"\" true {\n}"}},
		{"list of records", "[\n  {\"a\": 1},\n  {\"b\": 2}\n]\n", []string{`2:3 "/0" false {"a": 1}`, `3:3 "/1" false {"b": 2}`}},
		{"tuple document", "[\n  1, \"normandy\", \"enroll\", \"x\"\n]", []string{"1:1 \"\" true [\n  1, \"normandy\", \"enroll\", \"x\"\n]"}},
		{"concatenated documents", "{\n\"a\": 1}\n{\n\"b\": 2}\n", []string{"1:1 \"\" true {\n\"a\": 1}", "3:1 \"\" true {\n\"b\": 2}"}},
		{"broken document", "[\n  {\"a\": 1},\n  {\"b\": 2,}\n]\n", []string{`2:3 "/0" false {"a": 1}`, `3:10 parse-error`}},
		{"truncated document", "{\n  \"a\": [1,\n", []string{`3:1 parse-error`}},
		{"broken first line of json lines", "{\"a\":\n{\"b\":2}\n", []string{`1:1 "" true {"a":`, `2:1 "" true {"b":2}`}},
		{"document with members on its first line", "{\"a\": 1,\n  \"b\": {\"c\": 2}\n}\n", []string{"1:1 \"\" true {\"a\": 1,\n  \"b\": {\"c\": 2}\n}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := units(t, tc.in)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestSplitUnitsLongLine(t *testing.T) {
	// Far beyond bufio.Scanner's 64 KiB default: lines of any length.
	long := `{"category": "normandy", "value": "` + strings.Repeat("x", 10<<20) + `"}`
	in := long + "\n" + `{"b": 2}` + "\n"
	var lens []int
	err := splitUnits(strings.NewReader(in), func(u *unit) error {
		lens = append(lens, len(u.raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lens) != 2 || lens[0] != len(long) || lens[1] != 8 {
		t.Fatalf("got unit lengths %v", lens)
	}
}

func TestSplitUnitsReadError(t *testing.T) {
	boom := errors.New("boom")
	err := splitUnits(&failingReader{data: []byte("{\"a\":1}\n"), err: boom}, func(*unit) error { return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("want the read error, got %v", err)
	}
}

type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestLocate(t *testing.T) {
	raw := []byte("{\n  \"a\": [1, {\"b\": \"c\"}],\n  \"d~/\": {},\n  \"e\": 3\n}")
	targets := map[target]Position{
		{pointer: ""}:                  {},
		{pointer: "/a/1/b"}:            {},
		{pointer: "/a/1/b", key: true}: {},
		{pointer: "/d~0~1", key: true}: {},
		{pointer: "/e"}:                {},
		{pointer: "/a/1/missing"}:      {}, // falls back to /a/1
		{pointer: "/nothing/here"}:     {}, // falls back to the root
	}
	locate(raw, Position{Line: 1, Column: 1}, targets)
	for tg, pos := range targets {
		got := fmt.Sprintf("%d:%d", pos.Line, pos.Column)
		want := map[string]string{
			"":              "1:1",
			"/a/1/b":        "2:18",
			"/a/1/b key":    "2:13",
			"/d~0~1 key":    "3:3",
			"/e":            "4:8",
			"/a/1/missing":  "2:12",
			"/nothing/here": "1:1",
		}
		name := tg.pointer
		if tg.key {
			name += " key"
		}
		if want[name] != got {
			t.Errorf("%s: got %s, want %s", name, got, want[name])
		}
	}
}

func TestAdvanceCountsCharacters(t *testing.T) {
	pos := advance(Position{Line: 1, Column: 1}, []byte("{\"é\": "))
	if pos != (Position{Line: 1, Column: 7}) {
		t.Fatalf("got %+v", pos)
	}
	pos = advance(Position{Line: 3, Column: 5}, []byte("ab\r\ncd"))
	if pos != (Position{Line: 4, Column: 3}) {
		t.Fatalf("got %+v", pos)
	}
	_ = bytes.MinRead
}

func TestPointer(t *testing.T) {
	p := JoinPointer("/extra", "a/b", "c~d")
	if p != "/extra/a~1b/c~0d" {
		t.Fatalf("JoinPointer: %s", p)
	}
	if got := SplitPointer(p); strings.Join(got, "|") != "extra|a/b|c~d" {
		t.Fatalf("SplitPointer: %v", got)
	}
	if ParentPointer(p) != "/extra/a~1b" || ParentPointer("/x") != "" || ParentPointer("") != "" {
		t.Fatal("ParentPointer")
	}
}
