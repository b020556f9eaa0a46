package lint

import (
	"io"
	"sync/atomic"
)

// Config is what the command line hands the engine: the catalog, the schema
// validators and the input adapters, none of which the engine knows itself.
type Config struct {
	Rules      []*Rule
	Validators []Validator
	// Adapters are tried in order; the first whose Detect accepts a value
	// extracts it.
	Adapters []Adapter
	// Format, when set, is the one adapter name tried for every value: a
	// value it does not accept is unrecognized input.
	Format string
	// NoSkim decodes every value, even those that an adapter's Skim can
	// tell hold no Normandy record from their top-level members; the
	// output is the same, only slower (the differential test compares).
	NoSkim bool
	// NoDirect decodes every value, even those that an adapter can read
	// straight into records (DirectReader); the output is the same, only
	// slower (the differential test compares).
	NoDirect bool
	// Workers is the number of units checked at once; 0 means one per CPU.
	Workers int
	// Severity overrides rules' default severities.
	Severity map[string]Severity
	// Disabled rules are not run and never reported.
	Disabled map[string]bool
	// Observer, when set, sees every Normandy record in stream order, as
	// the stream checks do (the audit report counts them).
	Observer Observer
	// Progress, when set, is kept up to date while the run goes on.
	Progress *Progress
	// Info describes the tool to reporters; the engine fills in Rules.
	Info RunInfo
	// Suppress, when set, decides for every finding whether it is
	// reported (a configuration waiver, a baseline entry). Suppressed
	// findings are counted apart and do not make the run fail.
	Suppress func(d *Diagnostic) Suppression
	// ShowWaived reports waived findings anyway, marked as waived.
	ShowWaived bool
	// MaxLifecyclePairs bounds the state of the stream checks that follow
	// each study through a client's records: how many (client, study)
	// pairs they remember, the oldest forgotten first. 0 means the
	// streams' own default.
	MaxLifecyclePairs int
	// Finally, when set, is called once all inputs are done, for
	// findings about the run itself (unused or expired waivers); they are
	// reported and counted like the others, after them.
	Finally func() []Diagnostic
}

// Suppression is why a finding is not reported.
type Suppression uint8

// Suppressions.
const (
	NotSuppressed Suppression = iota
	Waived
	Baselined
)

// Observer sees every Normandy record of a run in stream order, on one
// goroutine.
type Observer interface {
	Observe(r *Record, file string)
}

// NumberedObserver is an Observer that is also told each record's number
// in its file (the Record of its Diagnostics), to tie findings to the
// records they are about. A unit's records are observed before its
// findings are reported.
type NumberedObserver interface {
	Observer
	ObserveNumbered(r *Record, file string, n int)
}

// Progress counts a run's work as it happens, for a progress display; it
// is safe to read from another goroutine.
type Progress struct {
	// Bytes read from the inputs (compressed bytes for gzip).
	Bytes atomic.Int64
	// Records reported so far.
	Records atomic.Int64
}

// Input is one thing to check: a file, or standard input.
type Input struct {
	// Name is shown in diagnostics.
	Name string
	// Open returns the input's bytes. An error makes the input unreadable
	// (exit 3); the other inputs are still checked.
	Open func() (io.ReadCloser, error)
	// Format, when set, is the one adapter name tried for this input's
	// values, over Config.Format.
	Format string
}
