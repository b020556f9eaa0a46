package lint_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
)

// TestHeldFindingsBounded: a file's findings wait for its first Normandy
// record only up to a bound, so that no-normandy-records can come first in
// a small file without a large one being held in memory.
func TestHeldFindingsBounded(t *testing.T) {
	lines := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "{\"a\": %d}\n", i)
		}
		return b.String()
	}
	small := linttest.Check(t, "small.jsonl", lines(3))
	if len(small) != 4 || small[0].Rule != lint.RuleNoNormandyRecords {
		t.Fatalf("a small file: no-normandy-records must come first, at line 1: %v", linttest.Rules(small))
	}
	const n = 5000
	large := linttest.Check(t, "large.jsonl", lines(n))
	if len(large) != n+1 {
		t.Fatalf("%d findings, want %d", len(large), n+1)
	}
	if last := large[n]; last.Rule != lint.RuleNoNormandyRecords || last.Line != 1 {
		t.Errorf("a large file: no-normandy-records must come last, as nothing is held: %+v", last)
	}
	for i, d := range large[:n] {
		if d.Rule != lint.RuleUnrecognizedInput || d.Line != i+1 {
			t.Fatalf("finding %d: %s at line %d, want unrecognized-input at line %d", i, d.Rule, d.Line, i+1)
		}
	}
}

// TestBatchDoesNotWait: a unit read from a slow source (a pipe) is checked
// and reported before the source sends more, however small the batch.
func TestBatchDoesNotWait(t *testing.T) {
	pr, pw := io.Pipe()
	reported := make(chan struct{}, 10)
	failed := make(chan string, 1)
	go func() {
		defer pw.Close()
		// The reader looks at the first 8 KiB before it splits anything
		// (is this binary data?): that much comes at once, clean.
		var head strings.Builder
		for head.Len() < 9<<10 {
			head.WriteString(`{"source": "normandy/recipe/1", "status": "success"}` + "\n")
		}
		if _, err := io.WriteString(pw, head.String()); err != nil {
			failed <- err.Error()
			return
		}
		for i := 0; i < 3; i++ {
			// A record with a finding: the reporter signals it.
			fmt.Fprintf(pw, `{"source": "normandy/recipe/%d", "status": "not-a-status"}`+"\n", i)
			select {
			case <-reported:
			case <-time.After(30 * time.Second):
				failed <- fmt.Sprintf("finding %d was not reported while the input waited for more", i+1)
				return
			}
		}
	}()
	rep := &signalReporter{reported: reported}
	if _, err := linttest.Engine(t, 2).Run([]lint.Input{{Name: "pipe.jsonl", Open: func() (io.ReadCloser, error) { return pr, nil }}}, rep); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-failed:
		t.Fatal(msg)
	default:
	}
	if rep.n != 3 {
		t.Errorf("%d findings, want 3", rep.n)
	}
}

type signalReporter struct {
	linttest.Collect
	reported chan struct{}
	n        int
}

func (s *signalReporter) Diagnostic(d *lint.Diagnostic) error {
	s.n++
	s.reported <- struct{}{}
	return nil
}

// BenchmarkRunWorkers is BenchmarkCheckJSONL with one worker and with
// two: how far -j 2 is from twice as fast as -j 1 (on a quiet machine with
// two cores or more), and with a CPU profile (-cpuprofile, then go tool
// pprof -tags) why.
func BenchmarkRunWorkers(b *testing.B) {
	const n = 10000
	data := benchInput(n)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("j=%d", workers), func(b *testing.B) {
			eng := linttest.Engine(b, workers)
			benchRun(b, eng, "bench.jsonl", data, n, "record")
		})
	}
}
