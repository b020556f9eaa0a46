package input

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/normlint/normlint/lint"
)

// Records reads the common hand-written records directly: a flat object of
// the canonical members only, whose values are strings, numbers, booleans
// or null, and whose extra is an object of such values (or a string, or
// null). Anything else, and every syntax error, takes the full path.
var _ lint.DirectReader = Records{}

// The member names a directly read record may have, as bits of
// directRead.present: the canonical members, none of which another
// adapter's Detect looks for.
const (
	nameCategory = iota
	nameMethod
	nameObject
	nameValue
	nameExtra
	nameTimestamp
	nameClientID
	nameSource
	nameStatus
	numNames
)

// directName returns a canonical member name's index, or -1.
func directName[T string | []byte](name T) int {
	switch string(name) {
	case "category":
		return nameCategory
	case "method":
		return nameMethod
	case "object":
		return nameObject
	case "value":
		return nameValue
	case "extra":
		return nameExtra
	case "timestamp":
		return nameTimestamp
	case "client_id":
		return nameClientID
	case "source":
		return nameSource
	case "status":
		return nameStatus
	}
	return -1
}

// directRead is what ReadDirect reads of one object, reused from one unit
// to the next.
type directRead struct {
	dec *jsontext.Decoder
	buf bytes.Buffer
	texts

	present uint16
	fields  [numNames]lint.Field
	// offs are the byte offsets of the members' values, and extraOffs those
	// of the first extras': what the lifecycle's anchors ask for.
	offs      [numNames]int32
	extraOffs [maxDirectOffsets]int32
	// extraSet says that the extra is an object, whose members are extras.
	extraSet bool
	extras   []lint.Member
	data     []byte
}

// maxDirectOffsets is how many extras' value offsets a record keeps.
const maxDirectOffsets = 4

var directReads = sync.Pool{New: func() any {
	d := &directRead{texts: newTexts()}
	d.dec = jsontext.NewDecoder(&d.buf)
	return d
}}

const (
	// maxDirectShared bounds the shared strings of a reader.
	maxDirectShared = 2048
	// maxDirectSharedLen is the longest string shared; a value or a
	// source (a slug) is shared up to maxDirectSlugLen. IDs are longer,
	// or unique.
	maxDirectSharedLen = 24
	maxDirectSlugLen   = 64
	// maxPooledDirect bounds the extras and text a pooled reader keeps.
	maxPooledDirect = 4096
)

// errDirect stops a read that the full path must do.
var errDirect = errors.New("not read directly")

// ReadDirect implements lint.DirectReader.
func (Records) ReadDirect(data []byte, x *lint.Extraction) bool {
	if !firstNameIsRecords(data) {
		return false
	}
	d := directReads.Get().(*directRead)
	defer d.release()
	if d.read(data) != nil {
		return false
	}
	return d.extract(x)
}

// firstNameIsRecords reports, from the bytes alone, whether data starts an
// object whose first member is named as a record's are (or is empty, or
// has an escape), so that other values are declined before any decoding.
func firstNameIsRecords(data []byte) bool {
	name, ok := firstName(data)
	return ok && (bytes.IndexByte(name, '\\') >= 0 || directName(name) >= 0)
}

// firstName returns, from the bytes alone, the first member name of the
// object data starts, as it is spelt, and false when data does not start
// an object with a member.
func firstName(data []byte) ([]byte, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i = skipSpace(data, i+1)
	if i >= len(data) || data[i] != '"' {
		return nil, false
	}
	rest := data[i+1:]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return nil, false
	}
	return rest[:end], true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

func (d *directRead) release() {
	d.buf = bytes.Buffer{}
	d.dec.Reset(&d.buf) // the decoder drops its reference to data
	d.fields = [numNames]lint.Field{}
	d.data = nil
	clear(d.extras)
	d.extras, d.present, d.extraSet = d.extras[:0], 0, false
	if cap(d.extras) > maxPooledDirect || cap(d.text) > maxPooledDirect {
		return
	}
	directReads.Put(d)
}

// read reads data, which must be one flat record object of canonical
// members and nothing after it.
func (d *directRead) read(data []byte) error {
	// A bytes.Buffer lets the decoder read data in place, without copying.
	d.data = data
	d.buf = *bytes.NewBuffer(data)
	d.dec.Reset(&d.buf)
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	for d.dec.PeekKind() != '}' {
		if d.dec.PeekKind() != '"' {
			return errDirect
		}
		raw, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		n := directName(d.unquote(raw))
		if n < 0 {
			return errDirect
		}
		// The decoder refuses a duplicate name: each is seen once.
		d.present |= 1 << n
		d.offs[n] = d.valueOffset()
		if n == nameExtra && d.dec.PeekKind() == '{' {
			if err := d.readExtras(); err != nil {
				return err
			}
			continue
		}
		f, err := d.scalar(n == nameValue || n == nameSource)
		if err != nil {
			return err
		}
		d.fields[n] = f
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	if _, err := d.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return errDirect
	}
	return nil
}

