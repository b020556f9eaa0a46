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

	"github.com/normlint/normlint/diff"
	"github.com/normlint/normlint/internal/browsertest"
	"github.com/normlint/normlint/internal/cli"
)

// diffArgs compare the audit inputs with the same plus the long values: new
// findings, studies and sources, shifted rates.
var diffArgs = []string{"diff", "--no-config", "--old", "testdata/audit/export.jsonl", "--new", "testdata/audit/export.jsonl", "testdata/audit/main-ping.json", "testdata/audit/long-values.jsonl"}

// TestDiffHTMLInBrowser renders normlint diff's page in Chromium at a
// desktop and a phone width, as TestReportHTMLInBrowser does the report's:
// nothing overflows, nothing is fetched, every section and chart is there,
// and the before/after bars show the JSON diff's figures.
func TestDiffHTMLInBrowser(t *testing.T) {
	var page, res, errb bytes.Buffer
	if code := cli.Run(append([]string{"normlint"}, append(diffArgs, "--format", "html")...), nil, &page, &errb); code != 0 {
		t.Fatalf("diff --format html: exit %d\n%s", code, errb.String())
	}
	if code := cli.Run(append([]string{"normlint"}, append(diffArgs, "--format", "json")...), nil, &res, &errb); code != 0 {
		t.Fatalf("diff --format json: exit %d\n%s", code, errb.String())
	}
	var r diff.Result
	if err := json.Unmarshal(res.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Uptake.Families) == 0 || len(r.Findings.New) == 0 {
		t.Fatalf("the inputs must compare families and have new findings: %s", res.String())
	}
	for _, forbidden := range []string{"<script", "http://", "https://", "<link", "<img", "@import", "url("} {
		if strings.Contains(page.String(), forbidden) {
			t.Errorf("the diff page is not self-contained: it holds %q", forbidden)
		}
	}
	file := filepath.Join(t.TempDir(), "diff.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, st := range r.Enrollment {
		if st.Changed {
			changed++
		}
	}
	selectors := []browsertest.Selector{
		{Selector: "header h1", Min: 1},
		{Selector: "#summary.card dl.facts > div > dt", Min: 4},
		{Selector: "figure.chart[id^=chart-diff-] > figcaption", Min: len(r.Uptake.Families)},
		{Selector: "figure.chart[id^=chart-diff-] svg.bars[role=img][aria-label]", Min: 2 * len(r.Uptake.Families)},
		{Selector: "table#table-new-findings tbody tr", Min: len(r.Findings.New)},
		{Selector: "table#table-rates tbody tr", Min: len(r.Uptake.Families) + len(r.Uptake.Sources)},
		{Selector: "table#table-studies tbody tr", Min: changed},
	}
	for _, sec := range []string{"summary", "findings", "uptake", "enrollment", "coverage"} {
		selectors = append(selectors,
			browsertest.Selector{Selector: "main > section#" + sec + " > h2", Min: 1},
			browsertest.Selector{Selector: "nav.toc a[href=\"#" + sec + "\"]", Min: 1})
	}
	opts := browsertest.Options{Widths: []int{1280, 390}, Selectors: selectors, Name: "diff"}
	got := browsertest.Check(t, file, opts)
	if got == nil {
		return
	}
	for _, w := range opts.Widths {
		if v := got.Viewport(w); v != nil && (v.InnerWidth != w || v.ScrollWidth > v.InnerWidth) {
			t.Errorf("at %d px: window.innerWidth %d, document scrollWidth %d", w, v.InnerWidth, v.ScrollWidth)
		}
	}
	bars := map[string]int{}
	re := regexp.MustCompile(`<rect class="seg [a-z -]+" data-chart="([^"]+)" data-label="([^"]+)" data-segment="([^"]+)" data-value="([0-9]+)"`)
	for _, m := range re.FindAllStringSubmatch(got.DOM, -1) {
		n, _ := strconv.Atoi(m[4])
		bars[m[1]+"|"+html.UnescapeString(m[2])+"|"+html.UnescapeString(m[3])] += n
	}
	for _, f := range r.Uptake.Families {
		id := f.Key
		if id == "" {
			id = "other"
		}
		for side, c := range map[string]struct{ s, nt, f, i int }{
			"old": {f.Old.Success, f.Old.NotTargeted, f.Old.Failure, f.Old.Invalid},
			"new": {f.New.Success, f.New.NotTargeted, f.New.Failure, f.New.Invalid}} {
			for seg, want := range map[string]int{"success": c.s, "not targeted": c.nt, "failure": c.f, "invalid status": c.i} {
				if k := "chart-diff-" + id + "|" + side + "|" + seg; bars[k] != want {
					t.Errorf("bar %s shows %d, the JSON diff says %d", k, bars[k], want)
				}
			}
		}
	}
}
