package schemas_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
	"github.com/normlint/normlint/schemas"
)

// The differential test: whatever the input, normlint prints the same bytes
// with the fast path as with the full validator on every record.

// output runs the whole pipeline on one file, with or without the fast
// path, and returns what the JSON and text reporters print.
func output(tb testing.TB, name string, data []byte, fast bool) string {
	tb.Helper()
	cfg := rules.Setup()
	cfg.Workers = 2
	if !fast {
		cfg.Validators = []lint.Validator{schemas.Load().Full()}
	}
	eng, err := lint.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	for _, format := range []string{"json", "text"} {
		f, _ := report.Lookup(format)
		if _, err := eng.Run([]lint.Input{linttest.Input(name, string(data))}, f.New(&out, report.Options{})); err != nil {
			tb.Fatal(err)
		}
	}
	return out.String()
}

// sameOutput fails unless the fast path, cold and then warm, prints what
// the full validator prints.
func sameOutput(tb testing.TB, name string, data []byte) {
	tb.Helper()
	full := output(tb, name, data, false)
	for run := range 2 {
		if got := output(tb, name, data, true); got != full {
			tb.Fatalf("%s: the fast path (run %d) differs from the full validator:\n%s", name, run+1, firstDifference(full, got))
		}
	}
}

// firstDifference shows the first line where two outputs differ, with the
// line before it.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			before := ""
			if i > 0 {
				before = w[i-1]
			}
			return fmt.Sprintf("after line %d %s\n--- full\n%s\n--- fast\n%s", i, before, wl, gl)
		}
	}
	return "(the same lines)"
}

// repoInputs returns every input file of the repository's test data: the
// shipped samples and examples, and the input files of every golden case.
func repoInputs(tb testing.TB) map[string][]byte {
	tb.Helper()
	inputs := map[string][]byte{}
	files, _ := filepath.Glob("../testdata/*/*")
	more, _ := filepath.Glob("../testdata/*/*/*")
	for _, f := range append(files, more...) {
		if st, err := os.Stat(f); err != nil || st.IsDir() {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		inputs[f] = data
	}
	archives, _ := filepath.Glob("../*/testdata/*.txtar")
	more, _ = filepath.Glob("../*/*/testdata/*.txtar")
	for _, a := range append(archives, more...) {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			switch f.Name {
			case "args", "stdout", "stderr", "exit", ".normlint.yaml":
				continue
			}
			inputs[a+"/"+f.Name] = f.Data
		}
	}
	if len(inputs) < 50 {
		tb.Fatalf("only %d inputs found: is the test run from the schemas folder?", len(inputs))
	}
	return inputs
}

func TestFastPathSameOutputOnTestData(t *testing.T) {
	inputs := repoInputs(t)
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		// The input's own name keeps .gz inputs readable as gzip.
		sameOutput(t, filepath.Base(n), inputs[n])
	}
}

func TestFastPathSameOutputOnVariations(t *testing.T) {
	lines := variations(t)
	if len(lines) < 1000 {
		t.Fatalf("only %d variations", len(lines))
	}
	// All at once, so that later records meet classes earlier ones taught
	// the fast path.
	sameOutput(t, "variations.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
}

// baseRecords are valid records of many kinds: the rules' passing
// examples and the README's example file.
func baseRecords(tb testing.TB) []map[string]any {
	tb.Helper()
	var out []map[string]any
	add := func(v any) {
		switch v := v.(type) {
		case map[string]any:
			out = append(out, v)
		case []any:
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					out = append(out, m)
				}
			}
		}
	}
	for _, r := range rules.All() {
		for _, ex := range []string{r.Doc.Good, r.Doc.Bad} {
			for _, line := range strings.Split(ex, "\n") {
				var v any
				if json.Unmarshal([]byte(line), &v) == nil {
					add(v)
				}
			}
		}
	}
	data, err := os.ReadFile("../testdata/examples/unenroll.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var v any
		if json.Unmarshal([]byte(line), &v) == nil {
			add(v)
		}
	}
	// The examples repeat records: keep one of each.
	seen := map[string]bool{}
	uniq := out[:0]
	for _, r := range out {
		b, _ := json.Marshal(r)
		if !seen[string(b)] {
			seen[string(b)] = true
			uniq = append(uniq, r)
		}
	}
	if len(uniq) < 20 {
		tb.Fatalf("only %d base records", len(uniq))
	}
	return uniq
}

