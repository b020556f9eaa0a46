package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/normlint/normlint/lint"
)

func TestProgressLine(t *testing.T) {
	got := progressLine(8<<20, 1000, 16<<20, 2*time.Second)
	want := "normlint: 8.0 MiB of 16.0 MiB (50%), 1000 records, 4.0 MiB/s, 500 records/s"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := progressLine(1500, 3, 0, time.Second); got != "normlint: 1.5 KiB, 3 records, 1.5 KiB/s, 3 records/s" {
		t.Errorf("unknown total: %q", got)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestProgressRedrawsAndErases(t *testing.T) {
	var buf lockedBuffer
	p := &lint.Progress{}
	p.Bytes.Store(2048)
	p.Records.Store(7)
	stop := startProgress(&buf, p, 4096)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(buf.String(), "7 records") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	stop() // idempotent
	out := buf.String()
	if !strings.Contains(out, "\r\x1b[Knormlint: 2.0 KiB of 4.0 KiB (50%), 7 records") {
		t.Errorf("no progress line: %q", out)
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("the progress line is not erased at the end: %q", out)
	}
}

// TestNoProgressOffTerminal: standard error is not a terminal in tests, so
// auto shows nothing even on a large input, and machine formats never get
// one; always forces it.
func TestNoProgressOffTerminal(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat(goodRecord+"\n", (progressThreshold/len(goodRecord))+10)
	if err := os.WriteFile(filepath.Join(dir, "big.jsonl"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	r := normlint(t, dir, "", nil, "check", "big.jsonl")
	if r.stderr != "" || r.code != 0 {
		t.Errorf("progress off a terminal: exit %d, stderr %q", r.code, r.stderr)
	}
	r = normlint(t, dir, "", nil, "check", "--progress", "always", "big.jsonl")
	if !strings.Contains(r.stderr, "normlint: ") || strings.Contains(r.stdout, "\r") {
		t.Errorf("--progress always: stderr %q", r.stderr)
	}
}
