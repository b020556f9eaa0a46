package input

import (
	"bytes"
	"errors"
	"hash/maphash"
	"math"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/normlint/normlint/lint"
)

// rowCtx is the Context of an events_stream row read directly. The row's
// bytes are not kept past the read, so what the lifecycle rules ask of its
// context is taken while they are at hand: the document ID and the digest
// of the whole row (the same digest streamRowCtx computes from the decoded
// row), the legacy client ID, and the experiments column, decoded only
// when asked.
type rowCtx struct {
	id, legacy  string
	digest      uint64
	experiments []byte
}

var _ lint.Context = (*rowCtx)(nil)

func (c *rowCtx) Document() (string, uint64) { return c.id, c.digest }

func (c *rowCtx) LegacyClientID() string { return c.legacy }

func (c *rowCtx) AppendAnnotations(dst []lint.Annotation) []lint.Annotation {
	if c.experiments == nil {
		return dst
	}
	v, err := lint.Decode(c.experiments)
	if err != nil {
		return dst
	}
	return rowExperiments(dst, &lint.Object{Names: []string{"experiments"}, Values: []any{v}})
}

// context reads the row's context from the skimmed row and its bytes.
func (d *streamRead) context(data []byte) lint.Context {
	s := &d.skim
	c := &rowCtx{}
	if id, ok := s.Text("document_id"); ok && len(id) > 0 {
		c.id = string(id)
		d.buf = *bytes.NewBuffer(data)
		d.dec.Reset(&d.buf)
		g := digester{dec: d.dec, buf: d.extraText[:0]}
		if h, err := g.value(0); err == nil {
			c.digest = h
		}
		d.extraText = g.buf
	}
	if id, ok := s.Text("legacy_telemetry_client_id"); ok {
		c.legacy = string(id)
	}
	if raw, _, ok := s.Raw("experiments"); ok && s.Kind("experiments") != 'n' {
		c.experiments = bytes.Clone(raw)
	}
	return c
}

var errDigestToken = errors.New("unexpected token")

// digester folds JSON values read from a decoder into digests.
type digester struct {
	dec *jsontext.Decoder
	buf []byte
}

// str hashes the next value, a string, by its unquoted text.
func (g *digester) str() (uint64, error) {
	v, err := g.dec.ReadValue()
	if err != nil {
		return 0, err
	}
	g.buf, err = jsontext.AppendUnquote(g.buf[:0], v)
	return maphash.Bytes(digestSeed, g.buf), err
}

// value folds the next JSON value into h as digest folds the decoded
// value: the same value gives the same digest whichever way it was read
// (maphash.Bytes and maphash.String agree on the same bytes).
func (g *digester) value(h uint64) (uint64, error) {
	switch g.dec.PeekKind() {
	case '"':
		x, err := g.str()
		return mix(mix(h, 5), x), err
	case '[':
		if _, err := g.dec.ReadToken(); err != nil {
			return h, err
		}
		h = mix(h, 6)
		for g.dec.PeekKind() != ']' {
			var err error
			if h, err = g.value(h); err != nil {
				return h, err
			}
		}
		_, err := g.dec.ReadToken()
		return mix(h, 7), err
	case '{':
		if _, err := g.dec.ReadToken(); err != nil {
			return h, err
		}
		h = mix(h, 8)
		for g.dec.PeekKind() != '}' {
			x, err := g.str()
			if err != nil {
				return h, err
			}
			if h, err = g.value(mix(h, x)); err != nil {
				return h, err
			}
		}
		_, err := g.dec.ReadToken()
		return mix(h, 9), err
	}
	tok, err := g.dec.ReadToken()
	if err != nil {
		return h, err
	}
	switch tok.Kind() {
	case 'n':
		return mix(h, 1), nil
	case 't':
		return mix(h, 2), nil
	case 'f':
		return mix(h, 3), nil
	case '0':
		f, _ := tok.Float()
		return mix(mix(h, 4), math.Float64bits(f)), nil
	}
	return h, errDigestToken
}
