package cli

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// The same telemetry in every input format: an enrollment with an
// unregistered extra, an unenrollment with the "unknown" reason, an
// unenrollment with a reason Firefox never sends, an uptake status of the
// wrong family, and an event of another category.
var sameTelemetry = map[string]string{
	"records.jsonl": `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control", "experimentType": "exp", "slug": "pref-a"}}
{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-a", "extra": {"reason": "unknown", "didResetValue": "true"}}
{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-b", "extra": {"reason": "recipe-not-found", "didResetValue": "true"}}
{"source": "normandy/runner", "status": "custom_1_error"}
{"category": "search", "method": "click", "object": "button"}
`,
	"event-ping.json": `{"type": "event", "id": "e", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "clientId": "c",
 "payload": {"reason": "periodic", "events": {"parent": [
  [1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control", "experimentType": "exp", "slug": "pref-a"}],
  [2, "normandy", "unenroll", "preference_study", "pref-a", {"reason": "unknown", "didResetValue": "true"}],
  [3, "normandy", "unenroll", "preference_study", "pref-b", {"reason": "recipe-not-found", "didResetValue": "true"}],
  [4, "uptake.remotecontent.result", "uptake", "normandy", "custom_1_error", {"source": "normandy/runner"}],
  [5, "search", "click", "button"]]}}}
`,
	"main-ping.json": `{"type": "main", "id": "m", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "clientId": "c",
 "payload": {
  "keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"histogram_type": 5, "values": {"0": 0, "19": 1}}}},
  "processes": {"parent": {"scalars": {}}, "dynamic": {"events": [
   [1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control", "experimentType": "exp", "slug": "pref-a"}],
   [2, "normandy", "unenroll", "preference_study", "pref-a", {"reason": "unknown", "didResetValue": "true"}],
   [3, "normandy", "unenroll", "preference_study", "pref-b", {"reason": "recipe-not-found", "didResetValue": "true"}],
   [5, "search", "click", "button"]]}}}}
`,
	"glean.json": `{"ping_info": {"seq": 1}, "client_info": {"client_id": "c"}, "events": [
  {"timestamp": 1, "category": "normandy", "name": "enroll_preference_study", "extra": {"value": "pref-a", "branch": "control", "experimentType": "exp", "slug": "pref-a"}},
  {"timestamp": 2, "category": "normandy", "name": "unenroll_preference_study", "extra": {"value": "pref-a", "reason": "unknown", "didResetValue": "true"}},
  {"timestamp": 3, "category": "normandy", "name": "unenroll_preference_study", "extra": {"value": "pref-b", "reason": "recipe-not-found", "didResetValue": "true"}},
  {"timestamp": 4, "category": "uptake.remotecontent.result", "name": "uptake_normandy", "extra": {"value": "custom_1_error", "source": "normandy/runner"}},
  {"timestamp": 5, "category": "search", "name": "click_button"}]}
`,
	"bigquery.jsonl": `{"client_id": "c", "event_timestamp": 1, "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-a", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "slug", "value": "pref-a"}]}
{"client_id": "c", "event_timestamp": 2, "event_category": "normandy", "event_method": "unenroll", "event_object": "preference_study", "event_string_value": "pref-a", "event_map_values": {"reason": "unknown", "didResetValue": "true"}}
{"client_id": "c", "event_category": "normandy", "event_name": "unenroll_preference_study", "event_extra": "{\"value\": \"pref-b\", \"reason\": \"recipe-not-found\", \"didResetValue\": \"true\"}"}
{"client_id": "c", "event_category": "uptake.remotecontent.result", "event_name": "uptake_normandy", "event_extra": {"value": "custom_1_error", "source": "normandy/runner"}}
{"client_id": "c", "event_category": "search", "event_method": "click", "event_object": "button"}
`,
}

