package audit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/internal/cli"
)

// reportOf runs normlint report --format json and decodes it.
func reportOf(t *testing.T, files ...string) *audit.Report {
	t.Helper()
	var out, errb bytes.Buffer
	args := append([]string{"normlint", "report", "--no-config", "--format", "json", "--examples", "2"}, files...)
	if code := cli.Run(args, nil, &out, &errb); code != 0 {
		t.Fatalf("report %v: exit %d\n%s", files, code, errb.String())
	}
	var r audit.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func encode(t *testing.T, r *audit.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := audit.Render(&b, r, "json"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// timedShard writes hand-written records of one client at epoch times:
// an enrollment, uptake of each class and a finding (an invalid status).
func timedShard(t *testing.T, dir, name, client string, start time.Time, step time.Duration) string {
	t.Helper()
	var b strings.Builder
	at := func(i int) int64 { return start.Add(time.Duration(i) * step).UnixMilli() }
	fmt.Fprintf(&b, `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "merge-%s", "extra": {"branch": "a", "experimentType": "exp"}, "timestamp": %d, "client_id": %q}`+"\n", name, at(0), client)
	for i, status := range []string{"success", "backoff", "apply_error", "up_to_date"} {
		fmt.Fprintf(&b, `{"source": "normandy/recipe/%d", "status": %q, "timestamp": %d, "client_id": %q}`+"\n", 10+i%2, status, at(i+1), client)
	}
	fmt.Fprintf(&b, `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "merge-%s", "extra": {"reason": "unknown", "branch": "a"}, "timestamp": %d, "client_id": %q}`+"\n", name, at(6), client)
	path := filepath.Join(dir, name+".jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMergeEqualsWhole merges the reports of shards of an input, decoded
// from JSON as `report --merge` would read them, in several orders, and
// compares them with the report of the whole input.
func TestMergeEqualsWhole(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 3, 22, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		files    []string
		wantUnit string
	}{
		{"within a day", []string{
			timedShard(t, dir, "h1", "c1", day, 10*time.Minute),
			timedShard(t, dir, "h2", "c2", day.Add(3*time.Hour), time.Minute),
			"testdata/audit/export.jsonl",
		}, "hour"},
		// Each shard spans hours, the whole four days: the hours become days.
		{"over days", []string{
			timedShard(t, dir, "d1", "c3", day, 20*time.Minute),
			timedShard(t, dir, "d2", "c4", day.Add(80*time.Hour), 5*time.Minute),
			timedShard(t, dir, "d3", "c5", day.Add(30*time.Hour), time.Hour),
		}, "day"},
		{"samples", append(append([]string{"testdata/audit/export.jsonl", "testdata/audit/main-ping.json"},
			globFiles(t, "testdata/samples/valid/*")...), "testdata/samples/invalid/every-rule.jsonl", "testdata/samples/invalid/timestamps.json"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole := reportOf(t, tc.files...)
			if tc.wantUnit != "" && whole.Time.Unit != tc.wantUnit {
				t.Errorf("the whole input's timeline is by %q, want %q", whole.Time.Unit, tc.wantUnit)
			}
			want := encode(t, whole)
			var parts []*audit.Report
			for _, f := range tc.files {
				parts = append(parts, reportOf(t, f))
			}
			if tc.wantUnit == "day" && parts[0].Time.Unit != "hour" {
				t.Fatalf("a shard's timeline is by %q: the test would not show hours becoming days", parts[0].Time.Unit)
			}
			orders := [][]int{}
			fwd, rev := []int{}, []int{}
			for i := range parts {
				fwd = append(fwd, i)
				rev = append([]int{i}, rev...)
			}
			orders = append(orders, fwd, rev)
			for _, order := range orders {
				merged := &audit.Report{}
				for _, i := range order {
					// Decode each part afresh: merging must not share
					// state between the parts.
					var p audit.Report
					if err := json.Unmarshal([]byte(encode(t, parts[i])), &p); err != nil {
						t.Fatal(err)
					}
					merged.Merge(&p)
				}
				if got := encode(t, merged); got != want {
					t.Errorf("merged in order %v differs from the whole:\n%s", order, firstDiff(got, want))
				}
			}
			// A tree: (0+1) + (2+...).
			if len(parts) > 2 {
				left, right := &audit.Report{}, &audit.Report{}
				for i, p := range parts {
					var c audit.Report
					_ = json.Unmarshal([]byte(encode(t, p)), &c)
					if i < 2 {
						left.Merge(&c)
					} else {
						right.Merge(&c)
					}
				}
				right.Merge(left)
				if got := encode(t, right); got != want {
					t.Errorf("merged as a tree differs from the whole:\n%s", firstDiff(got, want))
				}
			}
		})
	}
}

func globFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: %v", pattern, err)
	}
	return files
}

// firstDiff shows where two texts first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			lo := max(0, i-8)
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s\n--- got around it:\n%s", i+1, g[i], w[i], strings.Join(g[lo:min(len(g), i+8)], "\n"))
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}
