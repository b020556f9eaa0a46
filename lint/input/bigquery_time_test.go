package input

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestParseUTCTimestamp: the fast reading of the common rendering gives
// the time time.Parse gives, and declines whatever time.Parse refuses.
func TestParseUTCTimestamp(t *testing.T) {
	const layout = "2006-01-02 15:04:05.999999999 MST"
	r := rand.New(rand.NewPCG(4, 2))
	cases := []string{"2025-01-15 09:31:02.123456 UTC", "2025-01-15 09:31:02 UTC", "2024-02-29 23:59:59.999999999 UTC", "2025-02-29 00:00:00 UTC",
		"2025-01-15 24:00:00 UTC", "2025-01-15 09:60:00 UTC", "2025-01-15 09:31:60 UTC", "2025-13-01 00:00:00 UTC", "2025-00-01 00:00:00 UTC",
		"2025-01-00 00:00:00 UTC", "2025-04-31 00:00:00 UTC", "2025-01-15 09:31:02. UTC", "2025-01-15 09:31:02.1234567890 UTC", "2025-01-15 09:31:02,5 UTC",
		"2025-01-15 9:31:02 UTC", "2025-01-15T09:31:02 UTC", "2025-01-15 09:31:02 CET", "2025-01-15 09:31:02UTC", "-025-01-15 09:31:02 UTC",
		"+025-01-15 09:31:02 UTC", "0000-01-01 00:00:00 UTC", "9999-12-31 23:59:59.9 UTC", "2025-1a-15 09:31:02 UTC", "2025-01-15 09:31:02.12a UTC", " UTC", ""}
	for i := 0; i < 5000; i++ {
		tm := time.Date(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1e9), time.UTC)
		s := tm.Format("2006-01-02 15:04:05") + fmt.Sprintf(".%09d", tm.Nanosecond())[:1+r.IntN(10)] + " UTC"
		s = strings.Replace(s, ". UTC", " UTC", 1)
		if r.IntN(4) == 0 {
			b := []byte(s)
			b[r.IntN(len(b))] = "0123456789 :-.xU"[r.IntN(16)]
			s = string(b)
		}
		cases = append(cases, s)
	}
	fast := 0
	for _, s := range cases {
		got, ok := parseUTCTimestamp(s)
		want, err := time.Parse(layout, s)
		switch {
		case ok && err != nil:
			t.Fatalf("%q: read as %v, but time.Parse refuses it: %v", s, got, err)
		case ok && !got.Equal(want):
			t.Fatalf("%q: read as %v, time.Parse reads %v", s, got, want)
		case ok:
			fast++
		}
	}
	if fast < 3000 {
		t.Fatalf("only %d of %d renderings read fast", fast, len(cases))
	}
}
