package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// benchInput is JSON Lines with a realistic mix: documented events, an
// uptake record, another category, and a finding every fifth line.
func benchInput(n int) string {
	recs := []string{
		`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-x", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c%d", "timestamp": %d}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-x", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c%d", "timestamp": %d}`,
		`{"source": "normandy/recipe/12", "status": "success", "client_id": "c%d", "timestamp": %d}`,
		`{"category": "search", "method": "click", "object": "x", "client_id": "c%d", "timestamp": %d}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-x", "extra": {"didResetValue": "true", "reason": "unknown"}, "client_id": "c%d", "timestamp": %d}`,
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, recs[i%len(recs)], i%1000, i)
		b.WriteByte('\n')
	}
	return b.String()
}

type discard struct{}

func (discard) Start(lint.RunInfo) error          { return nil }
func (discard) Diagnostic(*lint.Diagnostic) error { return nil }
func (discard) File(lint.FileResult) error        { return nil }
func (discard) Finish(lint.Summary) error         { return nil }

// benchRun runs the engine over data, n records (or rows, per unit) under
// one input name, reporting bytes, allocations and the time per unit.
func benchRun(b *testing.B, eng *lint.Engine, name, data string, n int, unit string) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Run([]lint.Input{linttest.Input(name, data)}, discard{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/"+unit)
}

// BenchmarkCheckJSONL measures the whole pipeline per record.
func BenchmarkCheckJSONL(b *testing.B) {
	const n = 10000
	data := benchInput(n)
	eng := linttest.Engine(b, 0)
	benchRun(b, eng, "bench.jsonl", data, n, "record")
}

// BenchmarkCheckEventsStream measures the whole pipeline on an
// events_stream export (10 % Normandy): one worker and one per CPU, with
// the skim and with every row decoded.
func BenchmarkCheckEventsStream(b *testing.B) {
	const n = 5000
	data := eventsStreamRows(n)
	for _, bc := range []struct {
		name    string
		workers int
		noSkim  bool
	}{{"skim/j1", 1, false}, {"skim", 0, false}, {"decode/j1", 1, true}, {"decode", 0, true}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := rules.Setup()
			cfg.Workers, cfg.NoSkim = bc.workers, bc.noSkim
			eng, err := lint.New(cfg)
			if err != nil {
				b.Fatal(err)
			}
			benchRun(b, eng, "events_stream.jsonl", data, n, "row")
		})
	}
}

// BenchmarkCheckJSONLPaths measures BenchmarkCheckJSONL's input with each
// way of reading a record: directly into the typed record, or decoded (the
// direct path off; an older build's BenchmarkCheckJSONL also skimmed each
// record before decoding it).
func BenchmarkCheckJSONLPaths(b *testing.B) {
	const n = 10000
	data := benchInput(n)
	for _, bc := range []struct {
		name     string
		noDirect bool
	}{{"direct", false}, {"decoded", true}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := rules.Setup()
			cfg.NoDirect = bc.noDirect
			eng, err := lint.New(cfg)
			if err != nil {
				b.Fatal(err)
			}
			benchRun(b, eng, "bench.jsonl", data, n, "record")
		})
	}
}
