package lint

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
)

// job is one step of the ordered stream: a unit to check, or the end of a
// file.
type job struct {
	seq     int
	file    int
	unit    *unit
	fileEnd bool
	readErr error
}

// unitResult is what checking a unit produced. Record numbers in diags are
// relative to the unit until the emitter numbers them within the file.
type unitResult struct {
	diags []Diagnostic
	// recs are the unit's Normandy records, for the stream checks.
	recs         []streamRecord
	unit         *unit
	file         string
	values       int
	records      int
	normandy     int
	skipped      int
	withFindings int
	// normandyWithFindings counts the Normandy records among withFindings.
	normandyWithFindings int
	// parseErrors counts the records that were unreadable JSON.
	parseErrors int
	// formats counts records per input format; a unit rarely holds more
	// than one, so a slice beats a map.
	formats []formatCount
}

// checked is a job with what checking it produced (nil for the end of a
// file), on its way back to the emitter, which puts jobs back in order.
type checked struct {
	j   job
	res *unitResult
}

type formatCount struct {
	name string
	n    int
}

// Run checks the inputs in order and reports to rep. Units are checked in
// parallel; what rep sees does not depend on scheduling. The error is a
// reporter's error (a write failure); unreadable inputs are counted in the
// summary, not returned.
func (e *Engine) Run(inputs []Input, rep Reporter) (Summary, error) {
	sum := Summary{Formats: map[string]int{}}
	info := e.cfg.Info
	if info.Tool == "" {
		info.Tool = "normlint"
	}
	info.Rules = e.rules
	if err := rep.Start(info); err != nil {
		return sum, err
	}
	workers := e.cfg.Workers
	// inFlight bounds memory: the reader waits while this many units are
	// read but not yet reported.
	inFlight := make(chan struct{}, workers*4)
	jobs := make(chan job)
	results := make(chan checked, workers*4)
	stop := make(chan struct{})

	go func() {
		defer close(jobs)
		seq := 0
		send := func(j job) bool {
			select {
			case inFlight <- struct{}{}:
			case <-stop:
				return false
			}
			j.seq = seq
			seq++
			select {
			case jobs <- j:
				return true
			case <-stop:
				return false
			}
		}
		for i, in := range inputs {
			var readErr error
			rc, err := in.Open()
			if err != nil {
				readErr = err
			} else {
				if e.cfg.Progress != nil {
					rc = &countingReader{ReadCloser: rc, n: &e.cfg.Progress.Bytes}
				}
				errStop := errors.New("stopped")
				err = splitUnits(rc, func(u *unit) error {
					if !send(job{file: i, unit: u}) {
						return errStop
					}
					return nil
				})
				_ = rc.Close()
				if errors.Is(err, errStop) {
					return
				}
				readErr = err
			}
			if !send(job{file: i, fileEnd: true, readErr: readErr}) {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var res *unitResult
				if j.unit != nil {
					in := inputs[j.file]
					format := in.Format
					if format == "" {
						format = e.cfg.Format
					}
					res = e.process(j.unit, in.Name, format)
				}
				results <- checked{j, res}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	em := emitter{rep: rep, sum: &sum, e: e, inputs: inputs}
	for _, st := range e.streams {
		em.streams = append(em.streams, streamState{st: st, impl: st.rule.NewStream(), byID: e.byID})
	}
	waiting := map[int]checked{}
	next := 0
	var repErr error
	for r := range results {
		waiting[r.j.seq] = r
		for {
			w, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if repErr == nil {
				repErr = em.emit(w.j, w.res)
				if repErr != nil {
					close(stop)
				}
			}
			<-inFlight
		}
	}
	if repErr != nil {
		return sum, repErr
	}
	sum.CleanRecords = sum.NormandyRecords - em.normandyWithFindings
	if e.cfg.Finally != nil {
		last := e.cfg.Finally()
		sortDiagnostics(last)
		for i := range last {
			sum.Add(&last[i])
			if err := rep.Diagnostic(&last[i]); err != nil {
				return sum, err
			}
		}
	}
	return sum, rep.Finish(sum)
}

// countingReader adds what it reads to a progress counter.
type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}
