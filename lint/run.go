package lint

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
)

// Batching: the reader hands workers units a batch at a time, so that a
// channel operation, a wake-up and a reordering step are paid per batch
// rather than per JSON Lines line. A batch is sent when it holds
// batchUnits units or batchBytes bytes of input, at the end of a file, and
// whenever the reader is about to wait for more input (see flushingReader):
// a batch never waits for input that may be slow to come (standard input).
const (
	batchUnits = 64
	batchBytes = 256 << 10
)

// batch is one step of the ordered stream: consecutive units of one file,
// and possibly the end of that file.
type batch struct {
	seq   int
	units []*unit
	// files are the units' input indexes: a batch spans files, so that a
	// run over thousands of small files does not pay a batch per file.
	files []int
	// results are the units' results, in the same order; workers fill
	// them in.
	results []*unitResult
	// ends are the files that end in this batch, in order.
	ends  []fileEnd
	bytes int
	// arena holds the batch's JSON Lines lines (alloc), reused with the
	// batch once it is reported: nothing keeps a unit's bytes after that.
	arena []byte
}

// arenaChunk is the size of a batch's line memory: a full batch's bytes.
const arenaChunk = batchBytes

// alloc returns n bytes of the batch's line memory.
func (b *batch) alloc(n int) []byte {
	if n > arenaChunk/4 {
		return make([]byte, n)
	}
	if cap(b.arena)-len(b.arena) < n {
		// The full chunk stays with the units that point into it; the
		// batch goes on in a new one.
		b.arena = make([]byte, 0, arenaChunk)
	}
	s := b.arena[len(b.arena) : len(b.arena)+n : len(b.arena)+n]
	b.arena = b.arena[:len(b.arena)+n]
	return s
}

// fileEnd is the end of an input within a batch: after is how many of the
// batch's units come before it; readErr is why the input could not be read
// to its end, if so.
type fileEnd struct {
	after   int
	file    int
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
	// formatsBuf and recsBuf hold a unit's usual one format and one record
	// without allocations of their own.
	formatsBuf [1]formatCount
	recsBuf    [1]streamRecord
}

type formatCount struct {
	name string
	n    int
}

