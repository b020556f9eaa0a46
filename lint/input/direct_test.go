package input_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
)

// runDirect checks data as one file, reading records directly or not, and
// returns the output in a reporter's format and the summary.
func runDirect(tb testing.TB, name, data, format, reporter string, noDirect bool) (string, lint.Summary) {
	tb.Helper()
	cfg := rules.Setup()
	cfg.Workers = 2
	cfg.NoDirect = noDirect
	cfg.Format = format
	eng, err := lint.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	f, _ := report.Lookup(reporter)
	var out bytes.Buffer
	sum, err := eng.Run([]lint.Input{linttest.Input(name, data)}, f.New(&out, report.Options{}))
	if err != nil {
		tb.Fatal(err)
	}
	return out.String(), sum
}

// sameWithoutDirect fails when reading records directly changes anything
// in data's output: JSON and text, detecting the format, forcing the
// records format, or forcing another.
func sameWithoutDirect(tb testing.TB, name, data string) {
	tb.Helper()
	for _, c := range []struct{ format, reporter string }{{"", "json"}, {"", "text"}, {"records", "json"}, {"bigquery", "json"}} {
		direct, sumD := runDirect(tb, name, data, c.format, c.reporter, false)
		decoded, sumF := runDirect(tb, name, data, c.format, c.reporter, true)
		if direct != decoded {
			tb.Fatalf("%s (input format %q, %s): reading directly changes the output\ndirect:\n%s\ndecoded:\n%s", name, c.format, c.reporter, direct, decoded)
		}
		if fmt.Sprint(sumD) != fmt.Sprint(sumF) {
			tb.Fatalf("%s (input format %q): reading directly changes the summary\ndirect: %+v\ndecoded: %+v", name, c.format, sumD, sumF)
		}
	}
}

// TestDirectDifferential runs every input of the repository's test data
// with and without the direct path: the output must be byte for byte the
// same.
func TestDirectDifferential(t *testing.T) {
	for name, data := range repositoryInputs(t) {
		sameWithoutDirect(t, filepath.Base(name), data)
	}
}

// TestDirectGenerated does the same on generated records, with every kind
// of member value, escapes, near misses and broken JSON, as JSON Lines and
// as single documents.
func TestDirectGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 3))
	direct := 0
	for i := 0; i < 30; i++ {
		var b strings.Builder
		for j := 0; j < 40; j++ {
			line := directValue(r)
			if readsDirectly([]byte(line)) {
				direct++
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
		sameWithoutDirect(t, fmt.Sprintf("records-%d.jsonl", i), b.String())
	}
	for i := 0; i < 30; i++ {
		doc := strings.ReplaceAll(directValue(r), ", ", ",\n  ")
		sameWithoutDirect(t, fmt.Sprintf("record-%d.json", i), doc)
	}
	// The data must exercise the direct path, not only its refusals.
	if direct < 300 {
		t.Fatalf("only %d of 1200 generated lines are read directly", direct)
	}
}

func readsDirectly(data []byte) bool {
	return input.Records{}.ReadDirect(data, &lint.Extraction{})
}

// TestDirectIsUsed: hand-written records are read without a decoded tree,
// which shows in the allocations.
func TestDirectIsUsed(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-x", "extra": {"branch": "control", "experimentType": "exp", "enrollmentId": "e%d"}, "client_id": "c%d", "timestamp": %d}`+"\n", i, i, i)
	}
	allocs := func(noDirect bool) float64 {
		return runAllocs(t, "records.jsonl", b.String(), func(cfg *lint.Config) { cfg.NoDirect = noDirect })
	}
	// Checking a record allocates for its rules and lifecycle too; the
	// decoded tree alone is several allocations more.
	if direct, decoded := allocs(false), allocs(true); direct > decoded-4*200 {
		t.Fatalf("reading 200 records directly allocates %.0f times, decoding them %.0f: the direct path is not used", direct, decoded)
	}
}

