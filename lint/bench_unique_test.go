package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
)

// uniqueInput is JSON Lines in which, as in real exports, no two records
// are the same document: every enrollment has its own ID, slug and branch.
func uniqueInput(n int) string {
	recs := []string{
		`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-%[1]d", "extra": {"branch": "b%[1]d", "experimentType": "exp", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[2]d", "timestamp": %[1]d}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-%[1]d", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[2]d", "timestamp": %[1]d}`,
		`{"source": "normandy/recipe/%[1]d", "status": "success", "client_id": "c%[2]d", "timestamp": %[1]d}`,
		`{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-%[1]d", "extra": {"addonId": "s%[1]d@shield.mozilla.com", "addonVersion": "1.%[1]d", "branch": "b%[1]d", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[2]d", "timestamp": %[1]d}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-%[1]d", "extra": {"didResetValue": "true", "reason": "unknown", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[2]d", "timestamp": %[1]d}`,
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, recs[i%len(recs)], i, i%1000)
		b.WriteByte('\n')
	}
	return b.String()
}

// BenchmarkCheckJSONLUnique is BenchmarkCheckJSONL on records that are
// all different documents, which no memo of whole documents helps with.
func BenchmarkCheckJSONLUnique(b *testing.B) {
	const n = 10000
	data := uniqueInput(n)
	eng := linttest.Engine(b, 0)
	benchRun(b, eng, "bench.jsonl", data, n, "record")
}
