package input_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
)

// run checks data as one file, skimming or not, with the input format
// forced or not, and returns the JSON output and the summary.
func run(tb testing.TB, name, data, format string, noSkim bool) (string, lint.Summary) {
	tb.Helper()
	cfg := rules.Setup()
	cfg.Workers = 2
	cfg.NoSkim = noSkim
	cfg.Format = format
	eng, err := lint.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	f, _ := report.Lookup("json")
	var out bytes.Buffer
	sum, err := eng.Run([]lint.Input{linttest.Input(name, data)}, f.New(&out, report.Options{}))
	if err != nil {
		tb.Fatal(err)
	}
	return out.String(), sum
}

// sameWithoutSkim fails when skimming changes anything in data's output,
// whatever the input format.
func sameWithoutSkim(tb testing.TB, name, data string) {
	tb.Helper()
	formats := []string{""}
	for _, a := range input.All() {
		formats = append(formats, a.Name())
	}
	for _, format := range formats {
		skimmed, sumS := run(tb, name, data, format, false)
		decoded, sumD := run(tb, name, data, format, true)
		if skimmed != decoded {
			tb.Fatalf("%s (input format %q): skimming changes the output\nskimmed:\n%s\ndecoded:\n%s", name, format, skimmed, decoded)
		}
		if fmt.Sprint(sumS) != fmt.Sprint(sumD) {
			tb.Fatalf("%s (input format %q): skimming changes the summary\nskimmed: %+v\ndecoded: %+v", name, format, sumS, sumD)
		}
	}
}

// repositoryInputs are every input file of the repository's test data:
// the samples, the examples, and the files of every golden archive.
func repositoryInputs(t *testing.T) map[string]string {
	t.Helper()
	inputs := map[string]string{}
	for _, pattern := range []string{"../../testdata/*/*", "../../testdata/samples/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				inputs[file] = string(data)
			}
		}
	}
	var archives []string
	for _, pattern := range []string{"../../*/testdata/*.txtar", "../../*/*/testdata/*.txtar"} {
		files, _ := filepath.Glob(pattern)
		archives = append(archives, files...)
	}
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			switch f.Name {
			case "args", "stdout", "stderr", "exit":
				continue
			}
			inputs[file+"/"+f.Name] = string(f.Data)
		}
	}
	if len(archives) < 20 || len(inputs) < 100 {
		t.Fatalf("found %d archives and %d inputs: the patterns no longer match the repository", len(archives), len(inputs))
	}
	return inputs
}

// TestSkimDifferential runs every input of the repository's test data with
// and without skimming: the output must be byte for byte the same.
func TestSkimDifferential(t *testing.T) {
	for name, data := range repositoryInputs(t) {
		sameWithoutSkim(t, filepath.Base(name), data)
	}
}

// TestSkimGeneratedRows does the same on generated rows and records of
// every shape the skim decides on, and the near misses it must not.
func TestSkimGeneratedRows(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 1))
	for i := 0; i < 40; i++ {
		var b strings.Builder
		for j := 0; j < 50; j++ {
			b.WriteString(mixedValue(r))
			b.WriteByte('\n')
		}
		sameWithoutSkim(t, fmt.Sprintf("mixed-%d.jsonl", i), b.String())
	}
}

// TestSkimIsUsed: rows of other categories are counted without being
// decoded, which shows in the allocations.
func TestSkimIsUsed(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `{"client_id": "c%d", "event_category": "urlbar", "event_name": "engagement", "event_extra": {"n_chars": "%d", "sap": "urlbar", "n": [1, 2, 3], "o": {"p": "q"}}}`+"\n", i, i)
	}
	allocs := func(noSkim bool) float64 {
		return runAllocs(t, "rows.jsonl", b.String(), func(cfg *lint.Config) { cfg.NoSkim = noSkim })
	}
	if skimmed, decoded := allocs(false), allocs(true); skimmed > decoded/2 {
		t.Fatalf("skimming 200 rows of another category allocates %.0f times, decoding them %.0f: the skim is not used", skimmed, decoded)
	}
}

// FuzzSkim compares the two paths on arbitrary input; its seeds are
// generated values.
func FuzzSkim(f *testing.F) {
	r := rand.New(rand.NewPCG(11, 2))
	for i := 0; i < 30; i++ {
		f.Add(mixedValue(r))
	}
	f.Fuzz(func(t *testing.T, data string) {
		sameWithoutSkim(t, "fuzz.jsonl", data)
	})
}

