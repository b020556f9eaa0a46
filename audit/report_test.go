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

// knownOverflow390 is true while the HTML report is wider than a 390 px
// phone viewport: its charts are 800 px wide SVGs and its tables do not
// wrap.
//
// TODO(issue 12): the rewrite of the HTML report makes it fit a phone; set
// this to false then, and the overflow at 390 px fails the test like the
// one at 1280 px does. While it is true, TestReportHTMLInBrowser logs the
// overflow (the elements past the edge) as a known failure, and fails
// once the report fits, so that the flag cannot be forgotten.
const knownOverflow390 = true

// TestReportHTMLInBrowser opens the HTML report in headless Chromium at
// 1280 and 390 CSS px (internal/browsertest) and checks that the window is
// as wide as asked, that nothing overflows it, that the page fetches
// nothing, that every section and chart is there, and that the charts show
// the JSON report's figures. Screenshots and a print to PDF go to
// $NORMLINT_ARTIFACTS. Without Chromium or puppeteer-core it is skipped,
// unless NORMLINT_BROWSER_TEST=required (CI), when it fails.
func TestReportHTMLInBrowser(t *testing.T) {
	var page, errb bytes.Buffer
	if code := cli.Run(append([]string{"normlint", "report", "--format", "html"}, auditInputs...), nil, &page, &errb); code != 0 {
		t.Fatalf("report --format html: exit %d\n%s", code, errb.String())
	}
	for _, forbidden := range []string{"<script", "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(page.String(), `xmlns="http://www.w3.org/2000/svg"`, ""), forbidden) {
			t.Errorf("the HTML report is not self-contained: it holds %q", forbidden)
		}
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runReportJSON(t, auditInputs...)

	// What the JSON report says the page must show.
	want := map[string]int{}
	for _, u := range r.Uptake {
		for status, n := range u.Statuses {
			key := "uptake-" + u.Family + "|" + htmlStatusLabel(u.Family, status)
			want[key] += n
		}
	}
	for slug, st := range r.Studies {
		want["studies|"+slug+" enrollments"] = st.Enrollments
		n := 0
		for _, c := range st.Unenrollments {
			n += c
		}
		want["studies|"+slug+" unenrollments"] = n
	}
	families := map[string]bool{}
	for _, u := range r.Uptake {
		families[u.Family] = true
	}
	selectors := []browsertest.Selector{
		{Selector: "h1", Min: 1},
		{Selector: "body > h2", Min: 4}, // Uptake, Enrollment, Findings, Spec coverage
		{Selector: "svg.chart#studies", Min: 1},
		{Selector: "svg.chart rect.bar[data-value]", Min: len(want)},
		// Per family a source table; the studies; findings per rule and
		// their most frequent locations.
		{Selector: "table", Min: len(families) + 3},
		{Selector: "p.bug", Min: 1}, // pref-audit's unenrollment with reason "unknown"
		{Selector: "ul li code", Min: len(r.Coverage.Unseen)},
	}
	for fam := range families {
		selectors = append(selectors,
			browsertest.Selector{Selector: "h3 + svg.chart#uptake-" + fam, Min: 1},
			browsertest.Selector{Selector: "svg.chart#uptake-" + fam + " + table", Min: 1})
	}
	opts := browsertest.Options{Widths: []int{1280, 390}, Selectors: selectors, Name: "report"}
	if knownOverflow390 {
		opts.KnownOverflow = []int{390}
	}
	res := browsertest.Check(t, file, opts)
	if res == nil {
		return
	}
	if v := res.Viewport(390); knownOverflow390 && v != nil && !v.Overflows() {
		t.Errorf("the HTML report fits 390 px now: set knownOverflow390 = false in report_test.go (issue 12)")
	}

	h2 := regexp.MustCompile(`<h2>([^<]*)</h2>`).FindAllStringSubmatch(res.DOM, -1)
	var sections []string
	for _, m := range h2 {
		sections = append(sections, m[1])
	}
	if got := strings.Join(sections, ", "); got != "Uptake, Enrollment, Findings, Spec coverage" {
		t.Errorf("the report's sections are %q", got)
	}
	bars := map[string]int{}
	re := regexp.MustCompile(`<rect class="bar [a-z]+" data-chart="([^"]+)" data-label="([^"]+)" data-value="([0-9]+)"`)
	for _, m := range re.FindAllStringSubmatch(res.DOM, -1) {
		n, _ := strconv.Atoi(m[3])
		bars[m[1]+"|"+html.UnescapeString(m[2])] = n
	}
	if len(bars) == 0 {
		t.Fatalf("the rendered page holds no chart bars:\n%.2000s", res.DOM)
	}
	for k, v := range want {
		if bars[k] != v {
			t.Errorf("chart bar %s shows %d, the JSON report says %d", k, bars[k], v)
		}
	}
	if len(bars) != len(want) {
		t.Errorf("the charts have %d bars, the JSON report %d figures: %v", len(bars), len(want), bars)
	}
}

// htmlStatusLabel is how the charts label a status: with its constants.
func htmlStatusLabel(fam, status string) string {
	switch {
	case fam == "runner" && status == "success":
		return "success (RUNNER_SUCCESS)"
	case fam == "runner" && status == "network_error":
		return "network_error (RUNNER_NETWORK_ERROR)"
	case fam == "recipe" && status == "success":
		return "success (RECIPE_SUCCESS)"
	case fam == "recipe" && status == "backoff":
		return "backoff (RECIPE_DIDNT_MATCH_FILTER or RECIPE_INCOMPATIBLE_CAPABILITIES)"
	case fam == "recipe" && status == "apply_error":
		return "apply_error (RECIPE_EXECUTION_ERROR)"
	}
	return status
}
