package browsertest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

//go:embed check.mjs
var checkScript []byte

// DefaultWidths are the viewport widths Check uses when Options.Widths is
// empty: a laptop and a phone, in CSS px.
var DefaultWidths = []int{1280, 390}

// DefaultHeight is the viewport height when Options.Height is 0.
const DefaultHeight = 900

// Selector is a CSS selector that must match at least Min elements.
type Selector struct {
	Selector string `json:"selector"`
	Min      int    `json:"min"`
}

// Options says what Check and Run render and check.
type Options struct {
	// Widths are the viewport widths in CSS px (default DefaultWidths).
	Widths []int
	// Height is the viewport height (default DefaultHeight); screenshots
	// take the full page whatever it is.
	Height int
	// Selectors must each match at least their Min elements at every width.
	Selectors []Selector
	// Name is the base name of the screenshots (<Name>-<width>.png) and of
	// the PDF (<Name>.pdf). Check defaults it to the test's name.
	Name string
	// ArtifactDir is where screenshots and the PDF go. Check defaults it
	// to $NORMLINT_ARTIFACTS, else to a temporary folder of the test.
	ArtifactDir string
	// KnownOverflow lists widths at which horizontal overflow is a known
	// defect: Check logs it with t.Log instead of failing. Every use
	// should name the issue that will fix it.
	KnownOverflow []int
	// Timeout bounds the whole run (default 2 minutes).
	Timeout time.Duration
	// ViewportOnly takes each screenshot of the viewport (Width by
	// Height) instead of the full page: a picture for a README.
	ViewportOnly bool
	// NoPDF skips the print to PDF.
	NoPDF bool
}

// Element is an element that reaches past the window's right edge.
type Element struct {
	Tag   string `json:"tag"`
	ID    string `json:"id"`
	Class string `json:"class"`
	// Text is the start of its text content.
	Text  string `json:"text"`
	Left  int    `json:"left"`
	Right int    `json:"right"`
	Width int    `json:"width"`
	// Spills is true when its content, not its box, passes the edge (a
	// long unbroken string, say).
	Spills bool `json:"spills"`
	// Outermost is true when its parent stays within the window: the
	// overflow starts here.
	Outermost bool `json:"outermost"`
}

// String names the element as a CSS selector would, with its size and text.
func (e Element) String() string {
	s := e.Tag
	if e.ID != "" {
		s += "#" + e.ID
	}
	if e.Class != "" {
		s += "." + strings.ReplaceAll(e.Class, " ", ".")
	}
	how := "box"
	if e.Spills {
		how = "content"
	}
	return fmt.Sprintf("%s (%s from x=%d to x=%d, %d px wide) %q", s, how, e.Left, e.Right, e.Width, e.Text)
}

// SelectorCount is how many elements a selector matched.
type SelectorCount struct {
	Selector string `json:"selector"`
	Min      int    `json:"min"`
	Count    int    `json:"count"`
	// Error is the browser's word on a selector it could not parse.
	Error string `json:"error,omitempty"`
}

// Viewport is what the page measured at one width.
type Viewport struct {
	// Width and Height are what was asked for.
	Width  int `json:"width"`
	Height int `json:"height"`
	// InnerWidth is window.innerWidth; ClientWidth and ScrollWidth are
	// document.documentElement's.
	InnerWidth  int `json:"innerWidth"`
	ClientWidth int `json:"clientWidth"`
	ScrollWidth int `json:"scrollWidth"`
	// Overflow lists up to 30 elements past the right edge, those where
	// the overflow starts first; OverflowCount counts them all.
	Overflow      []Element       `json:"overflow"`
	OverflowCount int             `json:"overflowCount"`
	Selectors     []SelectorCount `json:"selectors"`
	// Screenshot is the full-page PNG's path.
	Screenshot string `json:"screenshot"`
}

// Overflows reports whether the document is wider than the window.
func (v Viewport) Overflows() bool { return v.ScrollWidth > v.InnerWidth }