// valueOffset is the offset of the value after the member name just read:
// past the colon and any white space.
func (d *directRead) valueOffset() int32 {
	i := int(d.dec.InputOffset())
	for i < len(d.data) {
		switch d.data[i] {
		case ' ', '\t', '\n', '\r', ':':
			i++
			continue
		}
		break
	}
	return int32(i)
}

// readExtras reads an extra object of scalar members.
func (d *directRead) readExtras() error {
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	d.extraSet = true
	for d.dec.PeekKind() != '}' {
		if d.dec.PeekKind() != '"' {
			return errDirect
		}
		raw, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		name := d.share(d.unquote(raw), maxDirectSharedLen)
		if k := len(d.extras); k < maxDirectOffsets {
			d.extraOffs[k] = d.valueOffset()
		}
		f, err := d.scalar(false)
		if err != nil {
			return err
		}
		d.extras = append(d.extras, lint.Member{Name: name, Value: f})
	}
	_, err := d.dec.ReadToken()
	return err
}

// scalar reads a string, number, boolean or null as Decode would hold it;
// slug asks to share a string up to maxDirectSlugLen.
func (d *directRead) scalar(slug bool) (lint.Field, error) {
	switch d.dec.PeekKind() {
	case '"':
		raw, err := d.dec.ReadValue()
		if err != nil {
			return lint.Field{}, err
		}
		limit := maxDirectSharedLen
		if slug {
			limit = maxDirectSlugLen
		}
		return lint.StrField(d.share(d.unquote(raw), limit)), nil
	case '0', 't', 'f', 'n':
	default:
		return lint.Field{}, errDirect
	}
	tok, err := d.dec.ReadToken()
	if err != nil {
		return lint.Field{}, err
	}
	switch tok.Kind() {
	case 't':
		return lint.AnyField(true), nil
	case 'f':
		return lint.AnyField(false), nil
	case '0':
		// Out-of-range numbers saturate, as Decode holds them.
		f, _ := tok.Float()
		return lint.AnyField(f), nil
	}
	return lint.AnyField(nil), nil
}

// texts is what the direct readers make strings with.
type texts struct {
	// text holds the last string with escapes, unescaped.
	text []byte
	// shared maps short strings to themselves, so that a string that
	// recurs (a method, a slug, an extra's name) is allocated once.
	shared map[string]string
}

func newTexts() texts { return texts{shared: map[string]string{}} }

// unquote returns the text of a valid quoted string, in t.text when it
// holds escapes.
func (t *texts) unquote(raw jsontext.Value) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1]
	}
	// The decoder has validated the string: unquoting cannot fail.
	t.text, _ = jsontext.AppendUnquote(t.text[:0], raw)
	return t.text
}

// share returns b as a string, shared when it is at most limit bytes.
func (t *texts) share(b []byte, limit int) string {
	if len(b) > limit {
		return string(b)
	}
	if s, ok := t.shared[string(b)]; ok {
		return s
	}
	if len(t.shared) >= maxDirectShared {
		clear(t.shared)
	}
	s := string(b)
	t.shared[s] = s
	return s
}

func (d *directRead) has(n int) bool { return d.present&(1<<n) != 0 }

// extract hands x what extractRecordObject would for the object read, or
// reports false for what only the full path reads: a category that is not
// a string (malformed), an uptake event.
func (d *directRead) extract(x *lint.Extraction) bool {
	const format = "records"
	if !d.has(nameCategory) {
		if !d.has(nameSource) && !d.has(nameStatus) {
			return false // not a record: Detect refuses it
		}
		if src, ok := d.fields[nameSource].String(); ok && !strings.HasPrefix(src, "normandy") {
			x.Skip(format) // uptake of another component
			return true
		}
		x.Record(d.record(lint.KindUptake))
		return true
	}
	cat, ok := d.fields[nameCategory].String()
	switch {
	case !ok:
		return false
	case cat == categoryNormandy:
		x.Record(d.record(lint.KindEvent))
		return true
	case cat == categoryUptake:
		method, _ := d.fields[nameMethod].String()
		object, _ := d.fields[nameObject].String()
		if method == methodUptake && object == objectNormandy {
			return false
		}
	}
	x.Skip(format)
	return true
}

// directRecord allocates a record, its locator and its first extras at
// once.
type directRecord struct {
	rec    lint.Record
	loc    directLoc
	extras [4]lint.Member
}

