package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// run runs normlint in the working directory and returns its standard
// output and exit code.
func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(append([]string{"normlint"}, args...), strings.NewReader(""), &out, &errOut)
	if errOut.Len() > 0 {
		t.Logf("normlint %s: %s", strings.Join(args, " "), errOut.String())
	}
	return out.String(), code
}

// TestDiffReports checks that diff --reports on the two sides' report
// --format json files answers exactly as diff on the telemetry: the
// report's accumulators are what diff compares.
func TestDiffReports(t *testing.T) {
	for _, name := range []string{"diff-uptake-drop", "diff-enrollment", "diff-findings", "diff-json"} {
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(filepath.Join("internal", "cli", "testdata", name+".txtar"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var sides []string
			for _, f := range ar.Files {
				if f.Name == "args" || f.Name == "stdout" || f.Name == "stderr" || f.Name == "exit" {
					continue
				}
				p := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				sides = append(sides, f.Name)
			}
			if len(sides) != 2 {
				t.Fatalf("%s holds %d input files, want 2 (old, new)", name, len(sides))
			}
			t.Chdir(dir)
			for i, side := range sides {
				out, code := run(t, "report", "--no-config", "--format", "json", side)
				if code != 0 {
					t.Fatalf("report %s: exit %d", side, code)
				}
				if err := os.WriteFile([]string{"old.report.json", "new.report.json"}[i], []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, format := range []string{"json", "text"} {
				raw, rawCode := run(t, "diff", "--no-config", "--format", format, "--fail-on", "new-findings", "--old", sides[0], "--new", sides[1])
				rep, repCode := run(t, "diff", "--format", format, "--fail-on", "new-findings", "--reports", "old.report.json", "new.report.json")
				if raw != rep || rawCode != repCode {
					t.Errorf("--format %s: diff --reports (exit %d) differs from diff of the inputs (exit %d)\n--- inputs\n%s--- reports\n%s", format, repCode, rawCode, raw, rep)
				}
				if format == "json" && !strings.Contains(raw, `"version": 1`) {
					t.Errorf("no diff version in\n%s", raw)
				}
			}
		})
	}
}

// TestDiffUnreadable checks that an unreadable side or report is exit 3.
func TestDiffUnreadable(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("a.jsonl", []byte(`{"source": "normandy/runner", "status": "RUNNER_SUCCESS"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("bad.json", []byte(`{"version": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"diff", "--no-config", "--old", "a.jsonl", "--new", "missing.jsonl"},
		{"diff", "--reports", "bad.json", "bad.json"},
		{"diff", "--reports", "missing.json", "bad.json"},
	} {
		if _, code := run(t, args...); code != 3 {
			t.Errorf("normlint %s: exit %d, want 3", strings.Join(args, " "), code)
		}
	}
}

// TestSideArgs checks how diff's command line gives each path its side.
func TestSideArgs(t *testing.T) {
	cmd := diffCommand()
	tests := []struct {
		in, want string // want "" for an error
	}{
		{"diff --old a b --new c", "diff --old=a --old=b --new=c"},
		{"diff --old=a b --format json --new c", "diff --old=a --old=b --format json --new=c"},
		{"diff --new - --old a -- -b --new", "diff --new=- --old=a --old=-b --old=--new"},
		{"diff --reports x.json y.json -f json", "diff --reports x.json y.json -f json"},
		{"diff --reports -- -x.json y.json", "diff --reports -- -x.json y.json"},
		{"diff --old --new a", ""},
		{"diff --old a --new", ""},
	}
	for _, tt := range tests {
		got, err := sideArgs(cmd, strings.Fields(tt.in), 0)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("sideArgs(%s) = %q, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("sideArgs(%s): %v", tt.in, err)
		case tt.want != "" && strings.Join(got, " ") != tt.want:
			t.Errorf("sideArgs(%s) = %q, want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
}