// Request is a request the page made for something other than itself.
type Request struct {
	URL  string `json:"url"`
	Type string `json:"type"`
}

// PDF is the page printed to PDF (A4, with backgrounds).
type PDF struct {
	Path  string `json:"path"`
	Bytes int    `json:"bytes"`
	Pages int    `json:"pages"`
}

// Result is what one run of the browser found.
type Result struct {
	URL     string `json:"url"`
	Browser string `json:"browser"`
	// DOM is the document serialized after it loaded at the first width,
	// for tests that compare what the page shows with what it should.
	DOM string `json:"dom"`
	// Viewports has one entry per width, in the order asked.
	Viewports []Viewport `json:"viewports"`
	// Requests the page made other than for its own file; all were
	// aborted, and a self-contained page makes none.
	Requests []Request `json:"requests"`
	// PageErrors are uncaught exceptions; ConsoleErrors are console
	// messages of level error (a blocked request logs one).
	PageErrors    []string `json:"pageErrors"`
	ConsoleErrors []string `json:"consoleErrors"`
	PDF           *PDF     `json:"pdf"`
	Error         string   `json:"error"`
}

// Viewport returns the measurements at width, or nil.
func (r *Result) Viewport(width int) *Viewport {
	for i := range r.Viewports {
		if r.Viewports[i].Width == width {
			return &r.Viewports[i]
		}
	}
	return nil
}

// OverflowReport describes an overflow at v for a person: the widths and
// the elements past the edge.
func OverflowReport(v Viewport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "at %d px the page overflows: document.documentElement.scrollWidth %d > window.innerWidth %d (clientWidth %d); %d elements reach past the right edge",
		v.Width, v.ScrollWidth, v.InnerWidth, v.ClientWidth, v.OverflowCount)
	for _, e := range v.Overflow {
		mark := "   inside:"
		if e.Outermost {
			mark = "  starts at:"
		}
		fmt.Fprintf(&b, "\n%s %s", mark, e)
	}
	if v.OverflowCount > len(v.Overflow) {
		fmt.Fprintf(&b, "\n  … and %d more", v.OverflowCount-len(v.Overflow))
	}
	if v.Screenshot != "" {
		fmt.Fprintf(&b, "\n  screenshot: %s", v.Screenshot)
	}
	return b.String()
}

// Problems lists every failed check of r against opts, one message each:
// a width of opts.Widths not measured, a window narrower or wider than
// asked, an overflow (except at the widths in opts.KnownOverflow), a
// selector matched too few times, a request, a page error.
func (r *Result) Problems(opts Options) []string {
	var out []string
	widths := opts.Widths
	if len(widths) == 0 {
		widths = DefaultWidths
	}
	for _, w := range widths {
		if r.Viewport(w) == nil {
			out = append(out, fmt.Sprintf("no measurements at %d px", w))
		}
	}
	for _, v := range r.Viewports {
		if v.InnerWidth != v.Width {
			out = append(out, fmt.Sprintf("at %d px window.innerWidth is %d: the viewport was not set as asked", v.Width, v.InnerWidth))
		}
		if v.Overflows() && !containsInt(opts.KnownOverflow, v.Width) {
			out = append(out, OverflowReport(v))
		}
		for _, s := range v.Selectors {
			switch {
			case s.Error != "":
				out = append(out, fmt.Sprintf("at %d px the selector %q is not valid CSS: %s", v.Width, s.Selector, s.Error))
			case s.Count < s.Min:
				out = append(out, fmt.Sprintf("at %d px %q matches %d elements, want at least %d", v.Width, s.Selector, s.Count, s.Min))
			}
		}
	}
	for _, q := range r.Requests {
		out = append(out, fmt.Sprintf("the page requested %s (%s); a self-contained page fetches nothing", q.URL, q.Type))
	}
	for _, e := range r.PageErrors {
		out = append(out, "uncaught exception in the page: "+e)
	}
	return out
}

