package audit

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// bar is one bar of a chart.
type bar struct {
	// Label names the bar in full (data-label and tooltip); Short and Sub
	// are the two lines drawn beside it.
	Label string
	Short string
	Sub   string
	Value int
	Class string
}

// chart is one horizontal bar chart, drawn as inline SVG.
type chart struct {
	ID    string
	Title string
	Bars  []bar
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 800
	labelWidth  = 380
	barHeight   = 22
	barGap      = 12
	valueMargin = 60
)

// SVG draws the chart. Each bar carries data-chart, data-label and
// data-value, so that a test (or a person with the inspector) can read the
// figures the picture shows.
func (c chart) SVG() template.HTML {
	maxV := 0
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	height := len(c.Bars)*(barHeight+barGap) + barGap
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" id="%s" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg">`,
		template.HTMLEscapeString(c.ID), template.HTMLEscapeString(c.Title), chartWidth, height, chartWidth, height)
	span := chartWidth - labelWidth - valueMargin
	for i, b := range c.Bars {
		y := barGap + i*(barHeight+barGap)
		w := 0
		if maxV > 0 {
			w = b.Value * span / maxV
		}
		if b.Value > 0 && w < 2 {
			w = 2
		}
		label := template.HTMLEscapeString(b.Label)
		short := b.Short
		if short == "" {
			short = b.Label
		}
		if r := []rune(short); len(r) > 40 {
			short = string(r[:39]) + "…"
		}
		if b.Sub == "" {
			fmt.Fprintf(&s, `<text x="%d" y="%d" class="label" text-anchor="end">%s</text>`, labelWidth-8, y+barHeight-6, template.HTMLEscapeString(short))
		} else {
			fmt.Fprintf(&s, `<text x="%d" y="%d" class="label" text-anchor="end">%s</text>`, labelWidth-8, y+10, template.HTMLEscapeString(short))
			fmt.Fprintf(&s, `<text x="%d" y="%d" class="sub" text-anchor="end">%s</text>`, labelWidth-8, y+barHeight+2, template.HTMLEscapeString(b.Sub))
		}
		fmt.Fprintf(&s, `<rect class="bar %s" data-chart="%s" data-label="%s" data-value="%d" x="%d" y="%d" width="%d" height="%d"><title>%s: %d</title></rect>`,
			template.HTMLEscapeString(b.Class), template.HTMLEscapeString(c.ID), label, b.Value, labelWidth, y, w, barHeight, label, b.Value)
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="value">%d</text>`, labelWidth+w+6, y+barHeight-5, b.Value)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String()) //nolint:gosec // every interpolated string is escaped above
}

// htmlData is what the page template shows.
type htmlData struct {
	R        *Report
	Uptake   []chart
	Studies  *chart
	Families []familyRow
	Bugs     []string
}

type familyRow struct {
	Name     string
	Total    int
	Success  string
	Statuses []statusRow
	Sources  []sourceRow
}

type statusRow struct {
	Name  string
	Count int
	Share string
}

type sourceRow struct {
	Source   string
	Total    int
	Success  string
	Failures string
}

func renderHTML(w io.Writer, r *Report) error {
	d := htmlData{R: r, Bugs: unknownReasons(r)}
	for _, fam := range families(r) {
		total, statuses, sources := familyTotals(r, fam)
		c := chart{ID: "uptake-" + familyID(fam), Title: "Uptake statuses of " + familyLabel(fam)}
		row := familyRow{Name: familyLabel(fam), Total: total, Success: percent(statuses["success"], total)}
		for _, s := range byCount(statuses) {
			class := "failure"
			if s == "success" {
				class = "success"
			}
			sub := strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(statusName(fam, s), s), ")"), " (")
			c.Bars = append(c.Bars, bar{Label: statusName(fam, s), Short: s, Sub: sub, Value: statuses[s], Class: class})
			row.Statuses = append(row.Statuses, statusRow{statusName(fam, s), statuses[s], percent(statuses[s], total)})
		}
		for _, src := range sources {
			u := r.Uptake[src]
			row.Sources = append(row.Sources, sourceRow{src, u.Total, percent(u.Statuses["success"], u.Total), failures(u)})
		}
		d.Uptake = append(d.Uptake, c)
		d.Families = append(d.Families, row)
	}
	if len(r.Studies) > 0 {
		c := &chart{ID: "studies", Title: "Enrollments and unenrollments per study"}
		for _, slug := range sortedKeys(r.Studies) {
			st := r.Studies[slug]
			c.Bars = append(c.Bars,
				bar{Label: slug + " enrollments", Value: st.Enrollments, Class: "enroll"},
				bar{Label: slug + " unenrollments", Value: sum(st.Unenrollments), Class: "unenroll"})
		}
		d.Studies = c
	}
	return pageTemplate.Execute(w, d)
}

