package browsertest

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// recorder stands in for a testing.TB so that a test can watch Check fail
// (or skip) without failing itself.
type recorder struct {
	testing.TB // the real test: Name, TempDir, Cleanup
	mu         sync.Mutex
	errs, logs []string
	fatal      string
	skipped    string
}

func (r *recorder) add(list *[]string, s string) {
	r.mu.Lock()
	*list = append(*list, s)
	r.mu.Unlock()
}

func (r *recorder) Helper()                        {}
func (r *recorder) Error(args ...any)              { r.add(&r.errs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, a ...any) { r.add(&r.errs, fmt.Sprintf(format, a...)) }
func (r *recorder) Log(args ...any)                { r.add(&r.logs, fmt.Sprint(args...)); r.TB.Log(args...) }
func (r *recorder) Logf(format string, a ...any) {
	r.add(&r.logs, fmt.Sprintf(format, a...))
	r.TB.Logf(format, a...)
}
func (r *recorder) Fatal(args ...any) { r.fatal = fmt.Sprint(args...); runtime.Goexit() }
func (r *recorder) Fatalf(format string, a ...any) {
	r.fatal = fmt.Sprintf(format, a...)
	runtime.Goexit()
}
func (r *recorder) Skip(args ...any) { r.skipped = fmt.Sprint(args...); runtime.Goexit() }
func (r *recorder) Skipf(format string, a ...any) {
	r.skipped = fmt.Sprintf(format, a...)
	runtime.Goexit()
}
func (r *recorder) Failed() bool { return len(r.errs) > 0 || r.fatal != "" }
func (r *recorder) Fail()        { r.add(&r.errs, "Fail()") }
func (r *recorder) FailNow()     { r.fatal = "FailNow()"; runtime.Goexit() }
func (r *recorder) SkipNow()     { r.skipped = "SkipNow()"; runtime.Goexit() }

// watch runs check against a recorder on its own goroutine (Fatal and Skip
// end it with Goexit, as testing does) and returns what it recorded.
func watch(t *testing.T, check func(tb testing.TB) *Result) (*recorder, *Result) {
	t.Helper()
	rec := &recorder{TB: t}
	var res *Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		res = check(rec)
	}()
	<-done
	// A missing browser skips the real test, or fails it where required:
	// the harness's own tests must not pass without having run.
	if rec.skipped != "" {
		if os.Getenv("NORMLINT_BROWSER_TEST") == "required" {
			t.Fatalf("the harness skipped where NORMLINT_BROWSER_TEST=required: %s", rec.skipped)
		}
		t.Skip(rec.skipped)
	}
	if rec.fatal != "" {
		t.Fatalf("Check stopped: %s", rec.fatal)
	}
	return rec, res
}

// TestFits: a page built to fit a phone passes every check at both widths.
func TestFits(t *testing.T) {
	t.Parallel()
	r := Check(t, "testdata/fits.html", Options{Selectors: []Selector{
		{"h1", 1}, {"table tr", 3}, {"svg.chart", 1},
	}})
	if r == nil {
		return
	}
	for _, w := range DefaultWidths {
		v := r.Viewport(w)
		if v == nil || v.InnerWidth != w || v.Overflows() {
			t.Errorf("at %d px: %+v", w, v)
			continue
		}
		if st, err := os.Stat(v.Screenshot); err != nil || st.Size() < 1000 {
			t.Errorf("screenshot at %d px: %v", w, err)
		}
	}
	if r.PDF == nil || r.PDF.Pages != 1 {
		t.Errorf("the page printed to %+v, want one PDF page", r.PDF)
	}
}

// TestDetectsOverflow: a wide table and a long unbroken string fit at
// 1280 px and overflow at 390 px; Check fails there and names both.
func TestDetectsOverflow(t *testing.T) {
	t.Parallel()
	rec, r := watch(t, func(tb testing.TB) *Result {
		return Check(tb, "testdata/overflows.html", Options{Name: "overflows", ArtifactDir: t.TempDir()})
	})
	if r == nil {
		t.Fatal("Check returned no result")
	}
	if v := r.Viewport(1280); v == nil || v.Overflows() {
		t.Errorf("at 1280 px the page fits, the harness says %+v", v)
	}
	v := r.Viewport(390)
	if v == nil || !v.Overflows() || v.InnerWidth != 390 || v.ScrollWidth <= 390 {
		t.Fatalf("at 390 px the page overflows, the harness says %+v", v)
	}
	starts := map[string]Element{}
	for _, e := range v.Overflow {
		if e.Outermost {
			starts[e.Tag+"#"+e.ID+"."+e.Class] = e
		}
	}
	if e, ok := starts["table#wide."]; !ok || e.Spills || e.Right != v.ScrollWidth {
		t.Errorf("the wide table is not named where the overflow starts: %v", v.Overflow)
	}
	if e, ok := starts["p#.unbroken"]; !ok || !e.Spills {
		t.Errorf("the paragraph whose text spills is not named: %v", v.Overflow)
	}
	if len(rec.errs) != 1 {
		t.Fatalf("Check reported %d problems, want the overflow at 390 px: %q", len(rec.errs), rec.errs)
	}
	msg := rec.errs[0]
	for _, want := range []string{"at 390 px the page overflows", "scrollWidth", "table#wide", "p.unbroken", "starts at:", "overflows-390.png"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the overflow message lacks %q:\n%s", want, msg)
		}
	}
}

