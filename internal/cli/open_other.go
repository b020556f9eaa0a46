//go:build !unix

package cli

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// openData opens an input file for reading (see open_unix.go).
func openData(p string) (io.ReadCloser, error) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errNoFile
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, errIsDir
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return &dataFile{f: f, regular: st.Mode().IsRegular()}, nil
}
