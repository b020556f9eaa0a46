package cli

import (
	"errors"
	"io"
	"os"
)

var (
	errNoFile = errors.New("no such file")
	errIsDir  = errors.New("is a directory")
)

// dataFile is an opened input file. It remembers the end of the file, so
// that the readers above it, which may ask again after an end, do not cost
// another system call; and it says whether reading it may wait for more
// input (lint.Engine sends what it has split before such a read).
type dataFile struct {
	f       *os.File
	regular bool
	eof     bool
}

func (d *dataFile) Read(p []byte) (int, error) {
	if d.eof {
		return 0, io.EOF
	}
	n, err := d.f.Read(p)
	if errors.Is(err, io.EOF) {
		d.eof = true
	}
	return n, err
}

func (d *dataFile) Close() error { return d.f.Close() }

// MayWait implements the engine's question: a regular file never waits for
// more input, a pipe or a device may.
func (d *dataFile) MayWait() bool { return !d.regular }
