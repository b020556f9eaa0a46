package lint

import (
	"bytes"
	"sync"
)

// normandyBytes is in every unit that holds a Normandy record, however
// shaped, but for one that spells the name with escapes.
var normandyBytes = []byte("normandy")

// namesNormandy is bytes.Contains(b, normandyBytes), several times faster
// on the units of an export (see ContainsRare).
func namesNormandy(b []byte) bool { return ContainsRare(b, "normandy", len("normandy")-1) }

// ContainsRare is bytes.Contains(b, word), found by looking for the byte
// of word at index rare, which should be one that the text searched
// seldom holds: bytes.Index looks for the first byte, and an export's
// rows hold dozens of the "n" of "normandy" (normalized_channel,
// client_info, ...) but few of its "y". On text full of the rare byte it
// hands over to bytes.Index.
func ContainsRare(b []byte, word string, rare int) bool {
	c := word[rare]
	misses := 0
	for i := rare; i+len(word)-rare <= len(b); {
		j := bytes.IndexByte(b[i:len(b)-(len(word)-rare-1)], c)
		if j < 0 {
			return false
		}
		i += j
		if string(b[i-rare:i-rare+len(word)]) == word {
			return true
		}
		i++
		// No match starts before i-rare: one that does after starts
		// there at the earliest.
		if misses++; misses > 16 {
			return bytes.Contains(b[i-rare:], []byte(word))
		}
	}
	return false
}

// extractions are reused by the direct path, whose Extraction never
// outlives the unit.
var extractions = sync.Pool{New: func() any { return new(Extraction) }}

// direct checks a unit that an adapter reads straight into records (see
// DirectReader): the forced format's adapter, or else the first adapter
// that reads it directly (each reads only values that no other adapter's
// Detect accepts, so the order does not matter). It reports false, having
// changed nothing, when the unit must take the full path.
func (e *Engine) direct(u *unit, file, format string, res *unitResult) bool {
	x := extractions.Get().(*Extraction)
	defer func() {
		clear(x.items) // drop the references to records
		x.items = x.items[:0]
		extractions.Put(x)
	}()
	read := false
	if format != "" {
		dr, ok := e.adapter(format).(DirectReader)
		read = ok && dr.ReadDirect(u.raw, x)
	} else {
		for _, a := range e.cfg.Adapters {
			if dr, ok := a.(DirectReader); ok && dr.ReadDirect(u.raw, x) {
				read = true
				break
			}
		}
	}
	if !read {
		return false
	}
	ps := e.extracted(x, "", res, nil)
	res.diags = u.place(file, ps)
	return true
}
