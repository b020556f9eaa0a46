package lint

// SetReaderSize makes the reading buffer, and so the length from which a
// line's list is streamed, n bytes until the returned func is called.
func SetReaderSize(n int) (restore func()) {
	old := readerSize
	readerSize = n
	return func() { readerSize = old }
}

// CountScanned counts the bytes that position lookups read (advance and
// locate) until the returned func is called.
func CountScanned(add func(n int)) (restore func()) {
	scanned = add
	return func() { scanned = nil }
}

// LocateValue is where locate finds the value at pointer in raw.
func LocateValue(raw []byte, pointer string) Position {
	t := target{pointer: pointer}
	m := map[target]Position{t: {}}
	locate(raw, Position{Line: 1, Column: 1}, m)
	return m[t]
}

// PositionAt is the position of raw's byte at off.
func PositionAt(raw []byte, off int) Position {
	return advance(Position{Line: 1, Column: 1}, raw[:off])
}