func familyID(f string) string {
	if f == "" {
		return "other"
	}
	return f
}

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"counts":      func(m map[string]int) string { return counts(m, identity) },
	"reasons":     func(m map[string]int) string { return counts(m, reasonLabel) },
	"sum":         sum,
	"sortedKeys":  sortedKeys[*Study],
	"sortedRules": byCount,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>normlint audit report</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: .9em; }
.chart .label { font-size: 12px; fill: #333; } .chart .sub { font-size: 9.5px; fill: #666; } .chart .value { font-size: 12px; fill: #555; }
table { max-width: 100%; } td { overflow-wrap: anywhere; } td code { white-space: nowrap; }
.bar.success { fill: #2e7d32; } .bar.failure { fill: #c62828; } .bar.enroll { fill: #1565c0; } .bar.unenroll { fill: #ef6c00; }
.bug { color: #b71c1c; font-weight: 600; }
</style>
</head>
<body>
<h1>normlint audit report</h1>
<p>{{.R.Summary.Files}} {{if eq .R.Summary.Files 1}}file{{else}}files{{end}}, {{.R.Summary.Records}} {{if eq .R.Summary.Records 1}}record{{else}}records{{end}}: {{.R.Summary.NormandyRecords}} Normandy, {{.R.Summary.SkippedRecords}} of other categories or components{{if .R.Summary.UnreadableFiles}}; {{.R.Summary.UnreadableFiles}} files could not be read{{end}}.</p>

<h2>Uptake</h2>
{{if not .Families}}<p>No uptake records.</p>{{end}}
{{range $i, $f := .Families}}
<h3>{{$f.Name}}: {{$f.Total}} {{if eq $f.Total 1}}report{{else}}reports{{end}}, {{$f.Success}} success</h3>
{{(index $.Uptake $i).SVG}}
<table><tr><th>source</th><th>reports</th><th>success</th><th>failures</th></tr>
{{range $f.Sources}}<tr><td><code>{{.Source}}</code></td><td class="n">{{.Total}}</td><td class="n">{{.Success}}</td><td>{{.Failures}}</td></tr>
{{end}}</table>
{{end}}

<h2>Enrollment</h2>
{{if .Studies}}{{.Studies.SVG}}
<table><tr><th>study</th><th>object</th><th>enrollments</th><th>branches</th><th>unenrollments</th><th>enrollment failures</th></tr>
{{range $slug := sortedKeys .R.Studies}}{{with index $.R.Studies $slug}}<tr><td><code>{{$slug}}</code></td><td>{{.Object}}</td><td class="n">{{.Enrollments}}</td><td>{{counts .Branches}}</td><td>{{reasons .Unenrollments}}</td><td>{{reasons .EnrollFailures}}</td></tr>
{{end}}{{end}}</table>
{{else}}<p>No enrollment events.</p>{{end}}
{{range .Bugs}}<p class="bug">{{.}}</p>{{end}}

<h2>Findings</h2>
{{if .R.Findings}}<p>{{index .R.Severities "error"}} errors, {{index .R.Severities "warning"}} warnings, {{index .R.Severities "info"}} infos.</p>
<table><tr><th>rule</th><th>findings</th></tr>
{{range $rule := sortedRules .R.Findings}}<tr><td><code>{{$rule}}</code></td><td class="n">{{index $.R.Findings $rule}}</td></tr>
{{end}}</table>
<h3>Most frequent locations</h3>
<table><tr><th>rule</th><th>pointer</th><th>findings</th><th>examples</th></tr>
{{range $i, $l := .R.Locations}}{{if lt $i 20}}<tr><td><code>{{$l.Rule}}</code></td><td><code>{{$l.Pointer}}</code></td><td class="n">{{$l.Count}}</td><td>{{range $j, $e := $l.Examples}}{{if $j}}, {{end}}{{$e}}{{end}}</td></tr>
{{end}}{{end}}</table>
{{else}}<p>No findings.</p>{{end}}

<h2>Spec coverage</h2>
<p>{{len .R.Coverage.Seen}} of the {{.R.Coverage.Documented}} statuses, events and reasons that data-collection.rst documents occurred at least once.</p>
{{if .R.Coverage.Unseen}}<p>Never seen:</p><ul>{{range .R.Coverage.Unseen}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
</body>
</html>
`))
