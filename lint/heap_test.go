package lint_test

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// liveHeap is what the last garbage collection found live: unlike the heap
// in use, it holds no garbage, so its peak does not depend on when the
// collector happened to run (a busy machine, the race detector).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// watchLiveHeap samples the live heap until the returned function is
// called, which returns by how much it grew at most; over is told, once,
// when the growth passes bound (0: no bound).
func watchLiveHeap(bound uint64, over *atomic.Bool) func() uint64 {
	runtime.GC()
	base := liveHeap()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			live := liveHeap() // one reading: two could differ
			if grown := live - min(live, base); grown > peak.Load() {
				peak.Store(grown)
				if bound > 0 && grown > bound && over != nil {
					over.Store(true)
				}
			}
		}
	}()
	return func() uint64 {
		close(stop)
		wg.Wait()
		return peak.Load()
	}
}
