package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// FileName is the configuration file Find looks for; altFileName is
// accepted too, for those whose editors prefer .yml. In one directory
// FileName wins over altFileName.
const (
	FileName    = ".normlint.yaml"
	altFileName = ".normlint.yml"
)

// The configuration's own rules (defined in the catalog), reported by
// Problems. They are known rule IDs to the configuration whatever the
// catalog passed to Load, so that `rules:` can turn them off or change
// their severity.
const (
	unusedWaiver  = rules.UnusedWaiver
	expiredWaiver = rules.ExpiredWaiver
)

// dateLayout is the format of a waiver's expires.
const dateLayout = "2006-01-02"

// Config is a loaded, valid configuration. Its methods are safe for
// concurrent use.
type Config struct {
	// Path is the file's path as given to Load or Parse (Find returns an
	// absolute one).
	Path string
	// Dir is the absolute directory of the file: path globs are relative
	// to it.
	Dir string
	// FailLevel is the file's fail-level; nil when unset.
	FailLevel *lint.Severity
	// MinSeverity is the lowest severity check shows; nil when unset.
	MinSeverity *lint.Severity
	// MaxLifecyclePairs is the file's max-lifecycle-pairs, the bound of
	// the lifecycle state; 0 when unset.
	MaxLifecyclePairs int
	// FirefoxVersion is the file's firefox-version, the Firefox versions
	// the data comes from (the zero range when unset); --firefox-version
	// wins over it.
	FirefoxVersion rules.FirefoxRange
	// Paths are what a run reads when the command line names no path, as
	// written (relative to Dir).
	Paths []string
	// Severity overrides the default severity of the rules set to error,
	// warning or info.
	Severity map[string]lint.Severity
	// Disabled has an entry for every rule the file sets: true for off,
	// false for anything else (on or a severity).
	Disabled map[string]bool
	// Exclude holds the exclude globs as written.
	Exclude []string
	// InputFormats holds the input-formats entries in file order.
	InputFormats []InputFormat
	// Waivers holds the waivers in file order.
	Waivers []*Waiver
	// Require lists the documented items (rules.Documented's form) that
	// report's coverage gate requires the inputs to contain.
	Require []string

	exclude []glob
	mu      sync.Mutex
	rels    map[string]string // file as given -> path relative to Dir ("" outside)
}

// InputFormat forces the input format of the files a glob matches.
type InputFormat struct {
	// Glob is the entry's path pattern, as written.
	Glob string
	// Format is an --input-format name.
	Format string
	// Line and Column locate the entry in the file.
	Line, Column int

	glob glob
}

// Waiver accepts known findings of one rule without disabling it. Empty
// fields match everything.
type Waiver struct {
	Rule, Reason string
	// Path is a glob over the finding's file, relative to the
	// configuration's directory.
	Path string
	// Pointer is a glob over the finding's JSON pointer.
	Pointer string
	// Value must equal the finding's Identity (the study's slug or name,
	// or the uptake source).
	Value string
	// Expires is the last day the waiver applies (midnight UTC of that
	// date); zero means it never expires.
	Expires time.Time
	// Line and Column locate the waiver (its first key) in the file.
	Line, Column int
	// Matched counts the findings the waiver accepted in this run.
	Matched int

	index   int // in the file's list, from 0
	lapsed  int // findings it matched after it expired (reported again)
	path    glob
	pointer glob
}

// Expired reports whether the waiver no longer applies on the calendar
// day of today (in today's own location: pass time.Now() for the local
// date). The expires day itself is still covered.
func (w *Waiver) Expired(today time.Time) bool {
	if w.Expires.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(w.Expires)
}

// Error is one problem in a configuration file.
type Error struct {
	File string
	// Line and Column (1-based, columns counting characters) of the
	// offending value, or of the key for key problems, or of the mapping
	// that lacks a required key.
	Line, Column int
	Message      string
}

// Error renders "file:line:column: message", the compiler form editors
// and CI problem matchers read.
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// Errors is every problem of a configuration file, sorted by position. Load
// and Parse return it as their error (use errors.As with a variable of type
// Errors); like go/scanner.ErrorList, it is a slice, not a pointer.
type Errors []*Error

// Error renders one problem per line.
func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As reach a single *Error.
func (l Errors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Find walks up from dir to the filesystem root and returns the first
// configuration file found, as an absolute path: in each directory
// FileName, then altFileName. Only regular files (or links to them)
// count.
func Find(dir string) (path string, ok bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		for _, name := range []string{FileName, altFileName} {
			p := filepath.Join(abs, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, true
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", false
		}
		abs = parent
	}
}

// Load reads and validates a configuration file. rules lists the catalog's
// rule IDs and formats the accepted --input-format names; a nil list
// accepts any name. A file that cannot be read is the os error; an invalid
// one is Errors, with every problem found.
func Load(path string, rules, formats []string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("cannot read configuration %s: %w", path, pe.Err)
		}
		return nil, fmt.Errorf("cannot read configuration %s: %w", path, err)
	}
	return Parse(path, data, rules, formats)
}

// Parse validates a configuration read from path (used for positions and
// for Dir). An empty file, or one of comments only, is a valid empty
// configuration.
func Parse(path string, data []byte, rules, formats []string) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	c := &Config{
		Path:     path,
		Dir:      dir,
		Severity: map[string]lint.Severity{},
		Disabled: map[string]bool{},
	}
	root, err := decodeYAML(data)
	if err != nil {
		return nil, Errors{syntaxError(path, data, err)}
	}
	if root == nil {
		return c, nil
	}
	d := newDocument(path, root)
	if d.values > maxValues {
		d.add(d.places[""].value, fmt.Sprintf("the configuration expands to more than %d values (YAML aliases?)", maxValues))
		return nil, d.sorted()
	}
	d.validate(formats)
	b := &builder{doc: d, cfg: c, rules: known(rules, unusedWaiver, expiredWaiver), formats: known(formats)}
	b.build()
	if len(d.errs) > 0 {
		return nil, d.sorted()
	}
	return c, nil
}

// known is a set of names; nil (accept anything) when names is nil.
func known(names []string, more ...string) map[string]bool {
	if names == nil {
		return nil
	}
	m := map[string]bool{}
	for _, n := range append(slices.Clone(names), more...) {
		m[n] = true
	}
	return m
}
