package input

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/normlint/normlint/lint"
)

// BigQuery reads events_stream rows directly: an export is mostly other
// categories' rows, and a Normandy row holds many columns the adapter
// never reads (client_info, ping_info, metadata, ...). The row is skimmed
// once, which checks its syntax, and only the event's columns are read:
// the extra (an object, or a JSON string holding one) with a decoder of
// its own. Anything else takes the full path: telemetry.events rows, a
// category that is not a string, an extra that is not an object of
// scalars, and every syntax error.
var _ lint.DirectReader = BigQuery{}

// streamRead is what ReadDirect reads of one row, reused from one row to
// the next.
type streamRead struct {
	skim lint.Skimmed
	dec  *jsontext.Decoder
	buf  bytes.Buffer
	// extraText holds an extra given as a JSON string, unescaped.
	extraText []byte
	texts
	extras []streamExtra
}

// streamExtra is a member of the event's extra: a scalar.
type streamExtra struct {
	name string
	kind jsontext.Kind
	str  string
	num  float64
	// off is the value's byte offset in the row.
	off int32
}

var streamReads = sync.Pool{New: func() any {
	d := &streamRead{texts: newTexts()}
	d.dec = jsontext.NewDecoder(&d.buf)
	return d
}}

// otherSkimmers are the Skim methods of every adapter but BigQuery, and
// false when one has none: a row is read directly only when they all say
// that their Detect refuses it.
var otherSkimmers = sync.OnceValues(func() ([]lint.Skimmer, bool) {
	var sks []lint.Skimmer
	for _, a := range All() {
		if _, ok := a.(BigQuery); ok {
			continue
		}
		sk, ok := a.(lint.Skimmer)
		if !ok {
			return nil, false
		}
		sks = append(sks, sk)
	}
	return sks, true
})

// eventCategoryName is in every row the direct path reads (unless the
// name is spelt with escapes, which the full path reads); its "y" is
// rare.
const eventCategoryName = `"event_category"`

// ReadDirect implements lint.DirectReader.
func (a BigQuery) ReadDirect(data []byte, x *lint.Extraction) bool {
	// Hand-written records and pings are declined before any decoding.
	if startsAsRecord(data) || !lint.ContainsRare(data, eventCategoryName, len(eventCategoryName)-2) {
		return false
	}
	d := streamReads.Get().(*streamRead)
	defer d.release()
	s := &d.skim
	if s.Read(data) != nil {
		return false
	}
	v := a.Skim(s)
	if !v.Mine {
		return false
	}
	others, ok := otherSkimmers()
	if !ok {
		return false
	}
	for _, sk := range others {
		if ov := sk.Skim(s); ov.Mine || ov.Decode {
			return false
		}
	}
	if !v.Decode {
		for range v.Skipped {
			x.Skip(a.Name())
		}
		return true
	}
	return d.readRow(x)
}

// startsAsRecord reports, from the bytes alone, whether data starts an
// object whose first member has a hand-written record's name (but for
// client_id, which rows may start with too).
func startsAsRecord(data []byte) bool {
	name, ok := firstName(data)
	n := directName(name)
	return ok && n >= 0 && n != nameClientID
}

func (d *streamRead) release() {
	d.skim.Reset()
	d.buf = bytes.Buffer{}
	d.dec.Reset(&d.buf)
	clear(d.extras)
	d.extras = d.extras[:0]
	if cap(d.extras) > maxPooledDirect || cap(d.text) > maxPooledDirect || cap(d.extraText) > maxPooledDirect {
		return
	}
	streamReads.Put(d)
}

// readRow reads the skimmed row, one Skim says holds a Normandy event, as
// extractStream does, or reports false for what only the full path reads.
func (d *streamRead) readRow(x *lint.Extraction) bool {
	s := &d.skim
	cat, ok := s.Text("event_category")
	if !ok || !s.Has("event_name") {
		return false // malformed, or a telemetry.events row
	}
	nameText, _ := s.Text("event_name")
	var uptake bool
	switch {
	case string(cat) == categoryNormandy:
	case string(cat) == categoryUptake && string(nameText) == "uptake_normandy":
		uptake = true
	default:
		return false // Skim never asks for such a row
	}
	row := streamRow{name: d.share(nameText, maxDirectSlugLen), uptake: uptake}
	if id, ok := s.Text("client_id"); ok {
		row.clientID = string(id)
	}
	row.readTime(s)
	_, nameOff, _ := s.Raw("event_name")
	row.nameOff = int32(nameOff)
	raw, off, _ := s.Raw("event_extra")
	row.extraOff = int32(off)
	switch s.Kind("event_extra") {
	case 0, 'n':
	case '{':
		row.hasExtra = true
		if d.readExtra(raw, off) != nil {
			return false
		}
	case '"':
		row.hasExtra, row.note = true, "event_extra"
		text, _ := s.Text("event_extra")
		// Skimmed's text is reused by the next read: the extra is read
		// from a copy.
		d.extraText = append(d.extraText[:0], text...)
		if d.readExtra(d.extraText, -1) != nil {
			return false
		}
	default:
		return false // malformed: the full path words it
	}
	x.Record(d.record(&row))
	return true
}

