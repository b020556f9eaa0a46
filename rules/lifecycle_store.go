package rules

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"strconv"

	"github.com/normlint/normlint/lint"
)

// pairStore holds the lifecycle state of every (client, study) pair of a
// run in fixed-size entries, so that its memory is a known cost per pair
// (docs/memory.md): no pointers per pair, no records or input lines kept.
// Strings that repeat across pairs (study identities, branches, versions,
// file names, pointers) are interned into small integer IDs; client IDs
// that are UUIDs are kept as their 16 bytes, others interned. Entries live
// in chunks, in the order the pairs came, which is also the order they are
// forgotten in once the store is full; an open-addressing table of entry
// numbers finds them. Measured with 1,000,000 pairs: 52 bytes of entry and
// about 8 of table a pair, where a Go map from the same keys to entry
// numbers alone took 67.
type pairStore struct {
	max     int // at most this many pairs
	n       int // pairs held
	next    int // the oldest entry, once full
	forgot  int // pairs forgotten
	chunks  [][]pairEntry
	index   []uint32 // entry number + 1; 0 is an empty slot
	seed    maphash.Seed
	studies interner
	values  interner
	files   interner
	clients interner
	ptrs    interner             // pointers, with a leading array index cut off
	ptrPair map[[2]uint32]uint32 // the two pointers of an enrollment's anchors
	pairs   [][2]uint32
}

// pairEntry is one pair's state: 52 bytes.
type pairEntry struct {
	client [16]byte // a UUID's bytes, or an interned ID in the first 4
	study  uint32
	value  uint32 // interned branch or add-on version, +1; 0 for none
	// file is the interned file of the anchors in the low 24 bits, the
	// flags in the high 8.
	file uint32
	elem uint32 // the anchors' leading array index, +1; 0 for none
	// The first anchor (the enrollment's method, or the unenrollment's) and
	// the second (the enrollment's branch or add-on version).
	line1, col1, line2, col2 uint32
	ptrs                     uint32 // interned pair of pointers, +1; 0 for none
}

const (
	flagEnrolled = 1 << (24 + iota)
	flagActive
	flagUnenrolled
	flagUpdated
	flagClientInterned
	flagAnchor1
	flagAnchor2
	// flagGlean: the client is a Glean client ID, another namespace than
	// legacy Telemetry's (they match only through
	// legacy_telemetry_client_id, never as equal strings).
	flagGlean
	fileMask = 1<<24 - 1
)

const chunkBits = 12

func newPairStore(maxPairs int) *pairStore {
	return &pairStore{max: maxPairs, seed: maphash.MakeSeed(), ptrPair: map[[2]uint32]uint32{}}
}

// interner gives strings small IDs. Interned strings are never forgotten:
// their number grows with the distinct names of a run, not with its pairs.
type interner struct {
	ids   map[string]uint32
	names []string
}

func (in *interner) id(s string) uint32 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]uint32{}
	}
	id := uint32(len(in.names))
	in.ids[s] = id
	in.names = append(in.names, s)
	return id
}

// lookup is id without interning: false for a string never seen.
func (in *interner) lookup(s string) (uint32, bool) {
	id, ok := in.ids[s]
	return id, ok
}

// pairKey is a pair as the store compares them.
type pairKey struct {
	client   [16]byte
	interned bool
	glean    bool
	study    uint32
}

// key makes the key of a pair of a legacy client ID; false when the pair
// cannot be in the store (its client or study never seen), with intern
// false.
func (s *pairStore) key(client, study string, intern bool) (pairKey, bool) {
	return s.keyOf(client, study, false, intern)
}

// keyOf is key for a client ID of either pipeline (glean says Glean's).
func (s *pairStore) keyOf(client, study string, glean, intern bool) (pairKey, bool) {
	k := pairKey{glean: glean}
	if id, ok := parseUUID(client); ok {
		k.client = id
	} else {
		k.interned = true
		var c uint32
		if intern {
			c = s.clients.id(client)
		} else if c, ok = s.clients.lookup(client); !ok {
			return k, false
		}
		binary.LittleEndian.PutUint32(k.client[:], c)
	}
	if intern {
		k.study = s.studies.id(study)
	} else {
		var ok bool
		if k.study, ok = s.studies.lookup(study); !ok {
			return k, false
		}
	}
	return k, true
}