// schemaStrings are the strings the schemas list (enumerations and
// constants), to swap one allowed value for another of the wrong place.
func schemaStrings(tb testing.TB) []string {
	tb.Helper()
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				switch k {
				case "enum":
					l, _ := sub.([]any)
					for _, e := range l {
						if s, ok := e.(string); ok {
							seen[s] = true
						}
					}
				case "const":
					if s, ok := sub.(string); ok {
						seen[s] = true
					}
				default:
					walk(sub)
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, name := range schemas.Names() {
		src, _ := schemas.Source(name)
		var doc any
		if err := json.Unmarshal(src, &doc); err != nil {
			tb.Fatal(err)
		}
		walk(doc)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// variations mutates every base record at every member, top-level and
// extra: removed, replaced by values of every JSON type, by long, empty
// and non-ASCII strings, by the schemas' other allowed values; and adds
// unexpected members. Every variation is written twice, with another
// client, time and enrollment ID, which no schema looks at.
func variations(tb testing.TB) []string {
	tb.Helper()
	consts := schemaStrings(tb)
	replacements := []any{
		"", "bogus", strings.Repeat("x", 80), strings.Repeat("é", 81), "ünïcødé ☃", "\U0001D518", " leading", "a@b",
		"{6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c}", "1.2.3", "1.0b", "normandy/recipe/x", "normandy/action/A1",
		"file.js:12:3 TypeError", strings.Repeat("f", 70) + ".js:1 Err0123456", 0.0, 1.0, -3.0, 1.5, 1e300, true, false, nil,
		[]any{}, []any{"a"}, map[string]any{}, map[string]any{"a": "b"},
	}
	var out []string
	emit := func(rec map[string]any, n int) {
		for copyN := range 2 {
			r := clone(rec)
			if _, ok := r["client_id"]; ok || copyN == 1 {
				r["client_id"] = fmt.Sprintf("client-%d-%d", n, copyN)
			}
			if copyN == 1 {
				r["timestamp"] = float64(1000 + n)
				if extra, ok := r["extra"].(map[string]any); ok {
					if _, has := extra["enrollmentId"]; has {
						extra["enrollmentId"] = fmt.Sprintf("%08d-0000-4000-8000-000000000000", n)
					}
				}
			}
			b, err := json.Marshal(r)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, string(b))
		}
	}
	n := 0
	for _, base := range baseRecords(tb) {
		emit(base, n)
		n++
		for _, path := range paths(base) {
			for _, v := range replacements {
				emit(set(base, path, v, true), n)
				n++
			}
			if cur, ok := get(base, path).(string); ok {
				for _, v := range []any{strings.ToUpper(cur), cur + "x", " " + cur} {
					emit(set(base, path, v, true), n)
					n++
				}
			}
			for j := range 8 {
				emit(set(base, path, consts[(n*7+j*17)%len(consts)], true), n)
				n++
			}
			emit(set(base, path, nil, false), n)
			n++
		}
		for _, path := range [][]string{{"foo"}, {"extra", "foo"}, {"zzz"}, {"extra", "zzz"}, {"extra", "reason"}, {"extra", "glean_timestamp"}, {"value"}, {"status"}, {"source"}} {
			emit(set(base, path, "bar", true), n)
			n++
		}
		many := clone(base)
		if extra, ok := many["extra"].(map[string]any); ok {
			for i := range 11 {
				extra[fmt.Sprintf("k%d", i)] = "v"
				emit(many, n)
				n++
			}
		}
	}
	return out
}

// paths lists the members of a record: top-level ones and extras.
func paths(rec map[string]any) [][]string {
	var out [][]string
	for _, k := range slices.Sorted(maps.Keys(rec)) {
		out = append(out, []string{k})
		if m, ok := rec[k].(map[string]any); ok {
			for _, e := range slices.Sorted(maps.Keys(m)) {
				out = append(out, []string{k, e})
			}
		}
	}
	return out
}

func clone(v map[string]any) map[string]any {
	out := make(map[string]any, len(v))
	for k, e := range v {
		if m, ok := e.(map[string]any); ok {
			e = clone(m)
		}
		out[k] = e
	}
	return out
}

func get(rec map[string]any, path []string) any {
	var v any = rec
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// set returns a copy of rec with the member at path set to v, or removed
// when keep is false.
func set(rec map[string]any, path []string, v any, keep bool) map[string]any {
	out := clone(rec)
	m := out
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	last := path[len(path)-1]
	if keep {
		m[last] = v
	} else {
		delete(m, last)
	}
	return out
}

// FuzzFastPath: on any input, the fast path and the full validator print
// the same bytes. Seeds are valid records and a few of their variations,
// and the shipped samples.
func FuzzFastPath(f *testing.F) {
	for _, r := range baseRecords(f) {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	lines := variations(f)
	for i := 0; i < len(lines); i += 997 {
		f.Add([]byte(lines[i]))
	}
	files, _ := filepath.Glob("../testdata/samples/*/*")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameOutput(t, "fuzz.jsonl", data)
	})
}

// TestClassesShareVerdicts checks the fast path's premise directly: the
// records of one class are all valid or all invalid, and when the
// violations of one are reusable, every other record of the class has
// exactly those. Records are read by the records adapter from the
// variations, and each is validated in full.
func TestClassesShareVerdicts(t *testing.T) {
	s := schemas.Load()
	type seen struct {
		vs       []lint.Violation
		reusable bool
		line     string
	}
	classes := map[string]seen{}
	n, reused := 0, 0
	for _, line := range variations(t) {
		v, err := lint.Decode([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		x := &lint.Extraction{}
		input.Records{}.Extract(v, x)
		for _, r := range x.Records() {
			key, ok := schemas.ClassKey(s, r)
			if !ok {
				continue
			}
			n++
			vs := s.Full().Validate(r)
			prev, ok := classes[key]
			if !ok {
				classes[key] = seen{vs, schemas.Reusable(s, r, vs), line}
				continue
			}
			if (len(prev.vs) == 0) != (len(vs) == 0) {
				t.Fatalf("one class, two verdicts:\n%+v: %s\n%+v: %s", prev.vs, prev.line, vs, line)
			}
			if prev.reusable && len(vs) > 0 {
				reused++
				if !reflect.DeepEqual(prev.vs, vs) {
					t.Fatalf("one class, reusable violations that differ:\n%+v: %s\n%+v: %s", prev.vs, prev.line, vs, line)
				}
			}
		}
	}
	t.Logf("%d records in %d classes; %d took the violations of an earlier record", n, len(classes), reused)
	if n < 1000 || len(classes) < 100 || len(classes) > n/2 || reused < 100 {
		t.Fatal("too few records, classes or reused violations to show anything")
	}
}