// Run checks the inputs in order and reports to rep. Units are checked in
// parallel; what rep sees does not depend on scheduling. The error is a
// reporter's error (a write failure); unreadable inputs are counted in the
// summary, not returned.
//
// Three kinds of goroutine share the work: one reader splits the inputs
// into units and batches them, workers check batches, and the calling
// goroutine puts checked batches back in order, runs the stream checks and
// feeds the reporter. At most inFlight batches are between the reader and
// the reporter at any time, which bounds memory whatever the input size.
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
	// Enough batches in flight that every worker has one to check and
	// one waiting, while the emitter works through another, and no more:
	// a batch in flight holds its records' decoded values.
	inFlight := 2*workers + 2
	slots := make(chan struct{}, inFlight)
	jobs := make(chan *batch, inFlight)
	results := make(chan *batch, inFlight)
	stop := make(chan struct{})
	// Reported batches come back to the reader to be filled again.
	free := make(chan *batch, inFlight)

	go func() {
		labelStage("read")
		e.read(inputs, slots, free, jobs, stop)
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			labelStage("check")
			for b := range jobs {
				for k, u := range b.units {
					in := inputs[b.files[k]]
					format := in.Format
					if format == "" {
						format = e.cfg.Format
					}
					b.results = append(b.results, e.process(u, in.Name, format))
				}
				results <- b
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
	// ring holds checked batches until their turn: a batch's seq is less
	// than next+inFlight (the reader takes a slot before numbering it), so
	// seq%inFlight never collides.
	labelStage("emit")
	defer labelStage("")
	ring := make([]*batch, inFlight)
	next := 0
	var repErr error
	for b := range results {
		ring[b.seq%inFlight] = b
		for {
			w := ring[next%inFlight]
			if w == nil {
				break
			}
			ring[next%inFlight] = nil
			next++
			if repErr == nil {
				repErr = em.emitBatch(w)
				if repErr != nil {
					close(stop)
				}
			}
			w.reset()
			select {
			case free <- w:
			default:
			}
			<-slots
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

// read splits the inputs into units, in order, and sends them to jobs in
// batches. It takes a slot per batch, which the emitter gives back once
// the batch is reported, and stops early when stop is closed.
func (e *Engine) read(inputs []Input, slots chan struct{}, free <-chan *batch, jobs chan<- *batch, stop <-chan struct{}) {
	defer close(jobs)
	seq := 0
	var cur *batch
	newBatch := func() *batch {
		select {
		case b := <-free:
			return b
		default:
			return &batch{}
		}
	}
	send := func() bool {
		select {
		case slots <- struct{}{}:
		case <-stop:
			return false
		}
		cur.seq = seq
		seq++
		b := cur
		cur = nil
		select {
		case jobs <- b:
			return true
		case <-stop:
			return false
		}
	}
	errStop := errors.New("stopped")
	cur = newBatch()
	for i, in := range inputs {
		var readErr error
		rc, err := in.Open()
		if err != nil {
			readErr = err
		} else {
			var r io.Reader = rc
			if e.cfg.Progress != nil {
				r = &countingReader{r: r, n: &e.cfg.Progress.Bytes}
			}
			var fr *flushingReader
			if mayWait(rc) {
				fr = &flushingReader{r: r}
				fr.flush = func() error {
					if len(cur.units) == 0 {
						return nil
					}
					if !send() {
						return errStop
					}
					cur = newBatch()
					return nil
				}
				r = fr
			}
			err = splitUnitsInto(r, func(n int) []byte { return cur.alloc(n) }, func(u *unit) error {
				cur.units = append(cur.units, u)
				cur.files = append(cur.files, i)
				cur.bytes += len(u.raw)
				if len(cur.units) < batchUnits && cur.bytes < batchBytes {
					return nil
				}
				if !send() {
					return errStop
				}
				cur = newBatch()
				return nil
			})
			_ = rc.Close()
			if errors.Is(err, errStop) || fr != nil && errors.Is(fr.err, errStop) {
				return
			}
			readErr = err
		}
		cur.ends = append(cur.ends, fileEnd{after: len(cur.units), file: i, readErr: readErr})
		// The batch goes when it is full, at the last input, or before an
		// input that may keep it waiting.
		last := i == len(inputs)-1
		if last || len(cur.units) >= batchUnits || cur.bytes >= batchBytes || len(cur.ends) >= batchUnits {
			if !send() {
				return
			}
			if !last {
				cur = newBatch()
			}
		}
	}
	if len(inputs) == 0 {
		return
	}
}

// mayWait reports whether reading an input may wait for more of it (a pipe,
// a terminal, a socket) rather than only for the disk: the units split
// from it are then sent before each read, so that none waits with it. An
// input can say so itself with a MayWait method; an *os.File is asked for
// its mode; anything else may wait.
func mayWait(r io.Reader) bool {
	if w, ok := r.(interface{ MayWait() bool }); ok {
		return w.MayWait()
	}
	f, ok := r.(*os.File)
	if !ok {
		return true
	}
	fi, err := f.Stat()
	return err != nil || !fi.Mode().IsRegular()
}

// reset empties a reported batch for reuse, keeping its slices' storage
// but nothing they pointed to.
func (b *batch) reset() {
	clear(b.units)
	clear(b.results)
	clear(b.ends)
	*b = batch{units: b.units[:0], files: b.files[:0], results: b.results[:0], ends: b.ends[:0], arena: b.arena[:0]}
}

// labelStage labels the calling goroutine's CPU profile samples with its
// stage of the pipeline (go tool pprof -tags, or -tagfocus=stage=emit),
// which shows how much of a run is serial; an empty stage removes the
// label.
func labelStage(stage string) {
	if stage == "" {
		pprof.SetGoroutineLabels(context.Background())
		return
	}
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("stage", stage)))
}

// flushingReader sends the batch being filled before it reads: a read may
// wait for input (a pipe, a terminal), and the units already split must
// not wait with it.
type flushingReader struct {
	r     io.Reader
	flush func() error
	err   error
}

func (f *flushingReader) Read(p []byte) (int, error) {
	if f.err == nil {
		f.err = f.flush()
	}
	if f.err != nil {
		return 0, f.err
	}
	return f.r.Read(p)
}

// emitBatch reports a checked batch.
func (m *emitter) emitBatch(b *batch) error {
	ends := b.ends
	for k, res := range b.results {
		for len(ends) > 0 && ends[0].after == k {
			if err := m.endFile(ends[0].file, ends[0].readErr); err != nil {
				return err
			}
			ends = ends[1:]
		}
		if err := m.emit(b.files[k], res); err != nil {
			return err
		}
	}
	for _, end := range ends {
		if err := m.endFile(end.file, end.readErr); err != nil {
			return err
		}
	}
	return nil
}

// countingReader adds what it reads to a progress counter.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
