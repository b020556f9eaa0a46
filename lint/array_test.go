package lint_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
)

// arrayReader writes, on the fly, a JSON array of records on one line (what
// `bq query --format=json` writes), n records long.
type arrayReader struct {
	i, n  int
	buf   []byte
	abort *atomic.Bool
	bytes int64
}

var errAborted = errors.New("aborted: the heap outgrew its bound")

func (a *arrayReader) Read(p []byte) (int, error) {
	if a.abort != nil && a.abort.Load() {
		return 0, errAborted
	}
	for len(a.buf) < len(p) && a.i <= a.n+1 {
		switch a.i {
		case 0:
			a.buf = append(a.buf, '[')
		case a.n + 1:
			a.buf = append(a.buf, "]\n"...)
		default:
			if a.i > 1 {
				a.buf = append(a.buf, ", "...)
			}
			a.buf = append(a.buf, listRecord(a.i-1)...)
		}
		a.i++
	}
	if len(a.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, a.buf)
	a.buf = a.buf[n:]
	a.bytes += int64(n)
	return n, nil
}

// peakHeap checks a one-line array of n records and returns the input's
// size and how much the heap grew at most while it was checked; a run whose
// heap outgrows bound is stopped.
func peakHeap(t *testing.T, n int, bound uint64) (int64, uint64) {
	t.Helper()
	var abort atomic.Bool
	done := watchLiveHeap(bound, &abort)
	in := &arrayReader{n: n, abort: &abort}
	sum, err := linttest.Engine(t, 2).Run([]lint.Input{{Name: "rows.json", Open: func() (io.ReadCloser, error) { return io.NopCloser(in), nil }}}, discard{})
	peak := done()
	if err != nil {
		t.Fatal(err)
	}
	if abort.Load() {
		t.Fatalf("%d records (%d MB read): the heap grew by more than %d MB", n, in.bytes>>20, bound>>20)
	}
	if sum.Records != n || sum.Unreadable != 0 {
		t.Fatalf("%d records: summary %+v", n, sum)
	}
	return in.bytes, peak
}

// TestArrayLineBoundedMemory checks a one-line array of about 10 MB and one
// of about 50 MB: the heap's peak stays under a bound that does not depend
// on the input's size, and is about the same for both.
func TestArrayLineBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 60 MB of records")
	}
	const bound = 48 << 20
	smallIn, small := peakHeap(t, 65000, bound)
	largeIn, large := peakHeap(t, 330000, bound)
	t.Logf("%d MB: peak heap growth %d MB; %d MB: %d MB", smallIn>>20, small>>20, largeIn>>20, large>>20)
	// The heap is sampled: allow for a peak missed in the small run.
	if large > 2*small+16<<20 {
		t.Errorf("the heap grows with the array: %d MB for %d MB of input, %d MB for %d MB", small>>20, smallIn>>20, large>>20, largeIn>>20)
	}
}

// TestArrayLinePlacedLinearly counts the bytes that working out positions
// reads (the cursor of the reader, and the lookups of the findings and of
// their related places) for two one-line arrays, one four times the other,
// with findings all along: four times the input reads about four times the
// bytes, where counting each position from the start of the line would
// read sixteen times as many.
func TestArrayLinePlacedLinearly(t *testing.T) {
	scan := func(n int) (int64, int64) {
		var scanned atomic.Int64
		restore := lint.CountScanned(func(k int) { scanned.Add(int64(k)) })
		defer restore()
		in := &arrayReader{n: n}
		c := &linttest.Collect{}
		if _, err := linttest.Engine(t, 2).Run([]lint.Input{{Name: "rows.json", Open: func() (io.ReadCloser, error) { return io.NopCloser(in), nil }}}, c); err != nil {
			t.Fatal(err)
		}
		related := 0
		for _, d := range c.Diags {
			related += len(d.Related)
		}
		if len(c.Diags) < n/3 || related == 0 {
			t.Fatalf("%d records: %d findings, %d related places: the test needs findings all along", n, len(c.Diags), related)
		}
		return in.bytes, scanned.Load()
	}
	smallIn, small := scan(2000)
	largeIn, large := scan(8000)
	t.Logf("%d bytes: %d scanned; %d bytes: %d scanned", smallIn, small, largeIn, large)
	if ratio := float64(large) / float64(small); ratio > 1.1*float64(largeIn)/float64(smallIn) {
		t.Errorf("positions cost more than the input: %.1f times the bytes scanned for %.1f times the input", ratio, float64(largeIn)/float64(smallIn))
	}
	if small > 4*smallIn {
		t.Errorf("%d bytes scanned for %d bytes of input", small, smallIn)
	}
}

// TestArrayLinePositions places findings in the late elements of a long
// one-line array: each is at the column of the very value it names.
func TestArrayLinePositions(t *testing.T) {
	const n = 3000
	line, _ := io.ReadAll(&arrayReader{n: n})
	c := &linttest.Collect{}
	if _, err := linttest.Engine(t, 2).Run([]lint.Input{linttest.Input("rows.json", "\n"+string(line))}, c); err != nil {
		t.Fatal(err)
	}
	starts := make([]int, n)
	for k, at := 0, 1; k < n; k++ {
		starts[k] = at
		at += len(listRecord(k)) + len(", ")
	}
	want := map[string]string{"/value": `"pref `, "/extra/reason": `"unknown"`, "/method": `"unenroll"`}
	late := 0
	for _, d := range c.Diags {
		var k int
		var rest string
		if _, err := fmt.Sscanf(d.Pointer, "/%d%s", &k, &rest); err != nil || d.Line != 2 {
			t.Fatalf("%+v", d)
		}
		prefix, ok := want[rest]
		if !ok {
			continue
		}
		if rest == "/method" && k%3 == 0 {
			prefix = `"enroll"`
		}
		at := string(line[d.Column-1:])
		if !strings.HasPrefix(at, prefix) {
			t.Errorf("%s at 2:%d, which holds %.20q", d.Pointer, d.Column, at)
		}
		// The column is within the k-th element.
		if start := starts[k]; d.Column-1 < start || d.Column-1 >= start+len(listRecord(k)) {
			t.Errorf("%s at 2:%d, outside its element (at %d)", d.Pointer, d.Column, start+1)
		}
		if k > n-100 {
			late++
		}
	}
	if late < 30 {
		t.Fatalf("%d findings in the last 100 elements", late)
	}
}
