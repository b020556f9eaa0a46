package lint_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/normlint/normlint/lint"
)

// rowLines is 1,000 events_stream rows, one per line.
func rowLines() ([][]byte, int64) {
	var lines [][]byte
	var n int64
	for _, l := range strings.Split(strings.TrimSpace(eventsStreamRows(1000)), "\n") {
		lines = append(lines, []byte(l))
		n += int64(len(l)) + 1
	}
	return lines, n
}

// BenchmarkSyntaxFloor is the floor the skim is measured against: a
// jsontext syntax scan of every line (SkipValue), nothing built.
func BenchmarkSyntaxFloor(b *testing.B) {
	lines, n := rowLines()
	dec := jsontext.NewDecoder(bytes.NewReader(nil))
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			dec.Reset(bytes.NewReader(l))
			if err := dec.SkipValue(); err != nil {
				b.Fatal(err)
			}
			if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSkim skims every line: the syntax checked, the top-level members
// recorded.
func BenchmarkSkim(b *testing.B) {
	lines, n := rowLines()
	var s lint.Skimmed
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if err := s.Read(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDecode decodes every line into its tree.
func BenchmarkDecode(b *testing.B) {
	lines, n := rowLines()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if _, err := lint.Decode(l); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
}
