package lint_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
)

// FuzzCheck feeds arbitrary bytes through the whole pipeline: bad input
// must never crash or hang normlint, and nothing may be lost (the record
// counts add up). Seeds are the shipped samples.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("../testdata/samples/*/*")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(linttest.Telemetry["records.jsonl"]))
	_ = zw.Close()
	f.Add(gz.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		eng := linttest.Engine(t, 2)
		c := &linttest.Collect{}
		var sum lint.Summary
		done := make(chan error, 1)
		go func() {
			var err error
			sum, err = eng.Run([]lint.Input{linttest.Input("fuzz.json", string(data))}, c)
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("normlint hangs on %d bytes: %q", len(data), data[:min(len(data), 200)])
		}
		if sum.Records != sum.RecordsWithFindings+sum.CleanRecords+sum.SkippedRecords {
			t.Fatalf("records do not add up: %+v", sum)
		}
		for _, d := range c.Diags {
			if d.Line < 1 || d.Column < 1 || d.Rule == "" || d.Message == "" {
				t.Fatalf("a diagnostic without a place or words: %+v", d)
			}
		}
	})
}
