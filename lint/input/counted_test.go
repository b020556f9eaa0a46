package input_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestNothingLost: in every input of the golden cases (of lint/input and
// of every other package), each Normandy event
// is counted, as a Normandy record or as a value that could not be read
// (with the finding that says why), and every record is counted once:
// records = Normandy + skipped + unreadable, where each unreadable record
// has its own finding. The Normandy events are counted by a walk that
// knows no adapter, only what makes a JSON value a Normandy event in any
// shape (its category, name or uptake source), so that a shape an adapter
// misreads, or takes for another, shows.
func TestNothingLost(t *testing.T) {
	archives, _ := filepath.Glob("../../*/testdata/*.txtar")
	more, _ := filepath.Glob("../../*/*/testdata/*.txtar")
	archives = append(archives, more...)
	if len(archives) < 20 {
		t.Fatalf("found %d golden archives: the pattern no longer matches", len(archives))
	}
	files := 0
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			switch f.Name {
			case "args", "stdout", "stderr", "exit", "stdin":
				continue
			}
			files++
			name := filepath.Base(file) + "/" + f.Name
			want, complete := countNormandy(f.Data)
			out, s := run(t, f.Name, string(f.Data), "", false)
			unreadable := s.Records - s.NormandyRecords - s.SkippedRecords
			if unreadable < 0 || unreadable > readingFindings(out) {
				t.Errorf("%s: %d records (%d Normandy, %d skipped) but %d findings of values that could not be read",
					name, s.Records, s.NormandyRecords, s.SkippedRecords, readingFindings(out))
			}
			switch {
			case s.NormandyRecords+unreadable < want:
				t.Errorf("%s: %d Normandy events in the input, but %d Normandy records and %d unreadable values: some were lost",
					name, want, s.NormandyRecords, unreadable)
			case complete && unreadable == 0 && s.NormandyRecords != want:
				t.Errorf("%s: %d Normandy events in the input, %d Normandy records", name, want, s.NormandyRecords)
			}
		}
	}
	if files < 100 {
		t.Fatalf("checked %d input files: the archives lost their inputs", files)
	}
}

// readingFindings counts the findings of the JSON report that say a value
// could not be read as records.
func readingFindings(out string) int {
	n := 0
	for _, rule := range []string{"parse-error", "unrecognized-input", "malformed-record", "invalid-histogram"} {
		n += strings.Count(out, `"rule": "`+rule+`"`) + strings.Count(out, `"rule":"`+rule+`"`)
	}
	return n
}

// countNormandy counts the Normandy events in the JSON values of data (one
// document, concatenated ones or JSON Lines); complete says all of it was
// valid JSON.
func countNormandy(data []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	n := 0
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return n, true
		}
		if err != nil {
			return n, false
		}
		n += normandyIn(v, true)
	}
}

// normandyIn counts the Normandy events in v: an object or tuple whose
// category is normandy, an uptake event of the normandy object or name, an
// uptake record of a normandy source (with a status, or a record of its
// own: top is set for a top-level value and the items of a top-level
// list) or of none, a non-empty bucket of a normandy key of the uptake histogram.
func normandyIn(v any, top bool) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		cat := first(v, "category", "event_category", "f1_")
		switch cat {
		case "normandy":
			n++
		case "uptake.remotecontent.result":
			if first(v, "name", "event_name") == "uptake_normandy" ||
				first(v, "method", "event_method", "f2_") == "uptake" && first(v, "object", "event_object", "f3_") == "normandy" {
				n++
			}
		case nil:
			src, hasSource := v["source"]
			s, _ := src.(string)
			switch {
			case strings.HasPrefix(s, "normandy") && (top || v["status"] != nil):
				n++
			case !hasSource && top && v["status"] != nil:
				n++ // an uptake record without its source
			}
		}
		if h, ok := v["UPTAKE_REMOTE_CONTENT_RESULT_1"].(map[string]any); ok {
			for source, hist := range h {
				ho, _ := hist.(map[string]any)
				values, _ := ho["values"].(map[string]any)
				buckets := 0
				for _, c := range values {
					if strings.HasPrefix(source, "normandy") && c != 0.0 {
						buckets++
					}
				}
				// A histogram that is not categorical cannot be read as
				// statuses at all: it is one unreadable value, whatever
				// its buckets hold.
				if t, ok := ho["histogram_type"]; ok && t != 5.0 && buckets > 0 {
					buckets = 1
				}
				n += buckets
			}
		}
		for _, m := range v {
			n += normandyIn(m, false)
		}
	case []any:
		if len(v) >= 2 {
			switch v[1] {
			case "normandy":
				n++
			case "uptake.remotecontent.result":
				if len(v) >= 4 && v[2] == "uptake" && v[3] == "normandy" {
					n++
				}
			}
		}
		_, tuple := index(v, 1).(string)
		for _, m := range v {
			n += normandyIn(m, top && !tuple)
		}
	}
	return n
}

// first returns the value of the first of the names that o has.
func first(o map[string]any, names ...string) any {
	for _, name := range names {
		if v, ok := o[name]; ok {
			return v
		}
	}
	return nil
}

// index returns a list's item i, nil past its end.
func index(a []any, i int) any {
	if i < len(a) {
		return a[i]
	}
	return nil
}
