package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/report"
)

// output is one --format: a reporter and where it writes.
type output struct {
	format string
	path   string // "" = standard output
}

func (o output) String() string {
	if o.path == "" {
		return o.format + " (standard output)"
	}
	return o.format + "=" + o.path
}

// parseOutputs reads the --format values. Two outputs that would write the
// same file, however it is named (./o.json, a symbolic link, a hard link,
// /dev/stdout beside a format on standard output), are a usage error: their
// lines would interleave into a file no tool can read.
func parseOutputs(values []string, stdout io.Writer) ([]output, error) {
	if len(values) == 0 {
		values = []string{"text"}
	}
	var outs []output
	onStdout := 0
	for _, v := range values {
		format, path, _ := strings.Cut(v, "=")
		if _, ok := report.Lookup(format); !ok {
			return nil, usageErr("unknown --format %q (want %s, as FORMAT or FORMAT=PATH)", format, reporterNames())
		}
		if path == "" {
			onStdout++
		}
		outs = append(outs, output{format, path})
	}
	if onStdout > 1 {
		return nil, usageErr("--format: %d formats write to standard output; give all but one a file (FORMAT=PATH)", onStdout)
	}
	for i, a := range outs {
		for _, b := range outs[:i] {
			if sameDestination(a, b, stdout) {
				return nil, usageErr("--format %s and --format %s write to the same file; give each output a path of its own", b, a)
			}
		}
	}
	return outs, nil
}

// sameDestination reports whether two outputs would write the same file.
func sameDestination(a, b output, stdout io.Writer) bool {
	if a.path == "" && b.path == "" {
		return true
	}
	if a.path == "" || b.path == "" {
		// A path that is standard output itself (/dev/stdout, /dev/fd/1).
		p := a.path + b.path
		f, ok := stdout.(*os.File)
		if !ok {
			return false
		}
		st, err1 := f.Stat()
		pst, err2 := os.Stat(p)
		return err1 == nil && err2 == nil && os.SameFile(st, pst)
	}
	if resolvePath(a.path) == resolvePath(b.path) {
		return true
	}
	sa, err1 := os.Stat(a.path)
	sb, err2 := os.Stat(b.path)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// resolvePath names the file a path will write: absolute, with every
// symbolic link resolved, including a dangling one that os.Create follows
// and the links among its directories.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	for i := 0; i < 40; i++ { // a loop of links ends somewhere
		st, err := os.Lstat(abs)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			break
		}
		target, err := os.Readlink(abs)
		if err != nil {
			break
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(abs), target)
		}
		abs = target
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(real, base)
	}
	return abs
}

// outputSet is the reporters of a run, each guarded so that one that
// cannot write (a full disk, an unwritable path) stops only itself: the
// run and every other output go on to the end, and the failure is exit 4.
type outputSet struct {
	outs    []output
	guarded []*guardedReporter
	files   []*os.File
}

// guardedReporter keeps the first write error of its reporter and then
// stops calling it.
type guardedReporter struct {
	out output
	rep lint.Reporter
	err error
}

func (g *guardedReporter) call(f func() error) error {
	if g.err == nil {
		g.err = f()
	}
	return nil
}

// Start implements lint.Reporter.
func (g *guardedReporter) Start(info lint.RunInfo) error {
	return g.call(func() error { return g.rep.Start(info) })
}

// Diagnostic implements lint.Reporter.
func (g *guardedReporter) Diagnostic(d *lint.Diagnostic) error {
	return g.call(func() error { return g.rep.Diagnostic(d) })
}

// File implements lint.Reporter.
func (g *guardedReporter) File(f lint.FileResult) error {
	return g.call(func() error { return g.rep.File(f) })
}

// Finish implements lint.Reporter.
func (g *guardedReporter) Finish(s lint.Summary) error {
	return g.call(func() error { return g.rep.Finish(s) })
}

// openOutputs makes the reporters of every --format: the one without a
// path writes to standard output, the others to their files (their
// directories are created). An output that cannot be opened is a write
// failure of that output only.
func openOutputs(c *cli.Context, outs []output, color string) (*outputSet, lint.Reporter) {
	set := &outputSet{outs: outs}
	var reps multiReporter
	for _, o := range outs {
		g := &guardedReporter{out: o}
		set.guarded = append(set.guarded, g)
		w := c.App.Writer
		if o.path != "" {
			err := os.MkdirAll(filepath.Dir(o.path), 0o755)
			var f *os.File
			if err == nil {
				f, err = os.Create(o.path)
			}
			if err != nil {
				g.err = err
				reps = append(reps, g)
				continue
			}
			set.files = append(set.files, f)
			w = f
		}
		f, _ := report.Lookup(o.format)
		g.rep = f.New(w, report.Options{Color: o.format == "text" && useColor(color, w), StepSummary: os.Getenv("GITHUB_STEP_SUMMARY")})
		reps = append(reps, g)
	}
	if len(reps) == 1 {
		return set, reps[0]
	}
	return set, reps
}

// close closes the output files and returns every output that failed,
// worded for standard error.
func (s *outputSet) close() []string {
	for i, f := range s.files {
		if err := f.Close(); err != nil {
			for _, g := range s.guarded {
				if g.out.path == s.files[i].Name() && g.err == nil {
					g.err = err
				}
			}
		}
	}
	var failed []string
	for _, g := range s.guarded {
		if g.err != nil {
			failed = append(failed, fmt.Sprintf("cannot write --format %s: %v", g.out, describeWriteError(g.err)))
		}
	}
	return failed
}

// allToFiles reports whether no output goes to standard output, so that
// the run must say on standard error how it went.
func (s *outputSet) allToFiles() bool {
	for _, o := range s.outs {
		if o.path == "" {
			return false
		}
	}
	return true
}

func describeWriteError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
