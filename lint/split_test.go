package lint_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// listRecord is the i-th record of a generated list: every third one has
// findings (an unknown reason, a slug with a space), and the clients repeat
// so that the lifecycle rules relate records to earlier ones.
func listRecord(i int) string {
	switch i % 3 {
	case 0:
		return fmt.Sprintf(`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-%d", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c%d", "timestamp": %d}`, i%5, i%4, i)
	case 1:
		return fmt.Sprintf(`{"source": "normandy/recipe/%d", "status": "success", "client_id": "c%d", "timestamp": %d}`, i, i%4, i)
	}
	return fmt.Sprintf(`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref %d", "extra": {"didResetValue": "true", "reason": "unknown"}, "client_id": "c%d", "timestamp": %d}`, i%5, i%4, i)
}

func list(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = listRecord(i)
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// TestLongLinesReadAsWhole is a differential test: a line long enough to
// be streamed element by element gives what the same line read whole gives
// (the reading buffer is made tiny so that these lines are streamed). A
// broken line gives the same parse error, worded and placed alike; only
// the good elements before the error are checked in addition, as they are
// in a document.
func TestLongLinesReadAsWhole(t *testing.T) {
	rec := listRecord(2)
	tuple := `[81234, "normandy", "unenroll", "preference_study", "pref a", {"reason": "unknown", "didResetValue": "true"}]`
	cases := map[string]string{
		"list":             list(12) + "\n" + rec + "\n" + list(9) + "\n",
		"crlf":             list(12) + "\r\n" + rec + "\r\n" + list(9) + "\r\n",
		"no final newline": rec + "\n" + list(10),
		"indented":         "  \t" + list(10) + "  \n" + rec + "\n",
		"blank lines":      "\n\n" + list(10) + "\n\n" + rec + "\n",
		"list of tuples":   "[" + strings.Repeat(tuple+", ", 8) + tuple + "]\n",
		"nested lists":     "[" + list(3) + ", " + list(2) + ", " + strings.Repeat(rec+", ", 6) + rec + "]\n",
		"tuple":            tuple + "\n" + rec + "\n",
		"tuple-like":       `["81234", "normandy", "unenroll", "preference_study", "pref-a", {"reason": "unknown", "didResetValue": "true"}]` + "\n" + rec + "\n",
		"six items":        list(6) + "\n" + rec + "\n",
		"seven items":      list(7) + "\n" + rec + "\n",
		"empty":            "[                    ]\n" + rec + "\n",
		"scalars":          `[1, 2, 3, 4, 5, 6, 7, 8, "nine", null, true, {}, []]` + "\n" + rec + "\n",
		"document":         list(12)[:len(list(12))-1] + ",\n" + rec + ",\n  " + rec + "\n]\n",
		"documents":        list(12)[:len(list(12))-1] + ",\n" + rec + "]\n" + list(3) + "\n{}\n",
		"truncated first":  list(12)[:900] + "\n" + rec + "\n" + rec + "\n",
	}
	broken := map[string]string{
		"trailing comma in element":    strings.Replace(list(12), `"exp"}`, `"exp",}`, 3),
		"trailing comma in array":      strings.Replace(list(12), `"timestamp": 10}`, `"timestamp": [10,]}`, 1),
		"trailing comma in list":       strings.TrimSuffix(list(12), "]") + ",\n  ]",
		"duplicate key":                strings.Replace(list(12), `"timestamp": 10}`, `"timestamp": 10, "value": "x"}`, 1),
		"missing comma":                strings.Replace(list(12), `"timestamp": 10}, `, `"timestamp": 10} `, 1),
		"two commas":                   strings.Replace(list(12), `"timestamp": 10}, `, `"timestamp": 10},, `, 1),
		"bad literal":                  strings.Replace(list(12), `"timestamp": 10}`, `"timestamp": tru}`, 1),
		"control character":            strings.Replace(list(12), `"pref 2"`, "\"pref\t2\"", 1),
		"bad escape":                   strings.Replace(list(12), `"pref 2"`, `"pref\x2"`, 1),
		"data after the list":          list(12) + ` x`,
		"value after the list":         list(12) + ` {"a": 1}`,
		"bracket after the list":       list(12) + `]`,
		"truncated":                    list(12)[:1500],
		"broken among the first items": strings.Replace(list(12), `"timestamp": 2}`, `"timestamp": 2`, 1),
	}
	for name, line := range broken {
		cases[name] = rec + "\n" + line + "\n" + rec + "\n" + list(9) + "\n"
		cases[name+", first line"] = line + "\n" + rec + "\n"
		cases[name+", last line"] = rec + "\r\n" + line
	}
	cases["gzip"] = string(linttest.Gzip(t, []byte(cases["list"])))
	gz := linttest.Gzip(t, []byte(strings.Repeat(cases["list"], 4)))
	cases["gzip cut"] = string(gz[:len(gz)*2/3])

	for name, data := range cases {
		whole, streamed := compareWholeAndStreamed(t, name, data)
		if name == "missing comma" && len(streamed.Diags) <= len(whole.Diags) {
			t.Errorf("%s: the line was not streamed: the elements before its error were not checked", name)
		}
	}
}

// FuzzLongLines is TestLongLinesReadAsWhole on any input.
func FuzzLongLines(f *testing.F) {
	f.Add(list(9) + "\n" + listRecord(2) + "\n")
	f.Add(strings.Replace(list(9), `"exp"}`, `"exp",}`, 3) + "\n" + list(8))
	f.Add("  " + list(8)[:700] + "\r\n" + list(8))
	f.Fuzz(func(t *testing.T, data string) {
		// Binary data is told by its first 8 KiB, more than the tiny buffer
		// holds.
		if strings.ContainsFunc(data, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) ||
			strings.HasPrefix(data, "\xff\xfe") || strings.HasPrefix(data, "\xfe\xff") {
			t.Skip()
		}
		compareWholeAndStreamed(t, "fuzz", data)
	})
}

// compareWholeAndStreamed checks data with the usual reading buffer and with
// a tiny one, which streams every line longer than 16 bytes that holds a
// list, and compares.
func compareWholeAndStreamed(t *testing.T, name, data string) (whole, streamed *linttest.Collect) {
	t.Helper()
	whole = run(t, data)
	restore := lint.SetReaderSize(16)
	streamed = run(t, data)
	restore()
	parseErrors := func(c *linttest.Collect) []string {
		var out []string
		for _, d := range c.Diags {
			if d.Rule == lint.RuleParseError {
				out = append(out, show(d))
			}
		}
		return out
	}
	if pw, ps := parseErrors(whole), parseErrors(streamed); len(pw) > 0 {
		if strings.Join(pw, "\n") != strings.Join(ps, "\n") {
			t.Errorf("%s: read whole:\n%s\nstreamed:\n%s", name, strings.Join(pw, "\n"), strings.Join(ps, "\n"))
		}
		got := map[string]bool{}
		for _, d := range streamed.Diags {
			got[show(d)] = true
		}
		for _, d := range whole.Diags {
			if !got[show(d)] && d.Rule != lint.RuleNoNormandyRecords {
				t.Errorf("%s: streamed, this finding is lost: %s", name, show(d))
			}
		}
		return whole, streamed
	}
	if fmt.Sprint(whole.Diags) != fmt.Sprint(streamed.Diags) || fmt.Sprint(whole.Summary) != fmt.Sprint(streamed.Summary) {
		t.Errorf("%s: read whole:\n%v\n%+v\nstreamed:\n%v\n%+v", name, whole.Diags, whole.Summary, streamed.Diags, streamed.Summary)
	}
	return whole, streamed
}

// engine is built once: setting up the catalog costs more than a run.
var engine = sync.OnceValue(func() *lint.Engine {
	cfg := rules.Setup()
	cfg.Workers = 2
	eng, err := lint.New(cfg)
	if err != nil {
		panic(err)
	}
	return eng
})

func run(t *testing.T, data string) *linttest.Collect {
	t.Helper()
	c := &linttest.Collect{}
	if _, err := engine().Run([]lint.Input{linttest.Input("f.json", data)}, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func show(d lint.Diagnostic) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d:%d %s %s %q %q", d.Line, d.Column, d.Rule, d.Pointer, d.Message, d.Hint)
	for _, r := range d.Related {
		fmt.Fprintf(&b, " (%d:%d %s)", r.Line, r.Column, r.Pointer)
	}
	return b.String()
}