// TestSameViolationsEveryFormat: whatever the envelope, gzipped or not, the
// same telemetry gives the same findings, and other categories are skipped.
func TestSameViolationsEveryFormat(t *testing.T) {
	// pref-b is unenrolled but never enrolled: the lifecycle check sees
	// that in every format too.
	want := []string{"invalid-reason", "invalid-uptake-status", "unenroll-without-enroll", "unknown-extra-key", "unknown-reason"}
	for name, data := range sameTelemetry {
		for _, gz := range []bool{false, true} {
			input := []byte(data)
			label := name
			if gz {
				input = gzipped(t, input)
				label += ".gz"
			}
			diags := checkString(t, label, string(input))
			var got []string
			for _, d := range diags {
				got = append(got, d.Rule)
				if d.Line < 1 || d.Column < 1 || d.Pointer == "" {
					t.Errorf("%s: %s lacks a position: %+v", label, d.Rule, d)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", label, got, want)
			}
		}
	}
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPositionsInEveryFormat pins line:column and pointer of one finding per
// format, in the original (decompressed) file.
func TestPositionsInEveryFormat(t *testing.T) {
	for name, want := range map[string]string{
		"records.jsonl":   "2:117 /extra/reason",
		"event-ping.json": "4:72 /payload/events/parent/1/5/reason",
		"main-ping.json":  "6:73 /payload/processes/dynamic/events/1/5/reason",
		"glean.json":      "3:120 /events/1/extra/reason",
		"bigquery.jsonl":  "2:199 /event_map_values/reason",
	} {
		for _, gz := range []bool{false, true} {
			input := sameTelemetry[name]
			if gz {
				input = string(gzipped(t, []byte(input)))
			}
			for _, d := range checkString(t, name, input) {
				if d.Rule == "unknown-reason" {
					if got := fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Pointer); got != want {
						t.Errorf("%s (gzip %v): unknown-reason at %s, want %s", name, gz, got, want)
					}
				}
			}
		}
	}
}

func TestCorruptGzip(t *testing.T) {
	whole := gzipped(t, []byte(sameTelemetry["records.jsonl"]))
	cut := whole[:len(whole)-12] // drop the trailer and a little data
	diags := checkString(t, "cut.jsonl.gz", string(cut))
	last := diags[len(diags)-1]
	if last.Rule != "parse-error" || !strings.Contains(last.Message, "gzip") {
		t.Fatalf("a truncated stream must end in a gzip parse-error, got %+v", last)
	}
	if len(diags) < 2 {
		t.Errorf("the records before the cut were not checked: %v", rulesOf(diags))
	}
	flipped := append([]byte{}, whole...)
	flipped[len(flipped)/2] ^= 0xff
	diags = checkString(t, "flipped.jsonl.gz", string(flipped))
	found := false
	for _, d := range diags {
		found = found || (d.Rule == "parse-error" && strings.Contains(d.Message, "gzip"))
	}
	if !found {
		t.Errorf("a corrupt stream gives no gzip parse-error: %v", rulesOf(diags))
	}
	// Two gzip members one after the other are one stream.
	two := append(gzipped(t, []byte(sameTelemetry["records.jsonl"])), gzipped(t, []byte(sameTelemetry["records.jsonl"]))...)
	if diags := checkString(t, "two.jsonl.gz", string(two)); len(diags) != 10 {
		t.Errorf("concatenated gzip members: %d findings, want 10: %v", len(diags), rulesOf(diags))
	}
}

func TestDirectoriesAndGlobs(t *testing.T) {
	bad := sameTelemetry["records.jsonl"]
	dir := writeFiles(t, map[string]string{
		"exports/b.jsonl":          bad,
		"exports/a.json":           goodRecord,
		"exports/notes.txt":        "not telemetry",
		"exports/deep/c.ndjson":    bad,
		"exports/deep/deeper/d.gz": "not data by name",
	})
	if err := os.WriteFile(filepath.Join(dir, "exports/deep/e.jsonl.gz"), gzipped(t, []byte(bad)), 0o644); err != nil {
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
	dir := writeFiles(t, sameTelemetry)
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

// TestBoundedMemory streams 200,000 JSON Lines rows, generated on the fly,
// through the whole pipeline and checks that the heap never holds more
// than a small part of the input.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 200,000 rows")
	}
	const rows = 200000
	// A hundred clients: the lifecycle state stays small, as it does for
	// an export of many rows per client.
	row := `{"client_id": "c%06d", "event_timestamp": %d, "event_category": "normandy", "event_method": "unenroll", "event_object": "preference_study", "event_string_value": "pref-%d", "event_map_values": [{"key": "reason", "value": "%s"}, {"key": "didResetValue", "value": "true"}]}` + "\n"
	var written atomic.Int64
	pr, pw := io.Pipe()
	go func() {
		for i := 0; i < rows; i++ {
			reason := "recipe-not-seen"
			if i%100 == 0 {
				reason = "unknown"
			}
			n, err := fmt.Fprintf(pw, row, i%100, i, i%50, reason)
			if err != nil {
				return
			}
			written.Add(int64(n))
		}
		_ = pw.Close()
	}()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
		}
	}()
	eng, err := lint.New(withWorkers(rules.Setup(), 0))
	if err != nil {
		t.Fatal(err)
	}
	var out countingWriter
	sum, err := eng.Run([]lint.Input{{Name: "rows.jsonl", Open: func() (io.ReadCloser, error) { return pr, nil }}}, newTextReporter(&out))
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != rows || sum.NormandyRecords != rows || sum.Errors != rows/100 {
		t.Fatalf("summary: %+v", sum)
	}
	input := written.Load()
	grown := int64(peak.Load()) - int64(base.HeapAlloc)
	t.Logf("input %d MB, peak heap growth %d MB, output %d KB", input>>20, grown>>20, out.n>>10)
	if grown > input/4 {
		t.Errorf("the heap grew by %d bytes on %d bytes of input: not bounded", grown, input)
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}