func (s *pairStore) hash(k pairKey) uint64 {
	var b [21]byte
	copy(b[:16], k.client[:])
	binary.LittleEndian.PutUint32(b[16:], k.study)
	if k.interned {
		b[20] = 1
	}
	if k.glean {
		b[20] |= 2
	}
	return maphash.Bytes(s.seed, b[:])
}

func (s *pairStore) entry(i int) *pairEntry {
	return &s.chunks[i>>chunkBits][i&(1<<chunkBits-1)]
}

func (e *pairEntry) is(k pairKey) bool {
	return e.client == k.client && e.study == k.study && (e.file&flagClientInterned != 0) == k.interned && (e.file&flagGlean != 0) == k.glean
}

// find returns the entry number of a pair, or -1.
func (s *pairStore) find(k pairKey) int {
	if len(s.index) == 0 {
		return -1
	}
	mask := uint64(len(s.index) - 1)
	for h := s.hash(k) & mask; ; h = (h + 1) & mask {
		v := s.index[h]
		if v == 0 {
			return -1
		}
		if s.entry(int(v - 1)).is(k) {
			return int(v - 1)
		}
	}
}

// add makes an entry for a new pair and returns its number, and whether an
// older pair was forgotten to make room.
func (s *pairStore) add(k pairKey) (int, bool) {
	i, forgot := s.n, false
	if s.n >= s.max {
		i, forgot = s.next, true
		s.next = (s.next + 1) % s.max
		s.unindex(i)
		s.forgot++
	} else {
		if i>>chunkBits >= len(s.chunks) {
			size := min(1<<chunkBits, s.max-i)
			s.chunks = append(s.chunks, make([]pairEntry, size))
		}
		s.n++
		if s.n*4 > len(s.index)*3 {
			s.grow()
		}
	}
	e := s.entry(i)
	*e = pairEntry{client: k.client, study: k.study}
	if k.interned {
		e.file = flagClientInterned
	}
	if k.glean {
		e.file |= flagGlean
	}
	s.insert(i, k)
	return i, forgot
}

func (s *pairStore) insert(i int, k pairKey) {
	mask := uint64(len(s.index) - 1)
	h := s.hash(k) & mask
	for s.index[h] != 0 {
		h = (h + 1) & mask
	}
	s.index[h] = uint32(i + 1)
}

func (s *pairStore) grow() {
	size := max(len(s.index)*2, 16)
	old := s.index
	s.index = make([]uint32, size)
	for _, v := range old {
		if v != 0 {
			i := int(v - 1)
			s.insert(i, s.entry(i).pairKey())
		}
	}
}

func (e *pairEntry) pairKey() pairKey {
	return pairKey{client: e.client, study: e.study, interned: e.file&flagClientInterned != 0, glean: e.file&flagGlean != 0}
}

// unindex removes entry i from the table, shifting back the entries after
// it that their probes would no longer reach (linear probing's deletion).
func (s *pairStore) unindex(i int) {
	mask := uint64(len(s.index) - 1)
	h := s.hash(s.entry(i).pairKey()) & mask
	for s.index[h] != uint32(i+1) {
		h = (h + 1) & mask
	}
	hole := h
	for j := (hole + 1) & mask; s.index[j] != 0; j = (j + 1) & mask {
		home := s.hash(s.entry(int(s.index[j]-1)).pairKey()) & mask
		// The entry at j may move to the hole when its home is not
		// between the hole and j, cyclically.
		if (j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j) {
			s.index[hole] = s.index[j]
			hole = j
		}
	}
	s.index[hole] = 0
}

// load reads entry i's state.
func (s *pairStore) load(i int) StudyState {
	e := s.entry(i)
	st := StudyState{
		Enrolled:   e.file&flagEnrolled != 0,
		Active:     e.file&flagActive != 0,
		Unenrolled: e.file&flagUnenrolled != 0,
		Updated:    e.file&flagUpdated != 0,
	}
	if e.value != 0 {
		st.Value, st.HasValue = s.values.names[e.value-1], true
	}
	var p [2]uint32
	if e.ptrs != 0 {
		p = s.pairs[e.ptrs-1]
	}
	var file string
	if e.file&(flagAnchor1|flagAnchor2) != 0 {
		file = s.files.names[e.file&fileMask]
	}
	if e.file&flagAnchor1 != 0 {
		a := lint.Anchor{File: file, Line: int(e.line1), Column: int(e.col1), Pointer: s.pointer(e.elem, p[0])}
		if st.Active {
			st.EnrollAt = a
		} else {
			st.UnenrollAt = a
		}
	}
	if e.file&flagAnchor2 != 0 {
		st.ValueAt = lint.Anchor{File: file, Line: int(e.line2), Column: int(e.col2), Pointer: s.pointer(e.elem, p[1])}
	}
	return st
}

