package audit_test

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/internal/browsertest"
	"github.com/normlint/normlint/internal/cli"
)

var auditInputs = []string{"testdata/audit/export.jsonl", "testdata/audit/main-ping.json"}

// TestMain runs the tests from the repository's root, where the inputs are
// named as a user names them.
func TestMain(m *testing.M) {
	if err := os.Chdir(".."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func runReportJSON(t *testing.T, args ...string) *audit.Report {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(append([]string{"normlint", "report", "--format", "json"}, args...), nil, &out, &errb)
	if code != 0 {
		t.Fatalf("report: exit %d\n%s", code, errb.String())
	}
	var r audit.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("report --format json is not JSON: %v\n%s", err, out.String())
	}
	return &r
}

// TestReportHandCount compares the JSON report with a count by hand of
// testdata/audit.
func TestReportHandCount(t *testing.T) {
	r := runReportJSON(t, auditInputs...)
	// normandy/runner: histogram bucket 1 (success) of 3, plus one success
	// and one network_error event. normandy/recipe/77: success 2, backoff 2,
	// apply_error 1. main/search-config is another component's.
	runner := r.Uptake["normandy/runner"]
	if runner == nil || runner.Family != "runner" || runner.Total != 5 || runner.Statuses["success"] != 4 || runner.Statuses["network_error"] != 1 ||
		runner.Success != 4 || runner.Failure != 1 || runner.SuccessRate == nil || *runner.SuccessRate != 0.8 {
		t.Errorf("normandy/runner: %+v", runner)
	}
	// backoff is not-targeted: the success rate is 2 of 3, not 2 of 5.
	recipe := r.Uptake["normandy/recipe/77"]
	if recipe == nil || recipe.Family != "recipe" || recipe.Total != 5 || recipe.Statuses["backoff"] != 2 || recipe.Statuses["apply_error"] != 1 ||
		recipe.NotTargeted != 2 || recipe.Failure != 1 || recipe.SuccessRate == nil || *recipe.SuccessRate != 2.0/3 {
		t.Errorf("normandy/recipe/77: %+v", recipe)
	}
	if _, ok := r.Uptake["main/search-config"]; ok || len(r.Uptake) != 2 {
		t.Errorf("uptake keys: %v", r.Uptake)
	}
	pref := r.Studies["preference_study pref-audit"]
	if pref == nil || pref.Object != "preference_study" || pref.Enrollments != 2 || pref.Branches["control"] != 1 || pref.Branches["treatment"] != 1 ||
		pref.Unenrollments["recipe-not-seen"] != 1 || pref.Unenrollments["unknown"] != 1 {
		t.Errorf("pref-audit: %+v", pref)
	}
	// The add-on study's unenroll carries its name, and pairs by addonId.
	addon := r.Studies["addon_study addonId audit@mozilla.org"]
	if addon == nil || addon.Slug != "addon-audit" || addon.Enrollments != 1 || addon.Unenrollments["individual-opt-out"] != 1 {
		t.Errorf("addon-audit: %+v", addon)
	}
	if len(r.Studies) != 3 {
		t.Error("the add-on unenrollment was counted under its name, not under the study it pairs with")
	}
	// A study with only failures is listed.
	if broken := r.Studies["addon_study addon-broken"]; broken == nil || broken.Enrollments != 0 || broken.EnrollFailures["download-failure"] != 1 {
		t.Errorf("addon-broken: %+v", broken)
	}
	// pipeline-reject: main-ping.json has no application, and a clientId
	// that is not a UUID.
	wantFindings := map[string]int{"branch-mismatch": 1, "enroll-failure": 1, "pipeline-reject": 2, "undocumented-status": 1, "undocumented-value": 1, "unknown-reason": 1}
	if len(r.Findings) != len(wantFindings) {
		t.Errorf("findings: %v, want %v", r.Findings, wantFindings)
	}
	for rule, n := range wantFindings {
		if r.Findings[rule] != n {
			t.Errorf("findings[%s] = %d, want %d", rule, r.Findings[rule], n)
		}
	}
	if r.Coverage.Documented != 29 || len(r.Coverage.Seen)+len(r.Coverage.Unseen) != 29 {
		t.Errorf("coverage: %+v", r.Coverage)
	}
	seen := strings.Join(r.Coverage.Seen, " ")
	for _, want := range []string{"status:RUNNER_SUCCESS", "status:RUNNER_NETWORK_ERROR", "status:RECIPE_SUCCESS", "status:RECIPE_EXECUTION_ERROR",
		"event:enroll/preference_study", "event:unenroll/addon_study", "event:enrollFailed/addon_study",
		"reason:unenroll/preference_study/unknown", "reason:unenroll/addon_study/individual-opt-out"} {
		if !strings.Contains(" "+seen+" ", " "+want+" ") {
			t.Errorf("coverage does not count %s as seen: %v", want, r.Coverage.Seen)
		}
	}
	if !strings.Contains(strings.Join(r.Coverage.Unseen, " "), "status:RUNNER_INVALID_SIGNATURE") {
		t.Errorf("RUNNER_INVALID_SIGNATURE never occurred: %v", r.Coverage.Unseen)
	}
	if r.Summary.NormandyRecords != 13 || r.Summary.SkippedRecords != 2 { // 9 rows, 4 non-empty buckets
		t.Errorf("summary: %+v", r.Summary)
	}
}

func TestReportExamplesAndExit(t *testing.T) {
	r := runReportJSON(t, "--examples", "1", "testdata/samples/invalid/every-rule.jsonl")
	for _, l := range r.Locations {
		if len(l.Examples) > 1 {
			t.Errorf("--examples 1 gave %v", l.Examples)
		}
	}
	var out, errb bytes.Buffer
	if code := cli.Run([]string{"normlint", "report", "testdata/samples/invalid/every-rule.jsonl"}, nil, &out, &errb); code != 0 {
		t.Errorf("report is not a gate: exit %d on findings", code)
	}
	if code := cli.Run([]string{"normlint", "report", "no-such-file.json"}, nil, &out, &errb); code != 3 {
		t.Errorf("unreadable input: exit %d, want 3", code)
	}
	if code := cli.Run([]string{"normlint", "report", "--format", "pdf", "x.json"}, nil, &out, &errb); code != 2 {
		t.Errorf("bad format: exit %d, want 2", code)
	}
}

// longInputs add to the audit inputs an 80-character slug (with reason
// "unknown"), a 204-character pointer and a 130-byte source key: values
// that widened the old report's columns past a phone's width.
var longInputs = []string{"testdata/audit/long-values.jsonl"}

// htmlSections are the page's sections, in order: the id of each
// <section>, and its heading.
var htmlSections = [][2]string{{"summary", "Summary"}, {"uptake", "Uptake"}, {"enrollment", "Enrollment"}, {"findings", "Findings"}, {"coverage", "Spec coverage"}}

// testUptakeClass is how the page must count the statuses of the audit
// inputs: a recipe's backoff is "not targeted", not a failure.
var testUptakeClass = map[string]string{"success": "success", "network_error": "failure", "server_error": "failure",
	"apply_error": "failure", "backoff": "not targeted"}

// TestReportHTMLInBrowser opens the HTML report in headless Chromium at
// 1280 and 390 CSS px (internal/browsertest) and checks that the window is
// as wide as asked, that nothing overflows it (with an 80-character slug
// and a 200-character pointer in the input), that the page fetches
// nothing, that every section and chart is there, and that the charts show
// the JSON report's figures. Screenshots and a print to PDF go to
// $NORMLINT_ARTIFACTS. Without Chromium or puppeteer-core it is skipped,
// unless NORMLINT_BROWSER_TEST=required (CI), when it fails.
func TestReportHTMLInBrowser(t *testing.T) {
	inputs := append(append([]string{}, auditInputs...), longInputs...)
	var page, errb bytes.Buffer
	if code := cli.Run(append([]string{"normlint", "report", "--format", "html"}, inputs...), nil, &page, &errb); code != 0 {
		t.Fatalf("report --format html: exit %d\n%s", code, errb.String())
	}
	for _, forbidden := range []string{"<script", "http://", "https://", "<link", "<img", "@import", "url("} {
		if strings.Contains(page.String(), forbidden) {
			t.Errorf("the HTML report is not self-contained: it holds %q", forbidden)
		}
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runReportJSON(t, inputs...)
	want := htmlFigures(t, r)
	longSlug, longPointer := longValues(t, r)

	selectors := []browsertest.Selector{
		{Selector: "header h1", Min: 1},
		{Selector: "#summary.card dl.facts > div > dt", Min: 7},
		{Selector: "figure.chart#chart-uptake-time :is(p.empty, svg.plot[role=img])", Min: 1},
		{Selector: "figure.chart#chart-sources svg.bars[role=img][aria-label] rect.seg[data-value]", Min: len(r.Uptake)},
		{Selector: "figure.chart#chart-studies svg.bars[role=img][aria-label] rect.seg[data-value]", Min: len(r.Studies)},
		{Selector: "figure.chart#chart-findings svg.bars[role=img][aria-label] rect.seg[data-value]", Min: len(r.Findings)},
		{Selector: "figure.chart > figcaption", Min: 4},
		{Selector: "svg#coverage-meter[role=img][aria-label]", Min: 1},
		{Selector: "table#table-sources tbody tr", Min: len(r.Uptake)},
		{Selector: "table#table-studies tbody tr", Min: len(r.Studies)},
		{Selector: "table#table-locations tbody tr", Min: min(len(r.Locations), 20)},
		{Selector: "#summary dd > ul > li > code", Min: 2}, // pref-audit's and the long slug's reason "unknown"
		{Selector: "#enrollment ul.bugs li.bug", Min: 2},
		{Selector: "#unseen li code", Min: len(r.Coverage.Unseen)},
		{Selector: "#chart-studies code[title=\"" + longSlug + "\"]", Min: 1},
		{Selector: "#table-studies code", Min: 1},
	}
	for _, sec := range htmlSections {
		selectors = append(selectors,
			browsertest.Selector{Selector: "main > section#" + sec[0] + " > h2", Min: 1},
			browsertest.Selector{Selector: "nav.toc a[href=\"#" + sec[0] + "\"]", Min: 1})
	}
	for fam := range uptakeFamilies(r) {
		selectors = append(selectors, browsertest.Selector{Selector: "table#statuses-" + fam + " tbody tr", Min: 1})
	}
	opts := browsertest.Options{Widths: []int{1280, 390}, Selectors: selectors, Name: "report"}
	res := browsertest.Check(t, file, opts)
	if res == nil {
		return
	}
	for _, w := range opts.Widths {
		v := res.Viewport(w)
		if v == nil {
			continue // Check reported it
		}
		if v.InnerWidth != w || v.ScrollWidth > v.InnerWidth {
			t.Errorf("at %d px: window.innerWidth %d, document scrollWidth %d", w, v.InnerWidth, v.ScrollWidth)
		}
	}

	h2 := regexp.MustCompile(`<h2 id="[a-z]+-h">([^<]*)</h2>`).FindAllStringSubmatch(res.DOM, -1)
	var sections, wantSections []string
	for _, m := range h2 {
		sections = append(sections, m[1])
	}
	for _, sec := range htmlSections {
		wantSections = append(wantSections, sec[1])
	}
	if got, w := strings.Join(sections, ", "), strings.Join(wantSections, ", "); got != w {
		t.Errorf("the report's sections are %q, want %q", got, w)
	}
	if !strings.Contains(strings.ReplaceAll(res.DOM, "<wbr>", ""), ">"+longPointer+"</code>") {
		t.Errorf("the locations table does not show the %d-character pointer in full", len(longPointer))
	}
	for _, tag := range regexp.MustCompile(`<svg[^>]*>`).FindAllString(res.DOM, -1) {
		if !strings.Contains(tag, ` role="img"`) || !strings.Contains(tag, ` aria-label="`) {
			t.Errorf("an SVG has no role img or no aria-label: %s", tag)
		}
	}
	bars := map[string]int{}
	re := regexp.MustCompile(`<rect class="seg [a-z -]+" data-chart="([^"]+)" data-label="([^"]+)" data-segment="([^"]+)" data-value="([0-9]+)"`)
	for _, m := range re.FindAllStringSubmatch(res.DOM, -1) {
		n, _ := strconv.Atoi(m[4])
		bars[m[1]+"|"+html.UnescapeString(m[2])+"|"+html.UnescapeString(m[3])] += n
	}
	if len(bars) == 0 {
		t.Fatalf("the rendered page holds no chart bars:\n%.2000s", res.DOM)
	}
	for k, v := range want {
		if bars[k] != v {
			t.Errorf("chart segment %s shows %d, the JSON report says %d", k, bars[k], v)
		}
	}
	if len(bars) != len(want) {
		t.Errorf("the charts have %d segments, the JSON report %d figures: %v", len(bars), len(want), bars)
	}
}

// htmlFigures computes from the JSON report what every chart segment must
// show, keyed chart|label|segment; a zero is not drawn.
func htmlFigures(t *testing.T, r *audit.Report) map[string]int {
	t.Helper()
	want := map[string]int{}
	for src, u := range r.Uptake {
		for status, n := range u.Statuses {
			class, ok := testUptakeClass[status]
			if !ok {
				t.Fatalf("status %q of %s: add how the page counts it to testUptakeClass", status, src)
			}
			want["chart-sources|"+src+"|"+class] += n
		}
	}
	for _, st := range r.Studies {
		// The chart labels a study by its slug (and add-on ID) beside its
		// object; studies that share a label add up.
		slug := st.Slug
		if st.AddonID != "" {
			slug += " (add-on " + st.AddonID + ")"
		}
		out := 0
		for reason, n := range st.Unenrollments {
			want["chart-studies|"+slug+"|unenrolled: "+reason] += n
			out += n
		}
		if still := st.Enrollments - out; still > 0 {
			want["chart-studies|"+slug+"|still enrolled"] += still
		}
		failed := 0
		for _, n := range st.EnrollFailures {
			failed += n
		}
		if failed > 0 {
			want["chart-studies|"+slug+"|enrollment failed"] += failed
		}
	}
	for _, l := range r.Locations {
		want["chart-findings|"+l.Rule+"|"+l.Severity] += l.Count
	}
	return want
}

// longValues finds the 80-character slug and the longest pointer of the
// report, and checks that they are as long as the test needs.
func longValues(t *testing.T, r *audit.Report) (slug, pointer string) {
	t.Helper()
	for _, st := range r.Studies {
		if len(st.Slug) == 80 {
			slug = st.Slug
		}
	}
	for _, l := range r.Locations {
		if len(l.Pointer) > len(pointer) {
			pointer = l.Pointer
		}
	}
	if slug == "" || len(pointer) < 200 {
		t.Fatalf("the inputs hold no 80-character slug (%q) or no 200-character pointer (%d)", slug, len(pointer))
	}
	return slug, pointer
}

func uptakeFamilies(r *audit.Report) map[string]bool {
	fams := map[string]bool{}
	for _, u := range r.Uptake {
		f := u.Family
		if f == "" {
			f = "other"
		}
		fams[f] = true
	}
	return fams
}
