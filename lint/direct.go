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
// that reads directly. It reports false, having changed nothing, when the
// unit must take the full path.
func (e *Engine) direct(u *unit, file, format string, res *unitResult) bool {
	var dr DirectReader
	if format != "" {
		dr, _ = e.adapter(format).(DirectReader)
	} else {
		for _, a := range e.cfg.Adapters {
			if r, ok := a.(DirectReader); ok {
				dr = r
				break
			}
		}
	}
	if dr == nil {
		return false
	}
	x := extractions.Get().(*Extraction)
	defer func() {
		clear(x.items) // drop the references to records
		x.items = x.items[:0]
		extractions.Put(x)
	}()
	if !dr.ReadDirect(u.raw, x) {
		return false
	}
	ps := e.extracted(x, "", res, nil)
	res.diags = u.place(file, ps)
	return true
}