func containsInt(s []int, n int) bool {
	for _, v := range s {
		if v == n {
			return true
		}
	}
	return false
}

// ErrUnavailable is wrapped by Run's error when Node, Chromium or
// puppeteer-core is missing.
var ErrUnavailable = errors.New("browser test unavailable")

// Tools are the programs a run uses.
type Tools struct {
	Node         string
	Chromium     string
	PuppeteerDir string
}

// FindTools locates Node, Chromium and puppeteer-core, as the package
// comment says; the error wraps ErrUnavailable and tells how to install
// what is missing.
func FindTools() (Tools, error) {
	var t Tools
	var missing []string
	if p, err := exec.LookPath("node"); err == nil {
		t.Node = p
	} else {
		missing = append(missing, "node (Debian's nodejs)")
	}
	if c := os.Getenv("NORMLINT_CHROMIUM"); c != "" {
		if p, err := exec.LookPath(c); err == nil {
			t.Chromium = p
		} else {
			missing = append(missing, "NORMLINT_CHROMIUM="+c)
		}
	} else {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				t.Chromium = p
				break
			}
		}
		if t.Chromium == "" {
			missing = append(missing, "chromium (apt-get install chromium)")
		}
	}
	t.PuppeteerDir = os.Getenv("NORMLINT_PUPPETEER_DIR")
	if t.PuppeteerDir == "" {
		if cache, err := os.UserCacheDir(); err == nil {
			t.PuppeteerDir = filepath.Join(cache, "normlint-browser")
		}
	}
	if _, err := os.Stat(filepath.Join(t.PuppeteerDir, "node_modules", "puppeteer-core", "package.json")); err != nil {
		missing = append(missing, fmt.Sprintf("puppeteer-core in %s/node_modules (run .ci/browser-setup and set NORMLINT_PUPPETEER_DIR)", t.PuppeteerDir))
	}
	if len(missing) > 0 {
		return t, fmt.Errorf("%w: missing %s", ErrUnavailable, strings.Join(missing, ", "))
	}
	return t, nil
}

type input struct {
	HTML          string     `json:"html"`
	Widths        []int      `json:"widths"`
	Height        int        `json:"height"`
	Selectors     []Selector `json:"selectors"`
	ScreenshotDir string     `json:"screenshotDir"`
	Name          string     `json:"name"`
	Chromium      string     `json:"chromium"`
	PuppeteerDir  string     `json:"puppeteerDir"`
	TimeoutMs     int        `json:"timeoutMs"`
	ViewportOnly  bool       `json:"viewportOnly"`
	PDF           bool       `json:"pdf"`
}

// Run renders htmlPath with the tools found by FindTools and returns what
// the browser measured, without judging it (see Result.Problems). Its
// error wraps ErrUnavailable when a tool is missing.
func Run(ctx context.Context, htmlPath string, opts Options) (*Result, error) {
	tools, err := FindTools()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return nil, err
	}
	if opts.ArtifactDir == "" {
		return nil, errors.New("browsertest.Run: Options.ArtifactDir is empty")
	}
	if err := os.MkdirAll(opts.ArtifactDir, 0o755); err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	script, err := os.CreateTemp("", "normlint-check-*.mjs")
	if err != nil {
		return nil, err
	}
	defer os.Remove(script.Name())
	if _, err := script.Write(checkScript); err != nil {
		script.Close()
		return nil, err
	}
	if err := script.Close(); err != nil {
		return nil, err
	}
	in := input{
		HTML: abs, Widths: opts.Widths, Height: opts.Height, Selectors: opts.Selectors,
		ScreenshotDir: opts.ArtifactDir, Name: opts.Name,
		Chromium: tools.Chromium, PuppeteerDir: tools.PuppeteerDir, TimeoutMs: 30000,
		ViewportOnly: opts.ViewportOnly, PDF: !opts.NoPDF,
	}
	if len(in.Widths) == 0 {
		in.Widths = DefaultWidths
	}
	if in.Height == 0 {
		in.Height = DefaultHeight
	}
	if in.Selectors == nil {
		in.Selectors = []Selector{}
	}
	stdin, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, tools.Node, script.Name())
	cmd.Stdin = bytes.NewReader(stdin)
	// puppeteer-core has no browser to fetch; make sure nothing tries.
	cmd.Env = append(os.Environ(), "PUPPETEER_SKIP_DOWNLOAD=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// On a timeout, end Chromium with Node: they share a process group.
	killGroupOnCancel(cmd)
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	var r Result
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &r); err != nil {
		if runErr != nil {
			err = errors.Join(runErr, err)
		}
		return nil, fmt.Errorf("check.mjs printed no JSON: %w\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	if runErr != nil {
		return &r, fmt.Errorf("check.mjs failed: %w: %s\nstderr: %s", runErr, r.Error, stderr.String())
	}
	if r.Error != "" {
		return &r, fmt.Errorf("check.mjs failed: %s\nstderr: %s", r.Error, stderr.String())
	}
	return &r, nil
}

