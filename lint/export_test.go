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