// runAllocs is how many times checking data as one file allocates, with
// one worker and the configuration set changes.
func runAllocs(t *testing.T, name, data string, set func(*lint.Config)) float64 {
	t.Helper()
	cfg := rules.Setup()
	cfg.Workers = 1
	set(&cfg)
	eng, err := lint.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return testing.AllocsPerRun(3, func() {
		if _, err := eng.Run([]lint.Input{linttest.Input(name, data)}, &linttest.Collect{}); err != nil {
			t.Fatal(err)
		}
	})
}

// Pieces of generated records.
var (
	directNames = []string{`"category"`, `"method"`, `"object"`, `"value"`, `"extra"`, `"timestamp"`, `"client_id"`, `"source"`, `"status"`,
		`"\u0063ategory"`, `"timestmp"`, `"type"`, `"event_category"`, `"ping_info"`, `"a/b~c"`}
	directCategories = []string{`"normandy"`, `"normandy"`, `"normandy"`, `"\u006eormandy"`, `"uptake.remotecontent.result"`, `"search"`, `7`, `null`, `["normandy"]`}
	directMethods    = []string{`"enroll"`, `"unenroll"`, `"uptake"`, `"enrol"`, `null`, `3`, `"upt\u0061ke"`}
	directObjects    = []string{`"preference_study"`, `"addon_study"`, `"normandy"`, `"nothing"`, `{"a": 1}`, `true`}
	directValues     = []string{`"pref-x"`, `"pref-tab-unloading-release-119"`, `"Bad Slug"`, `""`, `12`, `null`, `"caf\u00e9"`, `"x\"y"`, `"` + strings.Repeat("s", 70) + `"`}
	directSources    = []string{`"normandy/runner"`, `"normandy/recipe/12"`, `"main/search-config"`, `"\u006eormandy/runner"`, `3`, `null`, `"normand"`}
	directStatuses   = []string{`"success"`, `"RECIPE_SUCCESS"`, `"server_error"`, `"nope"`, `0`, `false`}
	directTimes      = []string{`1736937687921`, `12`, `-3`, `1.5`, `1e400`, `"1736937687921"`, `null`, `0`, `-0`, `4611686018427387905`}
	directClients    = []string{`"56bd6522-d57d-41b7-93b4-aeb865304951"`, `"c1"`, `7`, `null`, `"\ud83d\ude00"`}
	directExtraNames = []string{`"branch"`, `"experimentType"`, `"enrollmentId"`, `"reason"`, `"didResetValue"`, `"source"`, `"value"`, `"x y"`, `"a~b/c"`, `"\u0062ranch"`}
	directExtraVals  = []string{`"control"`, `"exp"`, `"0f7ccb2b-d4ac-474a-b173-56fd4d0a97ae"`, `"true"`, `"unknown"`, `true`, `1`, `null`, `""`, `{"n": 1}`, `[1]`, `"\t"`}
	directBroken     = []string{`{"category": "normandy",}`, `{"category": "normandy"} x`, `{"category": "normandy"}{"a": 1}`,
		`{"category": "normandy", "category": "normandy"}`, `{"method": "a", "\u006dethod": "b", "category": "normandy"}`,
		"{\"category\": \"normandy\", \"value\": \"\xff\"}", `{"category": "normandy", "value": "\ud800"}`, `{"category": "normandy", "timestamp": 01}`,
		`{"category" "normandy"}`, `{"category": "normandy"`, `{"category": "normandy", "extra": {"a": 1, "a": 2}}`, `{"category": "normandy", "extra": {"a": 1,}}`,
		`{"category": normandy}`, `{"source": "normandy/runner", 1: 2}`, `{"category": "normandy", "extra": {"a": 1}]`}
)

