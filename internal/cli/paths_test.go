package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
)

func TestDirectoriesAndGlobs(t *testing.T) {
	bad := linttest.Telemetry["records.jsonl"]
	dir := writeFiles(t, map[string]string{
		"exports/b.jsonl":          bad,
		"exports/a.json":           goodRecord,
		"exports/notes.txt":        "not telemetry",
		"exports/deep/c.ndjson":    bad,
		"exports/deep/deeper/d.gz": "not data by name",
	})
	if err := os.WriteFile(filepath.Join(dir, "exports/deep/e.jsonl.gz"), linttest.Gzip(t, []byte(bad)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "exports/deep/loop")); err != nil {
		t.Fatal(err)
	}
	files := func(out string) []string {
		var fs []string
		for _, line := range strings.Split(out, "\n") {
			if f, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "normlint") && !strings.HasPrefix(line, "findings") && !slices.Contains(fs, f) {
				fs = append(fs, f)
			}
		}
		return fs
	}
	r := normlint(t, dir, "", nil, "check", "--color", "never", "exports")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	wantFiles := []string{"exports/b.jsonl", "exports/deep/c.ndjson", "exports/deep/e.jsonl.gz"}
	if got := files(r.stdout); !slices.Equal(got, wantFiles) {
		t.Errorf("walk reported %v, want %v in sorted order", got, wantFiles)
	}
	if !strings.Contains(r.stdout, "4 files (2 other files skipped)") {
		t.Errorf("summary does not count the walk: %s", r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "exports/**/*.ndjson", "exports/*.json")
	if got := files(r.stdout); !slices.Equal(got, []string{"exports/deep/c.ndjson"}) || !strings.Contains(r.stdout, "2 files") {
		t.Errorf("globs: %v\n%s", got, r.stdout)
	}
	r = normlint(t, dir, "", nil, "check", "--color", "never", "exports", "exports/b.jsonl")
	if strings.Count("\n"+r.stdout, "\nexports/b.jsonl:2:") != 1 {
		t.Errorf("a file reached twice was checked twice:\n%s", r.stdout)
	}
}

func TestStdinFilename(t *testing.T) {
	r := normlint(t, t.TempDir(), badRecord, nil, "check", "--color", "never", "--stdin-filename", "payload.json", "-")
	if !strings.HasPrefix(r.stdout, "payload.json:1:") {
		t.Errorf("--stdin-filename not used: %s", r.stdout)
	}
}

func TestForcedInputFormat(t *testing.T) {
	dir := writeFiles(t, linttest.Telemetry)
	r := normlint(t, dir, "", nil, "check", "--color", "never", "--input-format", "glean", "glean.json", "records.jsonl")
	if !strings.Contains(r.stdout, "records.jsonl:1:1: error: ") || !strings.Contains(r.stdout, "the input format glean expects a Glean ping") {
		t.Errorf("a value of another format must be unrecognized with what was expected:\n%s", r.stdout)
	}
	if strings.Count(r.stdout, "[unrecognized-input]") != 5 || strings.Count(r.stdout, "glean.json:") != 5 {
		t.Errorf("forced format:\n%s", r.stdout)
	}
	for _, f := range []string{"records", "event-ping", "main-ping", "glean", "bigquery"} {
		file := map[string]string{"records": "records.jsonl", "event-ping": "event-ping.json", "main-ping": "main-ping.json", "glean": "glean.json", "bigquery": "bigquery.jsonl"}[f]
		r := normlint(t, dir, "", nil, "check", "--format", "json", "--input-format", f, file)
		if strings.Contains(r.stdout, "unrecognized-input") || !strings.Contains(r.stdout, `"`+f+`":`) {
			t.Errorf("--input-format %s on its own format:\n%s", f, r.stdout)
		}
	}
	r = normlint(t, dir, "", nil, "check", "--input-format", "yaml", "glean.json")
	if r.code != 2 {
		t.Errorf("unknown --input-format: exit %d", r.code)
	}
}