// record makes the record of the object read, as setMembers and withTime
// make it.
func (d *directRead) record(kind lint.Kind) *lint.Record {
	dr := directRecords.Get().(*directRecord)
	dr.loc = directLoc{present: d.present, uptake: kind == lint.KindUptake, offs: d.offs, extraOffs: d.extraOffs, owner: dr}
	r := &dr.rec
	r.Kind, r.Format, r.Loc, r.Recycle = kind, "records", &dr.loc, recycleDirect
	r.ClientID, _ = d.fields[nameClientID].String()
	for n, p := range [...]*lint.Field{&r.Category, &r.Method, &r.Object, &r.Value, nil, &r.Time, &r.Client, &r.Source, &r.Status} {
		if p != nil && d.has(n) {
			*p = d.fields[n]
		}
	}
	switch {
	case d.extraSet:
		dr.loc.hasExtra = true
		if len(d.extras) > 0 {
			r.Extras = append(dr.extras[:0], d.extras...)
			dr.loc.extras = r.Extras
		}
	case d.has(nameExtra) && (d.fields[nameExtra].Kind != lint.Other || d.fields[nameExtra].Raw != nil):
		// A JSON null extra is none; another value is kept as it is.
		dr.loc.hasExtra = true
		r.ExtraValue = d.fields[nameExtra]
	}
	return withTime(r, r.Time.Raw)
}

// directRecords are reused once the engine is done with a record
// (lint.Record.Recycle).
var directRecords = sync.Pool{New: func() any { return new(directRecord) }}

// recycleDirect zeroes a record read directly, so that a use after this
// point shows as an empty record in the tests, and hands it back.
func recycleDirect(r *lint.Record) {
	l, ok := r.Loc.(*directLoc)
	if !ok || l.owner == nil || &l.owner.rec != r {
		return // not one of ours, or recycled already
	}
	dr := l.owner
	*dr = directRecord{}
	directRecords.Put(dr)
}

// directLoc locates the canonical members of a record read directly, as
// fieldLoc does for locRecord and locUptakeRecord: every member at its
// name (an uptake record's source and status there even when absent).
type directLoc struct {
	present uint16
	// hasExtra says that the extra is there and not null.
	hasExtra bool
	uptake   bool
	// offs and extraOffs are the values' offsets in the object read
	// (directRead's).
	offs      [numNames]int32
	extraOffs [maxDirectOffsets]int32
	extras    []lint.Member
	// owner is the allocation the record lives in, for recycleDirect.
	owner *directRecord
}

// ValueOffset implements lint.ValueOffsets: the offset of a top-level
// member's value, or of one of the first extras' when the extra is an
// object, noted while the record was read.
func (l *directLoc) ValueOffset(canonical string) (int, bool) {
	head, tail := splitHead(canonical)
	if tail == "" {
		n := directName(head)
		if n < 0 || n == nameExtra || l.present&(1<<n) == 0 {
			return 0, false
		}
		return int(l.offs[n]), true
	}
	if head != "extra" || !l.hasExtra || l.extras == nil {
		return 0, false
	}
	name := tail[1:]
	if strings.ContainsAny(name, "/~") {
		return 0, false // escaped, or deeper than an extra
	}
	for i, m := range l.extras {
		if i >= maxDirectOffsets {
			break
		}
		if m.Name == name {
			return int(l.extraOffs[i]), true
		}
	}
	return 0, false
}

// field returns the input pointer of a canonical top-level key (as the
// head of a canonical pointer, still escaped) and whether it has one. No
// name a record read directly has needs escaping.
func (l *directLoc) field(head string) (string, bool) {
	n := directName(head)
	if n < 0 {
		return "", false
	}
	if l.present&(1<<n) != 0 || l.uptake && (n == nameSource || n == nameStatus) {
		return directPointers[n], true
	}
	return "", false
}

// directPointers are the input pointers of the members, by index.
var directPointers = [numNames]string{"/category", "/method", "/object", "/value", "/extra", "/timestamp", "/client_id", "/source", "/status"}

func (l *directLoc) pointer(canonical string) string {
	if canonical == "" {
		return ""
	}
	// A record read directly is in canonical form: a member that is there
	// is at its canonical pointer, which is returned as it is rather than
	// built again.
	head, _ := splitHead(canonical)
	if head == "extra" {
		if !l.hasExtra {
			return ""
		}
		return canonical
	}
	if _, ok := l.field(head); ok {
		return canonical
	}
	return ""
}

// Locate implements lint.Locator.
func (l *directLoc) Locate(canonical string, key bool) lint.Location {
	return lint.Location{Pointer: l.pointer(canonical), Key: key}
}

// Container implements lint.Locator.
func (l *directLoc) Container(canonical, key string) lint.Location {
	p := l.pointer(lint.JoinPointer(canonical, key))
	if p == "" {
		return lint.Location{}
	}
	return lint.Location{Pointer: lint.ParentPointer(p)}
}