// Check renders htmlPath in headless Chromium at each of opts.Widths and
// fails t, with messages that name the offending elements, on every
// problem Result.Problems lists. Overflow at a width in opts.KnownOverflow
// is logged instead. It skips t when Node, Chromium or puppeteer-core is
// missing, unless NORMLINT_BROWSER_TEST is "required", when it fails.
// Screenshots and the PDF go to opts.ArtifactDir, $NORMLINT_ARTIFACTS, or
// a temporary folder, in that order; their paths are logged.
func Check(t testing.TB, htmlPath string, opts Options) *Result {
	t.Helper()
	if opts.Name == "" {
		opts.Name = artifactName(t.Name())
	}
	if opts.ArtifactDir == "" {
		opts.ArtifactDir = os.Getenv("NORMLINT_ARTIFACTS")
		if opts.ArtifactDir != "" && !filepath.IsAbs(opts.ArtifactDir) {
			t.Fatalf("NORMLINT_ARTIFACTS must be an absolute path (go test runs each package in its own folder): %q", opts.ArtifactDir)
			return nil
		}
	}
	if opts.ArtifactDir == "" {
		opts.ArtifactDir = t.TempDir()
	}
	start := time.Now()
	r, err := Run(context.Background(), htmlPath, opts)
	if errors.Is(err, ErrUnavailable) {
		if os.Getenv("NORMLINT_BROWSER_TEST") == "required" {
			t.Fatalf("NORMLINT_BROWSER_TEST=required, but %v", err)
		} else {
			t.Skipf("%v (set NORMLINT_BROWSER_TEST=required to make this a failure)", err)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("rendering %s in headless Chromium: %v", htmlPath, err)
		return nil
	}
	t.Logf("%s rendered by %s at %v px in %.1fs", filepath.Base(htmlPath), r.Browser, widthsOf(r), time.Since(start).Seconds())
	for _, v := range r.Viewports {
		t.Logf("  %d px: innerWidth %d, scrollWidth %d, screenshot %s", v.Width, v.InnerWidth, v.ScrollWidth, v.Screenshot)
	}
	if r.PDF != nil {
		t.Logf("  printed: %s, %d pages, %d bytes", r.PDF.Path, r.PDF.Pages, r.PDF.Bytes)
	}
	for _, e := range r.ConsoleErrors {
		t.Logf("  console error: %s", e)
	}
	for _, v := range r.Viewports {
		if v.Overflows() && containsInt(opts.KnownOverflow, v.Width) {
			t.Logf("KNOWN FAILURE (not failing the test): %s", OverflowReport(v))
		}
	}
	for _, p := range r.Problems(opts) {
		t.Error(p)
	}
	return r
}

func widthsOf(r *Result) []int {
	var w []int
	for _, v := range r.Viewports {
		w = append(w, v.Width)
	}
	return w
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func artifactName(testName string) string {
	return strings.Trim(unsafeName.ReplaceAllString(testName, "_"), "_")
}
