package lint

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// Object is a decoded JSON object that keeps its members in input order, so
// that records are numbered and checked in the order a person reads them.
// Values are nil, bool, float64, string, []any or *Object.
type Object struct {
	Names  []string
	Values []any
}

// Get returns the value of the first member called name.
func (o *Object) Get(name string) (any, bool) {
	for i, n := range o.Names {
		if n == name {
			return o.Values[i], true
		}
	}
	return nil, false
}

// Has reports whether the object has a member called name.
func (o *Object) Has(name string) bool {
	_, ok := o.Get(name)
	return ok
}

// String returns the member's value when it is a string.
func (o *Object) String(name string) (string, bool) {
	v, _ := o.Get(name)
	s, ok := v.(string)
	return s, ok
}

// Len is the number of members.
func (o *Object) Len() int { return len(o.Names) }

// Map converts the object to the map form the schema validator expects,
// converting nested objects too.
func (o *Object) Map() map[string]any {
	m := make(map[string]any, len(o.Names))
	for i, n := range o.Names {
		m[n] = Plain(o.Values[i])
	}
	return m
}

// Plain converts a decoded value to plain Go JSON values (maps instead of
// *Object), as encoding/json would have produced.
func Plain(v any) any {
	switch v := v.(type) {
	case *Object:
		return v.Map()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = Plain(e)
		}
		return out
	}
	return v
}

// Decode parses exactly one JSON value strictly: invalid UTF-8, duplicate
// object member names and trailing data are errors. A syntax error is a
// *jsontext.SyntacticError whose ByteOffset locates it in data.
func Decode(data []byte) (any, error) {
	d := decoders.Get().(*decoder)
	defer d.release()
	// A bytes.Buffer lets the decoder read data in place, without copying.
	d.buf = *bytes.NewBuffer(data)
	d.dec.Reset(&d.buf)
	d.sizeSlabs(data)
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = &jsontext.SyntacticError{ByteOffset: d.dec.InputOffset(), Err: errors.New("unexpected data after the JSON value")}
		}
		return nil, err
	}
	return v, nil
}

// DescribeJSONError words an error of Decode for a message, without the
// decoder's byte offsets.
func DescribeJSONError(err error) string {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		return describeSyntaxError(se)
	}
	return err.Error()
}