// TestKnownOverflow: a width listed in KnownOverflow is logged, not failed.
func TestKnownOverflow(t *testing.T) {
	t.Parallel()
	rec, r := watch(t, func(tb testing.TB) *Result {
		return Check(tb, "testdata/overflows.html", Options{Widths: []int{390}, KnownOverflow: []int{390}, ArtifactDir: t.TempDir()})
	})
	if r == nil || len(rec.errs) != 0 {
		t.Fatalf("a known overflow failed the test: %q", rec.errs)
	}
	if !strings.Contains(strings.Join(rec.logs, "\n"), "KNOWN FAILURE (not failing the test): at 390 px the page overflows") {
		t.Errorf("the known overflow was not logged: %q", rec.logs)
	}
}

// TestDetectsRequestsAndSelectors: a page that loads a stylesheet beside it
// and an image from the network fails, with both named, and so do a
// selector that matches nothing and one that is not CSS. An inline data:
// image is no request.
func TestDetectsRequestsAndSelectors(t *testing.T) {
	t.Parallel()
	rec, r := watch(t, func(tb testing.TB) *Result {
		return Check(tb, "testdata/fetches.html", Options{Widths: []int{390}, ArtifactDir: t.TempDir(),
			Selectors: []Selector{{"h1", 1}, {"img", 2}, {"table", 1}, {"p[", 1}}})
	})
	if r == nil {
		t.Fatal("Check returned no result")
	}
	all := strings.Join(rec.errs, "\n")
	for _, want := range []string{
		"the page requested file://" + mustAbs(t, "testdata/missing-style.css") + " (stylesheet)",
		"the page requested http://normlint.invalid/pixel.png (image)",
		`at 390 px "table" matches 0 elements, want at least 1`,
		`at 390 px the selector "p[" is not valid CSS`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem says %q; got:\n%s", want, all)
		}
	}
	if len(rec.errs) != 4 || len(r.Requests) != 2 {
		t.Errorf("want exactly 4 problems (2 requests, 2 selectors): %q", rec.errs)
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestProblems covers the judgement without a browser: a window narrower
// than asked, a width not measured, a page error.
func TestProblems(t *testing.T) {
	t.Parallel()
	r := &Result{
		Viewports:  []Viewport{{Width: 390, InnerWidth: 500, ClientWidth: 500, ScrollWidth: 500}},
		PageErrors: []string{"390px: boom"},
	}
	got := strings.Join(r.Problems(Options{}), "\n")
	for _, want := range []string{"no measurements at 1280 px", "at 390 px window.innerWidth is 500", "uncaught exception in the page: 390px: boom"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "overflows") {
		t.Errorf("scrollWidth == innerWidth is no overflow:\n%s", got)
	}
}

// TestUnavailable: without puppeteer-core, Check skips, or fails when
// NORMLINT_BROWSER_TEST=required.
func TestUnavailable(t *testing.T) {
	t.Setenv("NORMLINT_PUPPETEER_DIR", t.TempDir())
	if _, err := Run(context.Background(), "testdata/fits.html", Options{ArtifactDir: t.TempDir()}); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Run without puppeteer-core: %v, want ErrUnavailable", err)
	}
	for _, mode := range []string{"", "required"} {
		t.Setenv("NORMLINT_BROWSER_TEST", mode)
		rec := &recorder{TB: t}
		done := make(chan struct{})
		go func() { defer close(done); Check(rec, "testdata/fits.html", Options{}) }()
		<-done
		switch {
		case mode == "" && (rec.skipped == "" || rec.fatal != ""):
			t.Errorf("NORMLINT_BROWSER_TEST unset: skipped %q, fatal %q; want a skip", rec.skipped, rec.fatal)
		case mode == "required" && (rec.fatal == "" || rec.skipped != ""):
			t.Errorf("NORMLINT_BROWSER_TEST=required: skipped %q, fatal %q; want a failure", rec.skipped, rec.fatal)
		case !strings.Contains(rec.skipped+rec.fatal, "puppeteer-core"):
			t.Errorf("the message does not name what is missing: %q", rec.skipped+rec.fatal)
		}
	}
}

// TestViewportOnly: a picture of the viewport alone is as tall as the
// viewport, and no PDF is printed when NoPDF says so.
func TestViewportOnly(t *testing.T) {
	t.Parallel()
	r := Check(t, "testdata/fits.html", Options{Widths: []int{390}, Height: 120, ViewportOnly: true, NoPDF: true, ArtifactDir: t.TempDir()})
	if r == nil {
		return
	}
	f, err := os.Open(r.Viewports[0].Screenshot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 390 || cfg.Height != 120 {
		t.Errorf("the screenshot is %dx%d (%v), want the 390x120 viewport", cfg.Width, cfg.Height, err)
	}
	if r.PDF != nil {
		t.Errorf("NoPDF printed %+v", r.PDF)
	}
}