// directValue is one generated value: mostly records built from random
// members, sometimes broken JSON or a value of another shape.
func directValue(r *rand.Rand) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	switch r.IntN(16) {
	case 0:
		return pick(directBroken)
	case 1:
		return mixedValue(r)
	}
	extra := func() string {
		switch r.IntN(8) {
		case 0:
			return `null`
		case 1:
			return `"{\"branch\": \"control\"}"`
		case 2:
			return pick([]string{`{}`, `[]`, `3`, `false`})
		}
		var ms []string
		seen := map[string]bool{}
		for n := r.IntN(6); n > 0; n-- {
			name := pick(directExtraNames)
			if seen[name] {
				continue
			}
			seen[name] = true
			val := pick(directExtraVals)
			if r.IntN(3) > 0 && strings.HasPrefix(val, "{") {
				val = `"v"`
			}
			ms = append(ms, name+": "+val)
		}
		return "{" + strings.Join(ms, ", ") + "}"
	}
	var members []string
	if r.IntN(3) > 0 {
		members = append(members, `"category": `+pick(directCategories), `"method": `+pick(directMethods), `"object": `+pick(directObjects))
		if r.IntN(5) > 0 {
			members = append(members, `"value": `+pick(directValues))
		}
		if r.IntN(5) > 0 {
			members = append(members, `"extra": `+extra())
		}
	} else {
		if r.IntN(6) > 0 {
			members = append(members, `"source": `+pick(directSources))
		}
		if r.IntN(6) > 0 {
			members = append(members, `"status": `+pick(directStatuses))
		}
		if r.IntN(4) == 0 {
			members = append(members, `"extra": `+extra())
		}
	}
	if r.IntN(8) > 0 {
		members = append(members, `"timestamp": `+pick(directTimes))
	}
	if r.IntN(8) > 0 {
		members = append(members, `"client_id": `+pick(directClients))
	}
	if r.IntN(10) == 0 {
		// A name that is not a record's, or one that repeats another.
		members = append(members, pick(directNames)+": "+pick(directValues))
	}
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	return pick([]string{"", " ", "\t"}) + "{" + strings.Join(members, ", ") + "}" + pick([]string{"", "", " "})
}

// locatorProbes are canonical pointers a finding may name.
var locatorProbes = []string{"", "/category", "/method", "/object", "/value", "/source", "/status", "/timestamp", "/client_id",
	"/extra", "/extra/branch", "/extra/source", "/extra/a~1b~0c", "/extra/x/y", "/timestmp", "/a~1b", "/extra/value"}

// checkDirect fails unless reading data directly hands over exactly what
// Decode, Detect and Extract do, or declines.
func checkDirect(t *testing.T, data []byte) {
	t.Helper()
	checkDirectBy(t, input.Records{}, data)
}

// directAdapter is an adapter that reads directly.
type directAdapter interface {
	lint.Adapter
	lint.DirectReader
}

// checkDirectBy fails unless a's direct read of data hands over exactly
// what Decode, Detect and Extract do, or declines. It returns the records
// read directly and those Extract finds, for further checks.
func checkDirectBy(t *testing.T, a directAdapter, data []byte) (got, exp []*lint.Record) {
	t.Helper()
	var x lint.Extraction
	if !a.ReadDirect(data, &x) {
		if x.Len() != 0 {
			t.Fatalf("%q: declined, but added %d items", data, x.Len())
		}
		return nil, nil
	}
	v, err := lint.Decode(data)
	if err != nil {
		t.Fatalf("%q: read directly, but Decode fails: %v", data, err)
	}
	for _, o := range input.All() {
		if o.Detect(v) != (o.Name() == a.Name()) {
			t.Fatalf("%q: read directly by %s, but %s's Detect says %v", data, a.Name(), o.Name(), o.Detect(v))
		}
	}
	var want lint.Extraction
	a.Extract(v, &want)
	if x.Len() != want.Len() || x.Skipped() != want.Skipped() {
		t.Fatalf("%q: read directly as %d items (%d skipped), Extract finds %d (%d skipped)", data, x.Len(), x.Skipped(), want.Len(), want.Skipped())
	}
	got, exp = x.Records(), want.Records()
	for i := range exp {
		if why := sameRecord(got[i], exp[i]); why != "" {
			t.Fatalf("%q: record %d read directly differs: %s", data, i, why)
		}
	}
	return got, exp
}