// Pieces of generated values: names and values that decide a value's
// format and whether it is Normandy's, with near misses (escapes that
// spell "normandy", values of the wrong type).
var (
	skimCategories = []string{`"normandy"`, `"\u006eormandy"`, `"uptake.remotecontent.result"`, `"urlbar"`, `"uptake.remotecontent.resul\u0074"`, `7`, `null`, `["normandy"]`, `"Normandy"`}
	skimNames      = []string{`"uptake_normandy"`, `"uptake_remotesettings"`, `"enroll_preference_study"`, `"engagement"`, `"uptake_\u006eormandy"`, `1`}
	skimMethods    = []string{`"uptake"`, `"enroll"`, `"unenroll"`, `"click"`, `null`, `"upt\u0061ke"`}
	skimObjects    = []string{`"normandy"`, `"preference_study"`, `"remotesettings"`, `{"a": 1}`, `"normandy "`}
	skimSources    = []string{`"normandy/runner"`, `"normandy/recipe/12"`, `"main/search-config"`, `"\u006eormandy/runner"`, `3`, `"normand"`}
	skimTypes      = []string{`"event"`, `"main"`, `"crash"`, `"heartbeat"`, `4`, `"ev\u0065nt"`}
	skimExtras     = []string{
		`{"value": "pref-x", "branch": "control", "experimentType": "exp"}`,
		`"{\"value\": \"pref-x\", \"reason\": \"unknown\", \"didResetValue\": \"true\"}"`,
		`{"n_chars": "4", "sap": "urlbar"}`, `null`, `"{not json"`, `[{"key": "branch", "value": "control"}]`,
		`{"value": "success", "source": "normandy/runner"}`, `{"a": {"b": 1, "b": 2}}`,
	}
	skimFillers = []string{
		`"client_id": "c0ffee00-0000-4000-8000-000000000001"`, `"event_timestamp": 81234`,
		`"submission_timestamp": "2025-01-15 09:31:02.123456 UTC"`, `"timestamp": 12`,
		`"client_info": {"app_channel": "release", "client_id": "c1"}`, `"ping_info": {"seq": 1}`,
		`"metadata": {"geo": {"city": "Berlin"}, "nested": [1, 2, {"x": null}]}`, `"experiments": [{"key": "normandy-x", "value": {"branch": "b"}}]`,
		`"payload": {"events": {"parent": [[1, "normandy", "enroll", "preference_study", "p", {"branch": "a", "experimentType": "exp"}], [2, "urlbar", "a", "b"]]}}`,
		`"payload": {"keyedHistograms": {}}`, `"events": [{"timestamp": 1, "category": "normandy", "name": "enroll_preference_study", "extra": {"value": "p"}}]`,
		`"id": "x"`, `"creationDate": "2021-03-04T12:00:00.000Z"`, `"version": 4`, `"clientId": "c2"`, `"status": "success"`,
		`"caf\u00e9": "\u00e9t\u00e9"`, `"emoji": "\ud83d\ude00"`, `"big": 1e400`,
	}
	skimBroken = []string{`{"a": 1,}`, `{"a": 1} x`, `{"a": 1}{"b": 2}`, `{"a": 1, "a": 2}`, "{\"a\": \"\xff\"}", `{"a": "\ud800"}`, `{"a": 01}`, `{"a" 1}`, `{`, `[1, "normandy"`, `{"\u0061": 1, "a": 2}`, `{"x": {"y": 1, "\u0079": 2}}`}
)

// mixedValue is one generated line: mostly objects of the shapes the
// adapters read, built from random members, sometimes broken JSON, an
// array or a scalar.
func mixedValue(r *rand.Rand) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	switch r.IntN(20) {
	case 0:
		return pick(skimBroken)
	case 1:
		return `[1612345678000, ` + pick(skimCategories) + `, ` + pick(skimMethods) + `, ` + pick(skimObjects) + `, "v", null]`
	case 2:
		return pick([]string{`"normandy"`, `12`, `null`, `[]`, `{}`, `  {"category": "urlbar"}  `})
	}
	var members []string
	switch r.IntN(5) {
	case 0: // an events_stream row
		members = append(members, `"event_category": `+pick(skimCategories), `"event_name": `+pick(skimNames), `"event_extra": `+pick(skimExtras))
	case 1: // a telemetry.events row
		members = append(members, `"event_category": `+pick(skimCategories), `"event_method": `+pick(skimMethods), `"event_object": `+pick(skimObjects), `"event_string_value": "v"`, `"event_map_values": `+pick(skimExtras))
	case 2: // a record
		if r.IntN(3) > 0 {
			members = append(members, `"category": `+pick(skimCategories), `"method": `+pick(skimMethods), `"object": `+pick(skimObjects), `"value": "pref-x"`, `"extra": `+pick(skimExtras))
		} else {
			members = append(members, `"source": `+pick(skimSources), `"status": "success"`)
		}
	case 3: // a ping
		members = append(members, `"type": `+pick(skimTypes))
	}
	for n := r.IntN(5); n > 0; n-- {
		members = append(members, pick(skimFillers))
	}
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	return "{" + strings.Join(members, ", ") + "}"
}
