package lint

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

func TestDecodeKeepsOrder(t *testing.T) {
	v, err := Decode([]byte(`{"b": 1, "a": [true, null, "x"], "c": {"z": 1, "y": 2}}`))
	if err != nil {
		t.Fatal(err)
	}
	o := v.(*Object)
	if strings.Join(o.Names, ",") != "b,a,c" {
		t.Fatalf("order lost: %v", o.Names)
	}
	c, _ := o.Get("c")
	if strings.Join(c.(*Object).Names, ",") != "z,y" {
		t.Fatalf("nested order lost: %v", c.(*Object).Names)
	}
}

func TestDecodeStrict(t *testing.T) {
	for _, tc := range []struct {
		in     string
		offset int64
	}{
		{`{"a": 1, "a": 2}`, 9},
		{"{\"a\": \"\xff\"}", 7},
		{`[1, 2,]`, 5},
		{`{"a": 1} x`, 9},
		{strings.Repeat("[", 100000), 10000},
	} {
		_, err := Decode([]byte(tc.in))
		var se *jsontext.SyntacticError
		if !errors.As(err, &se) {
			t.Errorf("%.20q: want a syntax error, got %v", tc.in, err)
			continue
		}
		if se.ByteOffset != tc.offset {
			t.Errorf("%.20q: offset %d, want %d (%v)", tc.in, se.ByteOffset, tc.offset, err)
		}
	}
}