// sameRecord says how two records differ ("" when they do not).
func sameRecord(a, b *lint.Record) string {
	type summary struct {
		Kind                    lint.Kind
		Glean                   bool
		Format, ClientID, Ident string
		Process                 string
		Timestamp, At           int64
		HasTimestamp, HasExtra  bool
		Count                   int
		Prev                    *lint.Neighbor
		Fields                  [8]any
		Kinds                   [8]lint.FieldKind
		Others, Extras          []any
		ExtraValue              any
		Doc                     map[string]any
	}
	sum := func(r *lint.Record) summary {
		s := summary{Kind: r.Kind, Glean: r.Glean, Format: r.Format, ClientID: r.ClientID, Ident: r.Identity(), Process: r.Process,
			Timestamp: r.Timestamp, At: r.At, HasTimestamp: r.HasTimestamp, HasExtra: r.HasExtra(), Count: r.Count, Prev: r.Prev,
			ExtraValue: r.ExtraValue.Plain(), Doc: r.Doc()}
		for i, f := range []lint.Field{r.Category, r.Method, r.Object, r.Value, r.Source, r.Status, r.Time, r.Client} {
			s.Fields[i], s.Kinds[i] = f.Plain(), f.Kind
		}
		for _, m := range r.Others {
			s.Others = append(s.Others, m.Name, m.Value.Plain(), m.Value.Kind)
		}
		for _, m := range r.Extras {
			s.Extras = append(s.Extras, m.Name, m.Value.Plain(), m.Value.Kind)
		}
		return s
	}
	if sa, sb := sum(a), sum(b); !reflect.DeepEqual(sa, sb) {
		return fmt.Sprintf("\n%+v\nwant\n%+v", sa, sb)
	}
	for _, p := range locatorProbes {
		for _, key := range []bool{false, true} {
			if la, lb := a.Loc.Locate(p, key), b.Loc.Locate(p, key); la != lb {
				return fmt.Sprintf("Locate(%q, %v) = %+v, want %+v", p, key, la, lb)
			}
		}
		for _, k := range []string{"branch", "source", "status", "method", "x"} {
			if ca, cb := a.Loc.Container(p, k), b.Loc.Container(p, k); ca != cb {
				return fmt.Sprintf("Container(%q, %q) = %+v, want %+v", p, k, ca, cb)
			}
		}
	}
	return ""
}

func TestReadDirectAgreesWithExtract(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 4))
	direct := 0
	for i := 0; i < 3000; i++ {
		data := []byte(directValue(r))
		if readsDirectly(data) {
			direct++
		}
		checkDirect(t, data)
	}
	if direct < 1000 {
		t.Fatalf("only %d of 3000 generated values are read directly", direct)
	}
}

// FuzzReadDirect compares the direct path with Decode and Extract on
// arbitrary bytes; its seeds are generated records.
func FuzzReadDirect(f *testing.F) {
	r := rand.New(rand.NewPCG(13, 5))
	for i := 0; i < 40; i++ {
		f.Add([]byte(directValue(r)))
	}
	f.Fuzz(checkDirect)
}

// TestDirectRecordRecycle: a record read directly is handed back once the
// engine is done with it, and zeroed, so that a use after that point would
// show in the differential tests as an empty record.
func TestDirectRecordRecycle(t *testing.T) {
	var x lint.Extraction
	line := `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "s", "extra": {"branch": "b"}}`
	if !(input.Records{}).ReadDirect([]byte(line), &x) {
		t.Fatal("not read directly")
	}
	r := x.Records()[0]
	if r.Recycle == nil {
		t.Fatal("a record read directly cannot be recycled")
	}
	r.Recycle(r)
	if r.Kind != 0 || r.Loc != nil || len(r.Extras) != 0 || r.Recycle != nil {
		t.Errorf("a recycled record keeps its contents: %+v", r)
	}
}
