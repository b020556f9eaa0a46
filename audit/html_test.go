package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/normlint/normlint/internal/browsertest"
)

func TestUptakeClass(t *testing.T) {
	for _, c := range []struct{ fam, status, want string }{
		{"recipe", "success", classSuccess},
		{"recipe", "backoff", classNotTargeted},
		{"recipe", "custom_2_error", classNotTargeted}, // RECIPE_DIDNT_MATCH_FILTER before Firefox 68
		{"recipe", "apply_error", classFailure},
		{"action", "custom_2_error", classFailure}, // ACTION_POST_EXECUTION_ERROR
		{"runner", "network_error", classFailure},
		{"runner", "signature_error", classInvalid},
		{"runner", "up_to_date", classInvalid},
		{"", "backoff", classInvalid}, // a source of no family: invalid-uptake-source
	} {
		if got := uptakeClass(c.fam, c.status); got != c.want {
			t.Errorf("uptakeClass(%q, %q) = %q, want %q", c.fam, c.status, got, c.want)
		}
	}
}

func TestOutcomeSuccessRate(t *testing.T) {
	// Not targeted and invalid are out of the rate: 3 of 3+1.
	o := outcome{Success: 3, NotTargeted: 10, Failure: 1, Invalid: 5}
	if got := o.SuccessRate(); got != "75.0%" {
		t.Errorf("success rate %s, want 75.0%%", got)
	}
	if got := (outcome{NotTargeted: 2}).SuccessRate(); got != "n/a" {
		t.Errorf("success rate of a source that only backed off: %s, want n/a", got)
	}
}

func TestPointerWords(t *testing.T) {
	for p, want := range map[string]string{
		"":              "the whole record",
		"/extra/reason": "",
		"/*/*":          "any item › any item",
		"/payload/keyedHistograms/UPTAKE_REMOTE_CONTENT_RESULT_1/normandy~1runner/values/*": "payload › keyedHistograms › UPTAKE_REMOTE_CONTENT_RESULT_1 › normandy/runner › values › any item",
		"/events/3/a~0b": "events › item 3 › a~b",
	} {
		if got := pointerWords(p); got != want {
			t.Errorf("pointerWords(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestStackChartEscapesAndCuts(t *testing.T) {
	long := strings.Repeat("x", 70) + "<b>"
	c := stackChart{ID: "c", Title: "T", Rows: []stackRow{{Label: long, Segments: []segment{{Name: "a&b", Class: "failure", Value: 2}, {Name: "zero", Class: "success"}}}}}
	got := string(c.HTML())
	if strings.Contains(got, "<b>") || !strings.Contains(got, `title="`+strings.Repeat("x", 70)+`&lt;b&gt;"`) {
		t.Errorf("the label is not escaped in full in the title:\n%s", got)
	}
	if !strings.Contains(got, ">"+strings.Repeat("x", maxLabel-1)+"…</code>") {
		t.Errorf("the drawn label is not cut to %d characters:\n%s", maxLabel, got)
	}
	if strings.Count(got, "<rect") != 1 || !strings.Contains(got, `data-segment="a&amp;b" data-value="2"`) {
		t.Errorf("want one segment drawn (a zero is not):\n%s", got)
	}
}

// timeSample is two families over three days, one of which has a gap.
func timeSample() timeChart {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	return timeChart{ID: "chart-uptake-time", Title: "Uptake success rate per family over time", Empty: "No time data.",
		Series: []series{
			{Name: "runner", Class: "runner", Points: []point{{day(1), 1, 10}, {day(2), 0.5, 4}, {day(3), 0.9, 10}}},
			{Name: "recipe", Class: "recipe", Points: []point{{day(1), 0.25, 4}, {day(3), 0, 2}}},
		}}
}

func TestTimeChart(t *testing.T) {
	got := string(timeSample().HTML())
	if n := strings.Count(got, "<polyline"); n != 2 {
		t.Errorf("%d lines, want one per family", n)
	}
	if n := strings.Count(got, "<circle"); n != 5 {
		t.Errorf("%d points, want 5", n)
	}
	for _, want := range []string{
		`data-label="runner" data-t="2026-11-02T00:00:00Z" data-value="0.5000" data-n="4"`,
		`data-label="recipe" data-t="2026-11-03T00:00:00Z" data-value="0.0000" data-n="2"`,
		`>2026-11-01</text>`, `>2026-11-03</text>`, `>100%</text>`,
		`role="img" aria-label="Uptake success rate per family over time, 2026-11-01 to 2026-11-03: runner, recipe"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the time chart lacks %s:\n%s", want, got)
		}
	}
	empty := timeChart{ID: "x", Title: "T", Empty: "No time data."}
	if got := string(empty.HTML()); !strings.Contains(got, `<p class="empty" role="note">No time data.</p>`) || strings.Contains(got, "<svg") {
		t.Errorf("an empty time chart: %s", got)
	}
}

// TestTimeChartInBrowser renders a page whose time chart has data (the
// report model does not bucket by time yet) and checks it fits at both
// widths like the rest.
func TestTimeChartInBrowser(t *testing.T) {
	m := pageFromReport(&Report{Uptake: map[string]*Uptake{
		"normandy/runner": {Family: "runner", Total: 3, Statuses: map[string]int{"success": 2, "network_error": 1}},
	}, Studies: map[string]*Study{}})
	m.UptakeTime = timeSample()
	var page bytes.Buffer
	if err := renderPage(&page, m); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "time.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res := browsertest.Check(t, file, browsertest.Options{Name: "report-time", Selectors: []browsertest.Selector{
		{Selector: "figure#chart-uptake-time svg.plot[role=img] circle.dot[data-value]", Min: 5},
		{Selector: "figure#chart-uptake-time ul.legend li", Min: 2},
	}})
	if res == nil {
		return
	}
	if regexp.MustCompile(`class="empty"`).MatchString(res.DOM) {
		t.Error("the time chart says it has no data")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 386103: "386,103", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
