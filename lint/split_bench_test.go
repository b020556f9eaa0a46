package lint

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkSplit measures reading alone (splitting an input into units with
// their positions) for the same 5,000 records in three layouts.
func BenchmarkSplit(b *testing.B) {
	const n = 5000
	recs := make([]string, n)
	for i := range recs {
		recs[i] = fmt.Sprintf(`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-%d", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c%d", "timestamp": %d}`, i%50, i%1000, i)
	}
	layouts := map[string]string{
		"array-line":  "[" + strings.Join(recs, ",") + "]\n",
		"json-lines":  strings.Join(recs, "\n") + "\n",
		"pretty-list": "[\n  " + strings.Join(recs, ",\n  ") + "\n]\n",
	}
	for _, name := range []string{"array-line", "json-lines", "pretty-list"} {
		data := []byte(layouts[name])
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				units := 0
				if err := splitUnits(bytes.NewReader(data), func(*unit) error { units++; return nil }); err != nil || units != n && units != 1 {
					b.Fatal(units, err)
				}
			}
		})
	}
}
