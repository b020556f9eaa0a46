package lint_test

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/report"
)

// TestCorruptGzip: a truncated or corrupt gzip stream is a parse-error at
// the last place that could be read, after the records before it.
func TestCorruptGzip(t *testing.T) {
	whole := linttest.Gzip(t, []byte(linttest.Telemetry["records.jsonl"]))
	cut := whole[:len(whole)-12] // drop the trailer and a little data
	diags := linttest.Check(t, "cut.jsonl.gz", string(cut))
	last := diags[len(diags)-1]
	if last.Rule != "parse-error" || !strings.Contains(last.Message, "gzip") {
		t.Fatalf("a truncated stream must end in a gzip parse-error, got %+v", last)
	}
	if len(diags) < 2 {
		t.Errorf("the records before the cut were not checked: %v", linttest.Rules(diags))
	}
	flipped := append([]byte{}, whole...)
	flipped[len(flipped)/2] ^= 0xff
	diags = linttest.Check(t, "flipped.jsonl.gz", string(flipped))
	found := false
	for _, d := range diags {
		found = found || (d.Rule == "parse-error" && strings.Contains(d.Message, "gzip"))
	}
	if !found {
		t.Errorf("a corrupt stream gives no gzip parse-error: %v", linttest.Rules(diags))
	}
	// Two gzip members one after the other are one stream.
	two := append(linttest.Gzip(t, []byte(linttest.Telemetry["records.jsonl"])), linttest.Gzip(t, []byte(linttest.Telemetry["records.jsonl"]))...)
	if diags := linttest.Check(t, "two.jsonl.gz", string(two)); len(diags) != 10 {
		t.Errorf("concatenated gzip members: %d findings, want 10: %v", len(diags), linttest.Rules(diags))
	}
}

// TestBoundedMemory streams 200,000 JSON Lines rows, generated on the fly,
// through the whole pipeline and checks that the heap never holds more
// than a small part of the input.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 200,000 rows")
	}
	const rows = 200000
	// A hundred clients: the lifecycle state stays small, as it does for
	// an export of many rows per client.
	row := `{"client_id": "c%06d", "event_timestamp": %d, "event_category": "normandy", "event_method": "unenroll", "event_object": "preference_study", "event_string_value": "pref-%d", "event_map_values": [{"key": "reason", "value": "%s"}, {"key": "didResetValue", "value": "true"}]}` + "\n"
	var written atomic.Int64
	pr, pw := io.Pipe()
	go func() {
		for i := 0; i < rows; i++ {
			reason := "recipe-not-seen"
			if i%100 == 0 {
				reason = "unknown"
			}
			n, err := fmt.Fprintf(pw, row, i%100, i, i%50, reason)
			if err != nil {
				return
			}
			written.Add(int64(n))
		}
		_ = pw.Close()
	}()
	done := watchLiveHeap(0, nil)
	eng := linttest.Engine(t, 0)
	var out countingWriter
	sum, err := eng.Run([]lint.Input{{Name: "rows.jsonl", Open: func() (io.ReadCloser, error) { return pr, nil }}}, textReporter(&out))
	grown := int64(done())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != rows || sum.NormandyRecords != rows || sum.Errors != rows/100 {
		t.Fatalf("summary: %+v", sum)
	}
	input := written.Load()
	t.Logf("input %d MB, peak live heap growth %d MB, output %d KB", input>>20, grown>>20, out.n>>10)
	if grown > input/4 {
		t.Errorf("the heap grew by %d bytes on %d bytes of input: not bounded", grown, input)
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

func textReporter(w io.Writer) lint.Reporter {
	text, _ := report.Lookup("text")
	return text.New(w, report.Options{})
}
