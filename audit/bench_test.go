package audit_test

import (
	"fmt"
	"testing"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/lint"
)

// BenchmarkBuilder feeds the report's builder a mix of uptake records,
// study events and findings, as a run does, per record.
func BenchmarkBuilder(b *testing.B) {
	const n = 4096
	statuses := []string{"success", "success", "success", "backoff", "apply_error", "up_to_date"}
	methods := []string{"enroll", "unenroll", "enrollFailed"}
	recs := make([]*lint.Record, n)
	for i := range recs {
		if i%3 == 0 {
			recs[i] = lint.RecordFromDoc(lint.KindEvent, map[string]any{"category": "normandy", "method": methods[i%len(methods)],
				"object": "preference_study", "value": fmt.Sprintf("study-%d", i%40),
				"extra": map[string]any{"branch": "control", "reason": "recipe-not-seen"}})
		} else {
			recs[i] = lint.RecordFromDoc(lint.KindUptake, map[string]any{"source": fmt.Sprintf("normandy/recipe/%d", i%60),
				"status": statuses[i%len(statuses)], "extra": map[string]any{}})
		}
		recs[i].Timestamp, recs[i].HasTimestamp = 1793570400000+int64(i)*60000, true
		recs[i].ClientID = fmt.Sprintf("client-%d", i%500)
	}
	diag := &lint.Diagnostic{Rule: "undocumented-status", Severity: lint.SeverityInfo, File: "export.jsonl", Pointer: "/12/status", Identity: "normandy/recipe/7"}
	b.ReportAllocs()
	b.ResetTimer()
	bl := audit.NewBuilder(3)
	for i := 0; i < b.N; i++ {
		r := recs[i%n]
		bl.Observe(r, "export.jsonl")
		if i%5 == 0 {
			diag.Line, diag.Record = i+1, i+1
			_ = bl.Diagnostic(diag)
		}
	}
	_ = bl.Report()
}
