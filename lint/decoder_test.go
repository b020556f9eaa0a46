package lint

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// referenceDecode is Decode as it was written first, token by token with
// nothing shared or pooled: the pooled decoder must build the same trees
// and fail with the same errors.
func referenceDecode(data []byte) (any, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	v, err := referenceValue(dec)
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

func referenceValue(dec *jsontext.Decoder) (any, error) {
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
		f, _ := tok.Float()
		return f, nil
	case '[':
		arr := []any{}
		for dec.PeekKind() != ']' {
			e, err := referenceValue(dec)
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
			name := tok.String()
			e, err := referenceValue(dec)
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

// checkDecode fails unless Decode and referenceDecode agree on data.
func checkDecode(t *testing.T, data []byte) any {
	t.Helper()
	got, err := Decode(data)
	want, wantErr := referenceDecode(data)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%q: error %v, want %v", data, err, wantErr)
	}
	var se, wantSE *jsontext.SyntacticError
	if errors.As(err, &se) != errors.As(wantErr, &wantSE) || se != nil && (se.ByteOffset != wantSE.ByteOffset || se.JSONPointer != wantSE.JSONPointer) {
		t.Fatalf("%q: error %#v, want %#v", data, se, wantSE)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: decoded %#v, want %#v", data, got, want)
	}
	return want
}

var decodeSeeds = []string{
	`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-x", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c0ffee00-0000-4000-8000-000000000001", "timestamp": 12}`,
	`[1, "normandy", "enroll", "addon_study", null, {}]`, `[]`, `{}`, `[[], {}, [{}], {"a": []}]`, `"\u006eormandy"`, `{"\u0061": "\u00e9t\u00e9", "b": "\ud83d\ude00"}`,
	`{"a": 1, "a": 2}`, "{\"a\": \"\xff\"}", "{\"\xff\": 1}", `[1, 2,]`, `{"a": 1} x`, `{"x": [{"y": 1, "\u0079": 2}]}`, `{"a": "\ud800"}`, `1e400`, `-0`, `true`, `null`,
	`{"a": 01}`, `{"a" 1}`, `{`, `[`, `{{`, `{1: 2}`, `{"a": 1, ]`, `[}`, `{"a": {"b": 1,}}`, ``, `  `, `{"a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34]}`,
	`{"averyveryverylongmembername-over-24": "and a value that is longer than twenty-four bytes"}`,
}

func TestDecodeAgreesWithReference(t *testing.T) {
	for _, s := range decodeSeeds {
		checkDecode(t, []byte(s))
	}
}

// TestDecodedTreesAreTheirOwn: a tree stays as decoded while later
// Decodes run and while its slices are appended to.
func TestDecodedTreesAreTheirOwn(t *testing.T) {
	data := []byte(`{"a": {"b": [1, "x"], "c": {"d": "normandy"}}, "e": [{"f": null}, {"g": "enroll"}], "h": "control"}`)
	v, _ := Decode(data)
	want, _ := referenceDecode(data)
	inner := v.(*Object).Values[0].(*Object)
	inner.Names = append(inner.Names, "z")
	inner.Values = append(inner.Values, "z")
	arr := inner.Values[0].([]any)
	_ = append(arr, "appended")
	for _, s := range decodeSeeds {
		_, _ = Decode([]byte(s))
	}
	inner.Names, inner.Values = inner.Names[:2], inner.Values[:2]
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("the tree changed: %#v, want %#v", v, want)
	}
}

// FuzzDecode compares Decode with the reference on arbitrary bytes.
func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDecode(t, data) })
}
