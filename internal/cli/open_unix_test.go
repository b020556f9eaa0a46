//go:build unix

package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestOpenData(t *testing.T) {
	dir := t.TempDir()
	if _, err := openData(filepath.Join(dir, "missing.json")); !errors.Is(err, errNoFile) {
		t.Errorf("a missing file: %v, want %v", err, errNoFile)
	}
	if _, err := openData(dir); !errors.Is(err, errIsDir) {
		t.Errorf("a directory: %v, want %v", err, errIsDir)
	}
	file := filepath.Join(dir, "a.json")
	if err := os.WriteFile(file, []byte(`{"a": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	rc, err := openData(file)
	if err != nil {
		t.Fatal(err)
	}
	if rc.(*dataFile).MayWait() {
		t.Error("a regular file may wait for more input")
	}
	if data, err := io.ReadAll(rc); err != nil || string(data) != `{"a": 1}` {
		t.Errorf("read %q, %v", data, err)
	}
	// The end is remembered: the file is not read again.
	if n, err := rc.Read(make([]byte, 8)); n != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("after the end: %d, %v", n, err)
	}
	if err := rc.Close(); err != nil {
		t.Error(err)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no fifo:", err)
	}
	go func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			_, _ = w.WriteString("{}\n")
			_ = w.Close()
		}
	}()
	rc, err = openData(fifo)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rc.Close() }()
	if !rc.(*dataFile).MayWait() {
		t.Error("a pipe never waits for more input")
	}
}
