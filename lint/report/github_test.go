package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

func githubOutput(t *testing.T, stepSummary string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fixtureRun(newGitHub(&b, stepSummary)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGitHubGolden(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	golden(t, "fixture.github.golden", githubOutput(t, summary))
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.github-summary.md.golden", md)
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := ghEscapeData("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e"; got != want {
		t.Errorf("data: %q, want %q", got, want)
	}
	if got, want := ghEscapeProperty("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce"; got != want {
		t.Errorf("property: %q, want %q", got, want)
	}
	// % first: an escape sequence in the input is not taken for one.
	if got, want := ghEscapeProperty("%3A:"), "%253A%3A"; got != want {
		t.Errorf("property: %q, want %q", got, want)
	}
	out := string(githubOutput(t, ""))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// 9 findings, 1 unreadable input, the summary line.
	if len(lines) != 11 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	want := "::warning file=samples/a.jsonl,line=3,col=85,title=slug-format::slug \"50%25 off, a:b <x> & 'y' naïve — 日本\" spans lines%0Asecond line%0D{braces} bell\x07 and [x](1) ]]> end%0Aat /value%0Ahint: use {the} recipe's slug, e.g. a,b:c 100%25"
	if lines[2] != want {
		t.Errorf("got  %q\nwant %q", lines[2], want)
	}
	if want := "::error file=sub dir/b%2C1%3Aü%25.json,line=1,col=150,title=parse-error::invalid JSON: trailing comma before '}'%0Ahint: fix the JSON at this position"; lines[4] != want {
		t.Errorf("got  %q\nwant %q", lines[4], want)
	}
	if want := "::notice file=samples/a.jsonl,line=3,col=36,title=undocumented-event::graduate/preference_rollout is an event Firefox sends%0Aat /method"; lines[1] != want {
		t.Errorf("got  %q\nwant %q", lines[1], want)
	}
	if want := "::error file=missing.json,title=unreadable-input::cannot read missing.json: open missing.json: no such file or directory"; lines[7] != want {
		t.Errorf("got  %q\nwant %q", lines[7], want)
	}
	if !strings.Contains(lines[3], "%0Asee sub dir/b,1:ü%25.json:2:5 (/events/0): an enroll in [another] study") {
		t.Errorf("related: %q", lines[3])
	}
	for i, l := range lines[:10] {
		if !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
			t.Errorf("line %d is not a command: %q", i, l)
		}
	}
	last := lines[10]
	if strings.HasPrefix(last, "::") || !strings.HasPrefix(last, "normlint: 6 files (1 unreadable)") || !strings.Contains(last, "7 errors, 2 warnings, 2 infos") {
		t.Errorf("summary line %q", last)
	}
}

// The step summary is appended to the file, never overwriting it, and the
// file is created when missing.
func TestGitHubStepSummaryAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "step_summary")
	githubOutput(t, path) // creates it
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("# earlier step\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	githubOutput(t, path)
	githubOutput(t, path)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# earlier step\n\n" + string(first) + string(first); string(got) != want {
		t.Errorf("step summary:\n%s\nwant:\n%s", got, want)
	}
	for _, s := range []string{"| error | 7 |", "| warning | 2 |", "| info | 2 |",
		"| [`invalid-reason`](https://github.com/normlint/normlint#invalid-reason) | error | 5 (2 not shown) |",
		"| [`slug-format`](https://github.com/normlint/normlint#slug-format) | warning | 1 |",
		"**6 files** (1 unreadable)", "**15 records**"} {
		if !strings.Contains(string(first), s) {
			t.Errorf("step summary lacks %q:\n%s", s, first)
		}
	}
}

func TestGitHubStepSummaryError(t *testing.T) {
	var b bytes.Buffer
	g := newGitHub(&b, filepath.Join(t.TempDir(), "no", "such", "dir", "summary.md"))
	_ = g.Start(lint.RunInfo{})
	if err := g.Finish(lint.Summary{}); err == nil {
		t.Error("no error for an unwritable step summary")
	}
	if !strings.HasPrefix(b.String(), "normlint: 0 files") {
		t.Errorf("the summary line is lost: %q", b.String())
	}
}
