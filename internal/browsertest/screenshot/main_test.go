package main

import (
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/browsertest"
)

// TestMain runs from the repository's root, where the command runs.
func TestMain(m *testing.M) {
	if err := os.Chdir("../../.."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// TestPictureShippedAndDocumented: docs/report.png is a PNG of the page's
// top at 1280 px, README shows it while staying under 20 KB, and
// docs/report.md and CONTRIBUTING.md say how to regenerate it.
func TestPictureShippedAndDocumented(t *testing.T) {
	f, err := os.Open("docs/report.png")
	if err != nil {
		t.Fatalf("the report's picture is missing: %v (regenerate it with %s)", err, Command)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1280 || cfg.Height < 800 {
		t.Errorf("docs/report.png is %dx%d (%v), want 1280 px wide and at least 800 tall", cfg.Width, cfg.Height, err)
	}
	for page, want := range map[string][]string{
		"README.md":       {"(docs/report.png)"},
		"docs/report.md":  {"(report.png)", Command},
		"CONTRIBUTING.md": {"docs/report.png", Command},
	} {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s does not say %q", page, w)
			}
		}
		if page == "README.md" && len(data) >= 20*1024 {
			t.Errorf("README.md is %d bytes, over 20 KB", len(data))
		}
	}
}

// TestRun regenerates the picture into a temporary file: the documented
// command works. Without the browser tools it is skipped, unless
// NORMLINT_BROWSER_TEST=required.
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.png")
	err := run([]string{"-o", out, "-height", "900"}, io.Discard)
	if errors.Is(err, browsertest.ErrUnavailable) {
		if os.Getenv("NORMLINT_BROWSER_TEST") == "required" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width != 1280 || cfg.Height != 900 {
		t.Errorf("the picture is %dx%d (%v), want 1280x900", cfg.Width, cfg.Height, err)
	}
}
