package lint

import (
	"bytes"
	"errors"
	"io"
	"sync"

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

// decoders are reused: a decoder's buffers cost more than a small record.
var decoders = sync.Pool{New: func() any { return jsontext.NewDecoder(bytes.NewReader(nil)) }}

// Decode parses exactly one JSON value strictly: invalid UTF-8, duplicate
// object member names and trailing data are errors. A syntax error is a
// *jsontext.SyntacticError whose ByteOffset locates it in data.
func Decode(data []byte) (any, error) {
	dec := decoders.Get().(*jsontext.Decoder)
	dec.Reset(bytes.NewReader(data))
	defer func() {
		dec.Reset(bytes.NewReader(nil)) // drop the reference to data
		decoders.Put(dec)
	}()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = &jsontext.SyntacticError{ByteOffset: dec.InputOffset(), Err: errors.New("unexpected data after the JSON value")}
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

func decodeValue(dec *jsontext.Decoder) (any, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case 'n':
		return nil, nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	case '"':
		return tok.String(), nil
	case '0':
		// Out-of-range numbers saturate; they are still valid JSON.
		f, _ := tok.Float()
		return f, nil
	case '[':
		arr := []any{}
		for dec.PeekKind() != ']' {
			e, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, e)
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		return arr, nil
	case '{':
		obj := &Object{}
		for dec.PeekKind() != '}' {
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, err
			}
			// The token is only valid until the next read.
			name := tok.String()
			e, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			obj.Names = append(obj.Names, name)
			obj.Values = append(obj.Values, e)
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		return obj, nil
	}
	return nil, &jsontext.SyntacticError{ByteOffset: dec.InputOffset(), Err: errors.New("unexpected token")}
}
