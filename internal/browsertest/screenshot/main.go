// Command screenshot regenerates docs/report.png, the picture of the HTML
// report that README and docs/report.md show: it renders `normlint report
// --format html` on the shipped samples (testdata/samples/valid/* and
// testdata/samples/invalid/*, as README's quick start checks them) in
// headless Chromium through internal/browsertest, and keeps the top of the
// page at 1280 CSS px. Run it from the repository's root after a change
// that shows in the report:
//
//	go run ./internal/browsertest/screenshot
//
// It needs what the browser test needs (.ci/browser-setup installs it and
// prints the NORMLINT_PUPPETEER_DIR to set).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/normlint/normlint/internal/browsertest"
	"github.com/normlint/normlint/internal/cli"
)

// Command is how the documentation names this program; a test checks that
// docs/report.md and CONTRIBUTING.md give it.
const Command = "go run ./internal/browsertest/screenshot"

// samples are the inputs, as README's quick start names them.
var samples = []string{"testdata/samples/valid/*", "testdata/samples/invalid/*"}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("screenshot", flag.ContinueOnError)
	out := fs.String("o", "docs/report.png", "the PNG to write")
	width := fs.Int("width", 1280, "viewport width in CSS px")
	height := fs.Int("height", 1100, "viewport height in CSS px: how much of the page's top the picture shows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var inputs []string
	for _, pattern := range samples {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return err
		}
		sort.Strings(m)
		inputs = append(inputs, m...)
	}
	if len(inputs) == 0 {
		return errors.New("no samples found: run it from the repository's root")
	}
	var page, stderr bytes.Buffer
	if code := cli.Run(append([]string{"normlint", "report", "--format", "html"}, inputs...), nil, &page, &stderr); code != 0 {
		return fmt.Errorf("normlint report exited %d: %s", code, stderr.String())
	}
	tmp, err := os.MkdirTemp("", "normlint-screenshot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	html := filepath.Join(tmp, "report.html")
	if err := os.WriteFile(html, page.Bytes(), 0o644); err != nil {
		return err
	}
	res, err := browsertest.Run(context.Background(), html, browsertest.Options{
		Widths: []int{*width}, Height: *height, Name: "report", ArtifactDir: tmp, ViewportOnly: true, NoPDF: true,
	})
	if err != nil {
		return err
	}
	// A picture of a broken page is worse than none.
	if problems := res.Problems(browsertest.Options{Widths: []int{*width}}); len(problems) > 0 {
		return fmt.Errorf("the page has problems: %v", problems)
	}
	png, err := os.ReadFile(res.Viewports[0].Screenshot)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, png, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "%s: %d bytes, %dx%d px, %s on %d samples\n", *out, len(png), *width, *height, res.Browser, len(inputs))
	return nil
}
