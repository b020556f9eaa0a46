package lint

import (
	"bytes"
	"sync"
)

// normandyBytes is in every unit that holds a Normandy record, however
// shaped, but for one that spells the name with escapes.
var normandyBytes = []byte("normandy")

// namesNormandy is bytes.Contains(b, normandyBytes), several times faster
// on the units of an export: bytes.Index looks for an "n", which a row
// holds dozens of (normalized_channel, client_info, ...), where a "y" is
// rare. On text full of "y"s it hands over to bytes.Index.
func namesNormandy(b []byte) bool {
	const head = "normand" // what precedes the "y"
	misses := 0
	for i := len(head); i < len(b); {
		j := bytes.IndexByte(b[i:], 'y')
		if j < 0 {
			return false
		}
		i += j
		if string(b[i-len(head):i]) == head {
			return true
		}
		i++
		// No match ends before i: one that does after starts at
		// i-len(head) at the earliest.
		if misses++; misses > 16 {
			return bytes.Contains(b[i-len(head):], normandyBytes)
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
