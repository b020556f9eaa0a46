package lint

import "sync"

// normandyBytes is in every unit that holds a Normandy record, however
// shaped, but for one that spells the name with escapes.
var normandyBytes = []byte("normandy")

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
