package input_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
)

// Pieces of generated events_stream rows: the columns the adapter reads,
// with both eras of re-typed extras, INT64 strings, null times, extras as
// objects and as JSON text, and near misses.
var (
	rowClients = []string{`"c0ffee00-0000-4000-8000-000000000001"`, `"c0ffee00-0000-4000-8000-000000000002"`, `"c0ffee00-0000-4000-8000-000000000003"`, `""`, `7`, `null`, `"c\u0030ffee"`}
	rowTimes   = []string{`1736937687921`, `"1736937687921"`, `"81234"`, `"-5"`, `"81234.5"`, `"+1"`, `"9007199254740993"`, `null`, `1.5`, `1e400`, `-0`,
		`"2025-01-15 09:31:02.123456 UTC"`, `true`, `{"a": 1}`, `4611686018427387905`}
	rowDates       = []string{`"2025-01-15"`, `"15/01/2025"`, `null`}
	rowSubmissions = []string{`"2025-01-15 09:31:02.123456 UTC"`, `"2025-01-15T09:31:02.123Z"`, `"2025-01-15 09:31:02"`, `"not a time"`, `null`, `12`}
	rowCategories  = []string{`"normandy"`, `"normandy"`, `"normandy"`, `"uptake.remotecontent.result"`, `"\u006eormandy"`, `"urlbar"`, `7`, `null`}
	rowNames       = []string{`"enroll_preference_study"`, `"unenroll_preference_study"`, `"enroll_addon_study"`, `"unenroll_addon_study"`, `"enroll_failed_addon_study"`,
		`"enroll_nimbus_experiment"`, `"update_preference_study"`, `"uptake_normandy"`, `"uptake_remotesettings"`, `"bogus"`, `"enroll_\u0070reference_study"`, `3`, `null`}
	rowSlugs       = []string{`"pref-a"`, `"pref-b"`, `"addon-c"`, `"Bad Slug"`, `""`, `"caf\u00e9"`, `"` + strings.Repeat("s", 90) + `"`, `1`, `true`, `null`}
	rowExtraNames  = []string{`"branch"`, `"experimentType"`, `"enrollmentId"`, `"reason"`, `"didResetValue"`, `"addonId"`, `"addonVersion"`, `"source"`, `"age"`, `"a/b~c"`, `"\u0062ranch"`, `"x y"`}
	rowExtraValues = []string{`"control"`, `"treatment"`, `"exp"`, `"recipe-not-seen"`, `"unknown"`, `"true"`, `"1.0"`, `"normandy/recipe/12"`, `"success"`, `"bogus_status"`,
		`true`, `false`, `null`, `42`, `1.5`, `-0`, `1e400`, `"\t"`, `""`, `{"n": 1}`, `[1]`}
	rowFillers = []string{
		`"document_id": "3be53c26-16ae-41fb-97c2-4392e5661769"`, `"sample_id": 42`, `"normalized_channel": "release"`,
		`"client_info": {"app_channel": "release", "app_display_version": "134.0.1", "client_id": "c9"}`,
		`"ping_info": {"seq": 12, "start_time": "2025-01-15T09:00+01:00", "end_time": "2025-01-15T09:30+01:00", "reason": "max_capacity"}`,
		`"metadata": {"geo": {"city": "Berlin"}, "user_agent": {"os": "Windows"}}`,
		`"experiments": [{"key": "normandy-x", "value": {"branch": "control", "extra": {"type": "normandy-pref"}}}]`,
		`"caf\u00e9": "\u00e9t\u00e9"`, `"emoji": "\ud83d\ude00"`, `"big": 1e400`,
	}
	// rowIntruders make another adapter's Detect accept the row, or
	// make it a telemetry.events row.
	rowIntruders = []string{`"type": "event"`, `"payload": {}`, `"status": "success"`, `"category": "normandy"`, `"source": "normandy/runner"`,
		`"event_method": "enroll"`, `"id": "x"`, `"version": 4`}
	rowBroken = []string{
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "p",}}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"a": 1, "a": 2}}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "{\"a\": 1, \"a\": 2}"}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "{not json"}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "{\"value\": \"p\"} x"}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "null"}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "[1]"}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": ""}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": 3}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": [{"key": "branch", "value": "a"}]}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study"} x`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_category": "normandy"}`,
		"{\"event_category\": \"normandy\", \"event_name\": \"enroll_preference_study\", \"event_extra\": {\"value\": \"\xff\"}}",
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "client_info": {"a": 1, "\u0061": 2}}`,
		`{"event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "{\"value\": \"\\ud800\"}"}`,
	}
)

// rowValue is one generated line: mostly events_stream rows built from
// random columns, sometimes broken JSON or a row another adapter reads.
func rowValue(r *rand.Rand) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	if r.IntN(20) == 0 {
		return pick(rowBroken)
	}
	var members []string
	cat, name := pick(rowCategories), pick(rowNames)
	switch {
	case r.IntN(3) > 0:
		cat, name = `"normandy"`, pick(rowNames[:7])
	case r.IntN(2) == 0:
		cat, name = `"uptake.remotecontent.result"`, `"uptake_normandy"`
	}
	members = append(members, `"event_category": `+cat, `"event_name": `+name)
	if r.IntN(8) > 0 {
		var ms []string
		seen := map[string]bool{}
		if r.IntN(6) > 0 {
			val := pick(rowSlugs)
			if cat == `"uptake.remotecontent.result"` {
				val = pick([]string{`"success"`, `"bogus_status"`, `"apply_error"`, `1`, `null`})
			}
			ms = append(ms, `"value": `+val)
		}
		for n := r.IntN(5); n > 0; n-- {
			name := pick(rowExtraNames)
			if seen[name] {
				continue
			}
			seen[name] = true
			val := pick(rowExtraValues)
			if r.IntN(4) > 0 && (strings.HasPrefix(val, "{") || strings.HasPrefix(val, "[")) {
				val = `"v"`
			}
			ms = append(ms, name+": "+val)
		}
		r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		extra := "{" + strings.Join(ms, ", ") + "}"
		switch r.IntN(6) {
		case 0, 1:
			extra = strconv.Quote(extra)
		case 2:
			extra = pick([]string{`null`, `{}`, `"{}"`, `"{\"value\": \"pref-a\"}"`})
		}
		members = append(members, `"event_extra": `+extra)
	}
	if r.IntN(6) > 0 {
		members = append(members, `"client_id": `+pick(rowClients[:3]))
	} else if r.IntN(2) == 0 {
		members = append(members, `"client_id": `+pick(rowClients))
	}
	if r.IntN(5) > 0 {
		members = append(members, `"event_timestamp": `+pick(rowTimes))
	}
	if r.IntN(3) > 0 {
		members = append(members, `"submission_timestamp": `+pick(rowSubmissions))
	}
	if r.IntN(3) == 0 {
		members = append(members, `"submission_date": `+pick(rowDates))
	}
	used := map[string]bool{}
	for n := r.IntN(5); n > 0; n-- {
		if f := pick(rowFillers); !used[f] {
			used[f] = true
			members = append(members, f)
		}
	}
	if r.IntN(15) == 0 {
		members = append(members, pick(rowIntruders))
	}
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	return pick([]string{"", " "}) + "{" + strings.Join(members, ", ") + "}"
}

func readsRowDirectly(data []byte) bool {
	return input.BigQuery{}.ReadDirect(data, &lint.Extraction{})
}

// checkRowDirect fails unless reading a row directly hands over exactly
// what Decode, Detect and Extract do, or declines.
func checkRowDirect(t *testing.T, data []byte) {
	t.Helper()
	got, exp := checkDirectBy(t, input.BigQuery{}, data)
	for i := range exp {
		if fmt.Sprint(got[i].Retyped) != fmt.Sprint(exp[i].Retyped) {
			t.Fatalf("%q: record %d read directly notes %q re-typed, Extract %q", data, i, got[i].Retyped, exp[i].Retyped)
		}
		checkValueOffsets(t, data, got[i])
	}
}

// checkValueOffsets fails when an offset the locator knows is not where
// the value its pointer locates starts.
func checkValueOffsets(t *testing.T, data []byte, r *lint.Record) {
	t.Helper()
	vo, ok := r.Loc.(lint.ValueOffsets)
	if !ok {
		return
	}
	v, _ := lint.Decode(data)
	row := v.(*lint.Object)
	for _, p := range append(locatorProbes, "/extra/enrollmentId", "/extra/addonVersion", "/extra/reason", "/extra/x y") {
		off, ok := vo.ValueOffset(p)
		if !ok {
			continue
		}
		toks := lint.SplitPointer(r.Loc.Locate(p, false).Pointer)
		if len(toks) == 0 {
			t.Fatalf("%q: %s has offset %d but no place", data, p, off)
		}
		// The value there, read from the offset, is the value the
		// pointer names.
		var at any = row
		for _, tok := range toks {
			at, _ = at.(*lint.Object).Get(tok)
		}
		got, err := lint.Decode(firstValue(data[off:]))
		if err != nil || fmt.Sprint(lint.Plain(got)) != fmt.Sprint(lint.Plain(at)) {
			t.Fatalf("%q: %s is at offset %d, which holds %q, not %v", data, p, off, firstValue(data[off:]), lint.Plain(at))
		}
	}
}

// firstValue is the JSON value at the start of b, cut where a member or
// an object ends (good enough for the scalars and flat objects rows hold).
func firstValue(b []byte) []byte {
	depth, inStr := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
			if !inStr && depth == 0 {
				return b[:i+1]
			}
		case inStr:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return b[:i]
			}
			depth--
			if depth == 0 {
				return b[:i+1]
			}
		case c == ',' && depth == 0:
			return b[:i]
		}
	}
	return b
}

func TestReadRowAgreesWithExtract(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 6))
	direct := 0
	for i := 0; i < 3000; i++ {
		data := []byte(rowValue(r))
		if readsRowDirectly(data) {
			direct++
		}
		checkRowDirect(t, data)
	}
	if direct < 1200 {
		t.Fatalf("only %d of 3000 generated rows are read directly", direct)
	}
}

// TestDirectRowsGenerated runs generated rows through the pipeline with
// and without the direct path: the clients and studies recur, so that the
// lifecycle's findings point back to earlier rows.
func TestDirectRowsGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 7))
	for i := 0; i < 25; i++ {
		var b strings.Builder
		for j := 0; j < 60; j++ {
			b.WriteString(rowValue(r))
			b.WriteByte('\n')
		}
		sameWithoutDirect(t, fmt.Sprintf("rows-%d.jsonl", i), b.String())
	}
	for i := 0; i < 10; i++ {
		doc := strings.ReplaceAll(rowValue(r), ", ", ",\n  ")
		sameWithoutDirect(t, fmt.Sprintf("row-%d.json", i), doc)
	}
	// A one-line array longer than the reading buffer, as bq query
	// --format=json writes it: each row is read as a unit of its own, at
	// a pointer into the array.
	for i := 0; i < 2; i++ {
		rows := make([]string, 400)
		for j := range rows {
			rows[j] = rowValue(r)
		}
		sameWithoutDirect(t, fmt.Sprintf("rows-%d.json", i), "["+strings.Join(rows, ",")+"]\n")
	}
}

// TestDirectRowIsUsed: events_stream rows of Normandy's are read without
// a decoded tree of their columns, which shows in the allocations.
func TestDirectRowIsUsed(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `{"submission_timestamp": "2025-01-15 09:31:02.123456 UTC", "document_id": "d%d", "client_id": "c%d", "client_info": {"app_channel": "release", "app_display_version": "134.0.1", "architecture": "x86_64"}, "ping_info": {"seq": %d, "reason": "max_capacity"}, "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-x", "branch": "control", "experimentType": "exp", "enrollmentId": "e%d"}}`+"\n", i, i, i, i)
	}
	allocs := func(noDirect bool) float64 {
		return runAllocs(t, "rows.jsonl", b.String(), func(cfg *lint.Config) { cfg.NoDirect = noDirect })
	}
	if direct, decoded := allocs(false), allocs(true); direct > decoded-8*200 {
		t.Fatalf("reading 200 rows directly allocates %.0f times, decoding them %.0f: the direct path is not used", direct, decoded)
	}
}

// FuzzReadDirectRow compares the direct path for rows with Decode and
// Extract on arbitrary bytes; its seeds are generated rows.
func FuzzReadDirectRow(f *testing.F) {
	r := rand.New(rand.NewPCG(22, 8))
	for i := 0; i < 40; i++ {
		f.Add([]byte(rowValue(r)))
	}
	f.Fuzz(checkRowDirect)
}

// TestRowRecordRecycle: a row's record is handed back once the engine is
// done with it, and zeroed.
func TestRowRecordRecycle(t *testing.T) {
	var x lint.Extraction
	line := `{"client_id": "c", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "s", "branch": "b"}}`
	if !(input.BigQuery{}).ReadDirect([]byte(line), &x) {
		t.Fatal("not read directly")
	}
	r := x.Records()[0]
	if r.Recycle == nil {
		t.Fatal("a row read directly cannot be recycled")
	}
	r.Recycle(r)
	if r.Kind != 0 || r.Loc != nil || len(r.Extras) != 0 || r.Recycle != nil {
		t.Errorf("a recycled record keeps its contents: %+v", r)
	}
}
