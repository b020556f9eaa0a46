package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normlint/normlint/audit"
)

var auditInputs = []string{"testdata/audit/export.jsonl", "testdata/audit/main-ping.json"}

func runReportJSON(t *testing.T, args ...string) *audit.Report {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"normlint", "report", "--format", "json"}, args...), nil, &out, &errb)
	if code != exitOK {
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
	if runner == nil || runner.Family != "runner" || runner.Total != 5 || runner.Statuses["success"] != 4 || runner.Statuses["network_error"] != 1 || runner.SuccessRate != 0.8 {
		t.Errorf("normandy/runner: %+v", runner)
	}
	recipe := r.Uptake["normandy/recipe/77"]
	if recipe == nil || recipe.Family != "recipe" || recipe.Total != 5 || recipe.Statuses["backoff"] != 2 || recipe.Statuses["apply_error"] != 1 || recipe.SuccessRate != 0.4 {
		t.Errorf("normandy/recipe/77: %+v", recipe)
	}
	if _, ok := r.Uptake["main/search-config"]; ok || len(r.Uptake) != 2 {
		t.Errorf("uptake keys: %v", r.Uptake)
	}
	pref := r.Studies["pref-audit"]
	if pref == nil || pref.Object != "preference_study" || pref.Enrollments != 2 || pref.Branches["control"] != 1 || pref.Branches["treatment"] != 1 ||
		pref.Unenrollments["recipe-not-seen"] != 1 || pref.Unenrollments["unknown"] != 1 {
		t.Errorf("pref-audit: %+v", pref)
	}
	// The add-on study's unenroll carries its name, and pairs by addonId.
	addon := r.Studies["addon-audit"]
	if addon == nil || addon.Enrollments != 1 || addon.Unenrollments["individual-opt-out"] != 1 {
		t.Errorf("addon-audit: %+v", addon)
	}
	if _, ok := r.Studies["Audit Add-on Study"]; ok {
		t.Error("the add-on unenrollment was counted under its name, not under the study it pairs with")
	}
	// A study with only failures is listed.
	if broken := r.Studies["addon-broken"]; broken == nil || broken.Enrollments != 0 || broken.EnrollFailures["download-failure"] != 1 {
		t.Errorf("addon-broken: %+v", broken)
	}
	wantFindings := map[string]int{"branch-mismatch": 1, "enroll-failure": 1, "undocumented-status": 1, "undocumented-value": 1, "unknown-reason": 1}
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
	if code := run([]string{"normlint", "report", "testdata/samples/invalid/every-rule.jsonl"}, nil, &out, &errb); code != exitOK {
		t.Errorf("report is not a gate: exit %d on findings", code)
	}
	if code := run([]string{"normlint", "report", "no-such-file.json"}, nil, &out, &errb); code != exitUnreadable {
		t.Errorf("unreadable input: exit %d, want 3", code)
	}
	if code := run([]string{"normlint", "report", "--format", "pdf", "x.json"}, nil, &out, &errb); code != exitUsage {
		t.Errorf("bad format: exit %d, want 2", code)
	}
}

// TestNoClientIDInOutput: client IDs are pseudonymous but personal; no
// output of normlint prints one.
func TestNoClientIDInOutput(t *testing.T) {
	ids := regexp.MustCompile(`client-[a-e]{4}-[0-9]{4}`)
	inputs := append([]string{}, auditInputs...)
	var runs [][]string
	for _, f := range reporterOrder {
		runs = append(runs, append([]string{"check", "--format", f, "--fail-level", "none"}, inputs...))
	}
	for _, f := range audit.Formats {
		runs = append(runs, append([]string{"report", "--format", f}, inputs...))
	}
	for _, args := range runs {
		var out, errb bytes.Buffer
		run(append([]string{"normlint"}, args...), nil, &out, &errb)
		if m := ids.FindString(out.String() + errb.String()); m != "" {
			t.Errorf("%v printed the client ID %s", args, m)
		}
		if out.Len() == 0 {
			t.Errorf("%v printed nothing", args)
		}
	}
}

// TestReportHTMLInBrowser opens the HTML report in headless Chromium and
// checks that it renders and that its charts show the JSON report's
// figures. CI installs Chromium; elsewhere the test is skipped without it.
func TestReportHTMLInBrowser(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must install Chromium for the HTML report test")
		}
		t.Skip("no Chromium on this machine")
	}
	dir := t.TempDir()
	var page, errb bytes.Buffer
	if code := run(append([]string{"normlint", "report", "--format", "html"}, auditInputs...), nil, &page, &errb); code != exitOK {
		t.Fatalf("report --format html: exit %d\n%s", code, errb.String())
	}
	for _, forbidden := range []string{"<script", "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(page.String(), `xmlns="http://www.w3.org/2000/svg"`, ""), forbidden) {
			t.Errorf("the HTML report is not self-contained: it holds %q", forbidden)
		}
	}
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
	shot := filepath.Join(dir, "report.png")
	cmd := exec.Command(browser, append(flags, "--window-size=1200,1600", "--screenshot="+shot, "file://"+file)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("the page did not render to a screenshot: %v", err)
	}
	dom, err := exec.Command(browser, append(flags, "--dump-dom", "file://"+file)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	bars := map[string]int{}
	re := regexp.MustCompile(`<rect class="bar [a-z]+" data-chart="([^"]+)" data-label="([^"]+)" data-value="([0-9]+)"`)
	for _, m := range re.FindAllStringSubmatch(string(dom), -1) {
		n, _ := strconv.Atoi(m[3])
		bars[m[1]+"|"+m[2]] = n
	}
	if len(bars) == 0 {
		t.Fatalf("the rendered page holds no chart bars:\n%.2000s", dom)
	}
	r := runReportJSON(t, auditInputs...)
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