// save writes a state into entry i. The machine keeps at most two anchors,
// both of one record (StudyState); an anchor that does not fit (a line or
// column past 2³², more than 2²⁴ files) is dropped: the finding that would
// point at it then has no related location.
func (s *pairStore) save(i int, st *StudyState) {
	e := s.entry(i)
	flags := e.file & (flagClientInterned | flagGlean)
	if st.Enrolled {
		flags |= flagEnrolled
	}
	if st.Active {
		flags |= flagActive
	}
	if st.Unenrolled {
		flags |= flagUnenrolled
	}
	if st.Updated {
		flags |= flagUpdated
	}
	e.value = 0
	if st.HasValue {
		e.value = s.values.id(st.Value) + 1
	}
	first, second := st.EnrollAt, st.ValueAt
	if !st.Active {
		first, second = st.UnenrollAt, lint.Anchor{}
	}
	e.elem, e.ptrs, e.line1, e.col1, e.line2, e.col2 = 0, 0, 0, 0, 0, 0
	var file uint32
	var p [2]uint32
	if fits(first) {
		file = s.files.id(first.File)
		e.elem, p[0] = s.splitPointer(first.Pointer)
		e.line1, e.col1 = uint32(first.Line), uint32(first.Column)
		flags |= flagAnchor1
	}
	if fits(second) {
		f := s.files.id(second.File)
		elem, ptr := s.splitPointer(second.Pointer)
		if flags&flagAnchor1 == 0 || (f == file && elem == e.elem) {
			file, e.elem, p[1] = f, elem, ptr
			e.line2, e.col2 = uint32(second.Line), uint32(second.Column)
			flags |= flagAnchor2
		}
	}
	if flags&(flagAnchor1|flagAnchor2) != 0 {
		if file > fileMask {
			flags &^= flagAnchor1 | flagAnchor2
		} else {
			id, ok := s.ptrPair[p]
			if !ok {
				s.pairs = append(s.pairs, p)
				id = uint32(len(s.pairs))
				s.ptrPair[p] = id
			}
			e.ptrs = id
			flags |= file
		}
	}
	e.file = flags
}

func fits(a lint.Anchor) bool {
	return a.Valid() && int64(a.Line) <= math.MaxUint32 && a.Column >= 0 && int64(a.Column) <= math.MaxUint32
}

// splitPointer interns a pointer, with its leading array index (a
// top-level JSON array's element) apart, so that the interned pointers stay
// as few as the shapes of the input.
func (s *pairStore) splitPointer(p string) (elem, ptr uint32) {
	if len(p) > 1 && p[0] == '/' && p[1] >= '0' && p[1] <= '9' {
		end := 2
		for end < len(p) && p[end] >= '0' && p[end] <= '9' {
			end++
		}
		if end == len(p) || p[end] == '/' {
			n, err := strconv.ParseUint(p[1:end], 10, 32)
			if err == nil && n < math.MaxUint32 && (end == 2 || p[1] != '0') {
				return uint32(n) + 1, s.ptrs.id(p[end:])
			}
		}
	}
	return 0, s.ptrs.id(p)
}

func (s *pairStore) pointer(elem, ptr uint32) string {
	if elem == 0 {
		return s.ptrs.names[ptr]
	}
	return "/" + strconv.FormatUint(uint64(elem-1), 10) + s.ptrs.names[ptr]
}

// parseUUID reads a client ID in the canonical lowercase UUID form. Other
// spellings are interned as they are, since two spellings are two clients.
func parseUUID(s string) ([16]byte, bool) {
	var id [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, false
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
			continue
		}
		hi, ok1 := hexDigit(s[i])
		lo, ok2 := hexDigit(s[i+1])
		if !ok1 || !ok2 {
			return id, false
		}
		id[j] = hi<<4 | lo
		j++
		i += 2
	}
	return id, true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