// streamRow is what readRow found in a row's columns.
type streamRow struct {
	name, clientID string
	uptake         bool
	time           int64
	hasTime        bool
	nullTime       bool
	// at is the row's submission time (Record.At), 0 without one
	at       int64
	hasExtra bool
	note     string
	// offsets of the event_name and event_extra values
	nameOff, extraOff int32
}

// readTime reads the row's time as Extract does: event_timestamp when it
// is a number or an INT64 string, else submission_timestamp.
func (row *streamRow) readTime(s *lint.Skimmed) {
	raw, _, _ := s.Raw("event_timestamp")
	switch s.Kind("event_timestamp") {
	case '0':
		// Out-of-range numbers saturate, as Decode holds them.
		f, _ := strconv.ParseFloat(string(raw), 64)
		row.time, row.hasTime = int64(f), true
	case '"':
		text, _ := s.Text("event_timestamp")
		if f, ok := int64Text(string(text)); ok {
			row.time, row.hasTime = int64(f), true
		}
	case 'n':
		row.nullTime = true
	}
	if sub, ok := s.Text("submission_timestamp"); ok {
		if t, err := parseTimestamp(string(sub)); err == nil {
			row.at = t.UnixMilli()
			if !row.hasTime {
				row.time, row.hasTime = row.at, true
			}
		}
	} else if day, ok := s.Text("submission_date"); ok {
		if t, err := time.Parse(time.DateOnly, string(day)); err == nil {
			row.at = t.UnixMilli()
		}
	}
}

// errNotScalars stops reading an extra that is not an object of scalars.
var errNotScalars = errors.New("not an object of scalars")

// readExtra reads an extra object of scalar members from b, exactly one
// JSON value; base is b's offset in the row, or -1 when b is not in the
// row (an extra given as a JSON string).
func (d *streamRead) readExtra(b []byte, base int) error {
	d.buf = *bytes.NewBuffer(b)
	d.dec.Reset(&d.buf)
	if d.dec.PeekKind() != '{' {
		return errNotScalars
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	for d.dec.PeekKind() != '}' {
		if d.dec.PeekKind() != '"' {
			return errNotScalars
		}
		raw, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		e := streamExtra{name: d.share(d.unquote(raw), maxDirectSharedLen), off: -1}
		if base >= 0 {
			e.off = int32(base + valueStart(b, int(d.dec.InputOffset())))
		}
		switch e.kind = d.dec.PeekKind(); e.kind {
		case '"':
			raw, err := d.dec.ReadValue()
			if err != nil {
				return err
			}
			limit := maxDirectSharedLen
			if e.name == "value" || e.name == "source" {
				limit = maxDirectSlugLen
			}
			e.str = d.share(d.unquote(raw), limit)
		case '0', 't', 'f', 'n':
			tok, err := d.dec.ReadToken()
			if err != nil {
				return err
			}
			if e.kind == '0' {
				e.num, _ = tok.Float()
			}
		default:
			return errNotScalars
		}
		d.extras = append(d.extras, e)
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	if _, err := d.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return errNotScalars
	}
	return nil
}

// valueStart is the offset of the value after a member name that ends at
// i: past the colon and any white space.
func valueStart(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r', ':':
			i++
			continue
		}
		break
	}
	return i
}

// maxStreamOffsets is how many extras' value offsets a record keeps.
const maxStreamOffsets = 4

// streamRecord allocates a record, its locator and its first extras at
// once.
type streamRecord struct {
	rec     lint.Record
	loc     streamLoc
	extras  [6]lint.Member
	retyped [2]string
}

var streamRecords = sync.Pool{New: func() any { return new(streamRecord) }}

