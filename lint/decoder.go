package lint

import (
	"bytes"
	"cmp"
	"errors"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// decoder builds Decode's trees with few allocations: it reads from the
// unit's bytes in place, carves objects and their member slices from
// slabs, and shares the boxed values of short strings that recur (names,
// categories, methods, statuses). Nothing it hands out is ever reused:
// slabs are fresh for each Decode, and shared strings are immutable.
type decoder struct {
	dec *jsontext.Decoder
	buf bytes.Buffer
	// names and values are stacks of the members and items of the objects
	// and arrays being read, copied out when each one ends.
	names  []string
	values []any
	// objects, nameSlab and valueSlab are the slabs the current Decode
	// carves from.
	objects   []Object
	nameSlab  []string
	valueSlab []any
	// text holds the last string with escapes, unescaped.
	text []byte
	// shared maps short strings to their boxed value, and short names to
	// themselves, so that a string that recurs is allocated once.
	shared     map[string]any
	sharedName map[string]string
}

var decoders = sync.Pool{New: func() any {
	d := &decoder{shared: map[string]any{}, sharedName: map[string]string{}}
	d.dec = jsontext.NewDecoder(&d.buf)
	return d
}}

const (
	// slabSize is how many names or values a slab holds when the first,
	// sized by counting, runs out.
	slabSize = 32
	// maxSlab bounds the first slabs: a large document (or a string full
	// of colons) is carved in smaller slabs as it goes.
	maxSlab = 256
	// maxShared bounds the shared strings of a decoder; maxSharedLen is
	// the longest string shared (IDs and timestamps are longer and
	// unique).
	maxShared    = 2048
	maxSharedLen = 24
	// maxPooledStack bounds the stacks a pooled decoder keeps.
	maxPooledStack = 4096
)

// release returns d to the pool without its slabs (they belong to the tree
// just built) and without a reference to the data.
func (d *decoder) release() {
	d.buf = bytes.Buffer{}
	d.dec.Reset(&d.buf)
	d.objects, d.nameSlab, d.valueSlab = nil, nil, nil
	// What an object or array popped is cleared already; a failed Decode
	// leaves the rest.
	clear(d.names)
	clear(d.values)
	d.names, d.values = d.names[:0], d.values[:0]
	if cap(d.names) > maxPooledStack || cap(d.values) > maxPooledStack || cap(d.text) > maxPooledStack {
		return
	}
	decoders.Put(d)
}

// sizeSlabs allocates the slabs for data once, by counting the bytes that
// open objects, arrays and members: an upper bound but for those inside
// strings, and a close one for records and rows.
func (d *decoder) sizeSlabs(data []byte) {
	objects := min(bytes.Count(data, []byte("{")), maxSlab/4)
	members := min(bytes.Count(data, []byte(":")), maxSlab)
	arrays := bytes.Count(data, []byte("["))
	d.objects = make([]Object, objects)
	d.nameSlab = make([]string, members)
	d.valueSlab = make([]any, min(members+4*arrays, maxSlab))
}

func (d *decoder) value() (any, error) {
	switch d.dec.PeekKind() {
	case '"':
		raw, err := d.dec.ReadValue()
		if err != nil {
			return nil, err
		}
		return d.stringValue(raw), nil
	case '[':
		return d.array()
	case '{':
		return d.object()
	}
	tok, err := d.dec.ReadToken()
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
	case '0':
		// Out-of-range numbers saturate; they are still valid JSON.
		f, _ := tok.Float()
		return f, nil
	}
	return nil, &jsontext.SyntacticError{ByteOffset: d.dec.InputOffset(), Err: errors.New("unexpected token")}
}

func (d *decoder) array() (any, error) {
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, err
	}
	base := len(d.values)
	for d.dec.PeekKind() != ']' {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.values = append(d.values, v)
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, err
	}
	arr := d.carveValues(len(d.values) - base)
	copy(arr, d.values[base:])
	clear(d.values[base:])
	d.values = d.values[:base]
	return arr, nil
}

func (d *decoder) object() (any, error) {
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, err
	}
	base := len(d.names)
	for d.dec.PeekKind() != '}' {
		if d.dec.PeekKind() != '"' {
			// Not a name: read as a token, it fails as the reader words it.
			_, err := d.dec.ReadToken()
			return nil, cmp.Or(err, errNotName(d.dec))
		}
		raw, err := d.dec.ReadValue()
		if err != nil {
			return nil, err
		}
		name := d.name(raw)
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.names = append(d.names, name)
		d.values = append(d.values, v)
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, err
	}
	n := len(d.names) - base
	vbase := len(d.values) - n
	if len(d.objects) == 0 {
		d.objects = make([]Object, 1)
	}
	obj := &d.objects[0]
	d.objects = d.objects[1:]
	if n > 0 {
		obj.Names = d.carveNames(n)
		copy(obj.Names, d.names[base:])
		obj.Values = d.carveValues(n)
		copy(obj.Values, d.values[vbase:])
	}
	clear(d.names[base:])
	clear(d.values[vbase:])
	d.names, d.values = d.names[:base], d.values[:vbase]
	return obj, nil
}

// carveValues returns a slice of n values from the slab, capped so that an
// append never reaches its neighbour. An empty array is still non-nil.
func (d *decoder) carveValues(n int) []any {
	switch {
	case n == 0:
		return []any{}
	case n > slabSize:
		return make([]any, n)
	}
	if len(d.valueSlab) < n {
		d.valueSlab = make([]any, slabSize*2)
	}
	s := d.valueSlab[:n:n]
	d.valueSlab = d.valueSlab[n:]
	return s
}

func (d *decoder) carveNames(n int) []string {
	if n > slabSize {
		return make([]string, n)
	}
	if len(d.nameSlab) < n {
		d.nameSlab = make([]string, slabSize)
	}
	s := d.nameSlab[:n:n]
	d.nameSlab = d.nameSlab[n:]
	return s
}

// unquote returns the text of a valid quoted string, in d.text when it
// holds escapes.
func (d *decoder) unquote(raw jsontext.Value) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1]
	}
	// The decoder has validated the string: unquoting cannot fail.
	d.text, _ = jsontext.AppendUnquote(d.text[:0], raw)
	return d.text
}

// stringValue is a string value, boxed, shared when it is short.
func (d *decoder) stringValue(raw jsontext.Value) any {
	b := d.unquote(raw)
	if len(b) > maxSharedLen {
		return string(b)
	}
	if v, ok := d.shared[string(b)]; ok {
		return v
	}
	if len(d.shared) >= maxShared {
		clear(d.shared)
	}
	s := string(b)
	var v any = s
	d.shared[s] = v
	return v
}

// name is a member name, shared when it is short.
func (d *decoder) name(raw jsontext.Value) string {
	b := d.unquote(raw)
	if len(b) > maxSharedLen {
		return string(b)
	}
	if s, ok := d.sharedName[string(b)]; ok {
		return s
	}
	if len(d.sharedName) >= maxShared {
		clear(d.sharedName)
	}
	s := string(b)
	d.sharedName[s] = s
	return s
}

func errNotName(dec *jsontext.Decoder) error {
	return &jsontext.SyntacticError{ByteOffset: dec.InputOffset(), Err: errors.New("object member name must be a string")}
}
