package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/normlint/normlint/lint"
)

// progressThreshold is the input size from which a run is worth a progress
// display; standard input, whose size is unknown, always is.
const progressThreshold = 16 << 20

// largeInput reports whether the inputs are large enough for a progress
// display.
func largeInput(inputs []lint.Input, args []string) bool {
	for _, a := range args {
		if a == "-" {
			return true
		}
	}
	return totalSize(inputs) >= progressThreshold
}

// totalSize adds up the sizes of the inputs that are files.
func totalSize(inputs []lint.Input) int64 {
	var n int64
	for _, in := range inputs {
		if st, err := os.Stat(in.Name); err == nil && st.Mode().IsRegular() {
			n += st.Size()
		}
	}
	return n
}

// startProgress redraws one line on w (standard error, a terminal) until
// the returned function is called, which erases it.
func startProgress(w io.Writer, p *lint.Progress, total int64) func() {
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		fmt.Fprint(w, "\r\x1b[K"+progressLine(p.Bytes.Load(), p.Records.Load(), total, time.Since(start)))
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-tick.C:
				fmt.Fprint(w, "\r\x1b[K"+progressLine(p.Bytes.Load(), p.Records.Load(), total, time.Since(start)))
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

// progressLine renders bytes and records processed and the rate.
func progressLine(bytes, records, total int64, elapsed time.Duration) string {
	secs := max(elapsed.Seconds(), 0.001)
	line := fmt.Sprintf("normlint: %s", humanBytes(bytes))
	if total > 0 {
		line += fmt.Sprintf(" of %s (%d%%)", humanBytes(total), min(100, bytes*100/total))
	}
	return line + fmt.Sprintf(", %d records, %s/s, %.0f records/s", records, humanBytes(int64(float64(bytes)/secs)), float64(records)/secs)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