// record makes the record of the row read, as gleanEvent.extract makes it
// for a retyped events_stream row.
func (d *streamRead) record(row *streamRow) *lint.Record {
	sr := streamRecords.Get().(*streamRecord)
	r := &sr.rec
	kind := lint.KindEvent
	if row.uptake {
		kind = lint.KindUptake
	}
	r.Kind, r.Format, r.Glean, r.ClientID = kind, BigQuery{}.Name(), true, row.clientID
	r.Extras, r.Retyped = sr.extras[:0], sr.retyped[:0]
	valueKey, value := "value", &r.Value
	if row.uptake {
		valueKey, value = "status", &r.Status
	}
	sr.loc = streamLoc{owner: sr, nameOff: row.nameOff, extraOff: row.extraOff}
	for _, e := range d.extras {
		switch {
		case e.name == "value":
			*value = readBackDirect(r, "", valueKey, &e)
		case e.name == "source" && row.uptake:
			r.Source = readBackDirect(r, "", "source", &e)
		default:
			if n := len(r.Extras); n < maxStreamOffsets {
				sr.loc.extraOffs[n] = e.off
			}
			r.Extras = append(r.Extras, lint.Member{Name: e.name, Value: readBackDirect(r, "/extra", e.name, &e)})
		}
	}
	if len(r.Extras) > 0 {
		sr.loc.extras = r.Extras
	}
	if row.hasTime {
		t := float64(row.time)
		r.Time = lint.AnyField(t)
		withTime(r, t)
	}
	r.NullTime = row.nullTime
	r.At = row.at
	if row.clientID != "" {
		r.Client = lint.StrField(row.clientID)
	}
	if !row.uptake {
		method, object := splitGleanName(row.name)
		r.Category = lint.StrField(categoryNormandy)
		r.Method = lint.StrField(method)
		r.Object = lint.StrField(object)
	}
	timestampRel := ""
	if row.nullTime {
		timestampRel = "/event_timestamp"
	}
	sr.loc.gleanLoc = gleanLoc{fieldLoc: fieldLoc{mode: locGlean, hasExtra: row.hasExtra,
		glean: gleanPlaces{nameRel: "/event_name", extraRel: "/event_extra", timestampRel: timestampRel, hasTimestamp: row.hasTime, uptake: row.uptake}},
		note: row.note, name: row.name}
	r.Loc, r.Recycle = &sr.loc, recycleStream
	return r
}

// readBackDirect is gleanEvent.readBack for a scalar read directly: a
// value the events_stream query re-typed is read back as a string.
func readBackDirect(r *lint.Record, parent, name string, e *streamExtra) lint.Field {
	var s string
	switch e.kind {
	case '"':
		return lint.StrField(e.str)
	case '0':
		s = strconv.FormatFloat(e.num, 'f', -1, 64)
	case 't':
		s = "true"
	case 'f':
		s = "false"
	default:
		s = "null"
	}
	r.Retyped = append(r.Retyped, lint.JoinPointer(parent, name))
	return lint.StrField(s)
}

// recycleStream zeroes a record read directly from a row and hands it
// back.
func recycleStream(r *lint.Record) {
	l, ok := r.Loc.(*streamLoc)
	if !ok || l.owner == nil || &l.owner.rec != r {
		return // not one of ours, or recycled already
	}
	sr := l.owner
	*sr = streamRecord{}
	streamRecords.Put(sr)
}

// streamLoc locates a row's canonical members as gleanLoc does, and knows
// where the values the lifecycle's anchors ask for start.
type streamLoc struct {
	gleanLoc
	// nameOff and extraOff are the offsets of the event_name and
	// event_extra values in the row, extraOffs those of the first extras'
	// values (when the extra is an object).
	nameOff, extraOff int32
	extraOffs         [maxStreamOffsets]int32
	extras            []lint.Member
	owner             *streamRecord
}

// ValueOffset implements lint.ValueOffsets: the event's name (where its
// method and object are), and an extra's value (or the JSON string that
// holds it).
func (l *streamLoc) ValueOffset(canonical string) (int, bool) {
	head, tail := splitHead(canonical)
	switch {
	case tail == "" && (head == "method" || head == "object") && !l.glean.uptake:
		return int(l.nameOff), true
	case head != "extra" || tail == "" || !l.hasExtra:
		return 0, false
	case l.note != "":
		return int(l.extraOff), true // inside the JSON string
	}
	name := tail[1:]
	if strings.ContainsAny(name, "/~") {
		return 0, false // escaped, or deeper than an extra
	}
	for i, m := range l.extras {
		if i >= maxStreamOffsets {
			break
		}
		if m.Name == name && l.extraOffs[i] >= 0 {
			return int(l.extraOffs[i]), true
		}
	}
	return 0, false
}
