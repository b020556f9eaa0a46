package audit

import (
	"html/template"
	"io"
	"strings"
)

// DiffPage is what the HTML page of normlint diff shows, as the diff
// package words it: the page is drawn here, in the report page's style and
// with its chart code.
type DiffPage struct {
	Old, New Summary
	// Settings says how changes were tested, in a sentence.
	Settings string
	// Regressions are the kinds of regression found, with their counts.
	Regressions  []DiffCount
	NewFindings  []DiffFinding
	GoneFindings []DiffFinding
	Persisting   int
	// RuleChanges are "rule: old → new" for the rules whose count moved.
	RuleChanges []string
	Families    []DiffRate
	Sources     []DiffRate
	Appeared    []string
	Disappeared []string
	Studies     []DiffStudy
	// Unchanged counts the studies that did not change.
	Unchanged                         int
	OldOnly, NewOnly                  []string
	NewUndocumented, GoneUndocumented []string
}

// DiffCount is a named count.
type DiffCount struct {
	Name  string
	Count int
}

// DiffFinding is a new or gone finding group.
type DiffFinding struct {
	Rule, Severity, Pointer, Identity string
	Count                             int
	Examples                          []string
}

// DiffRate is a family's or source's uptake on each side.
type DiffRate struct {
	Name, Family string
	Old, New     Counts
	// Change is the change of the success rate ("−15.0 points"); Test the
	// test's figures in words; Flag "drop", "rise" or "".
	Change, Test, Flag string
}

// DiffStudy is a study that changed.
type DiffStudy struct {
	Name, Object, Old, New string
	Shifts                 []string
	Unknown                bool
}

// RenderDiffHTML writes the diff's page.
func RenderDiffHTML(w io.Writer, p *DiffPage) error {
	var charts []template.HTML
	for _, f := range p.Families {
		charts = append(charts, familyDiffChart(f).HTML())
	}
	return diffTemplate.Execute(w, struct {
		P      *DiffPage
		Charts []template.HTML
	}{p, charts})
}

// familyDiffChart draws a family's outcome before and after, as shares.
func familyDiffChart(f DiffRate) stackChart {
	id := familyID(f.Family)
	c := stackChart{ID: "chart-diff-" + id, Title: f.Name + ": before and after", Shares: true, Legend: outcomeNames,
		Desc: "Each bar is one side's reports as shares: success, not targeted, failure, invalid status."}
	for _, side := range []struct {
		label string
		c     Counts
	}{{"old", f.Old}, {"new", f.New}} {
		o := outcomeOf(side.c)
		c.Rows = append(c.Rows, stackRow{Label: side.label, Note: o.SuccessRate() + " success rate", Segments: o.segments()})
	}
	return c
}

var diffTemplate = template.Must(template.New("diff").Funcs(template.FuncMap{
	"plural":    plural,
	"breakable": breakable,
	"num":       thousands,
	"rate":      func(c Counts) string { return outcomeOf(c).SuccessRate() },
}).Parse(strings.Replace(diffHTML, "{{.CSS}}", pageCSS, 1)))

// diffHTML is the page: the report page's structure and classes.
const diffHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>normlint diff</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>normlint diff</h1>
</header>
<nav class="toc" aria-labelledby="toc-title">
<p class="toc-title" id="toc-title">Contents</p>
<ol>
<li><a href="#summary">Summary</a></li>
<li><a href="#findings">Findings</a></li>
<li><a href="#uptake">Uptake</a></li>
<li><a href="#enrollment">Enrollment</a></li>
<li><a href="#coverage">Spec coverage and registry</a></li>
</ol>
</nav>
<main>
<section id="summary" class="card" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="facts">
<div><dt>Old</dt><dd><span class="big">{{num .P.Old.NormandyRecords}}</span> Normandy records in {{plural .P.Old.Files "file"}}{{if .P.Old.UnreadableFiles}}; <span class="bug">{{plural .P.Old.UnreadableFiles "file"}} could not be read</span>{{end}}</dd></div>
<div><dt>New</dt><dd><span class="big">{{num .P.New.NormandyRecords}}</span> Normandy records in {{plural .P.New.Files "file"}}{{if .P.New.UnreadableFiles}}; <span class="bug">{{plural .P.New.UnreadableFiles "file"}} could not be read</span>{{end}}</dd></div>
<div><dt>Regressions</dt><dd id="regressions">{{if .P.Regressions}}<ul>{{range .P.Regressions}}<li class="bug">{{.Name}}: {{.Count}}</li>{{end}}</ul>{{else}}none{{end}}</dd></div>
<div><dt>Findings</dt><dd><span class="big">{{len .P.NewFindings}}</span> new, {{len .P.GoneFindings}} gone, {{.P.Persisting}} persisting</dd></div>
</dl>
</section>

<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="desc">Matched by rule, place in the record and study or source, whatever the file.</p>
{{if .P.NewFindings}}<table class="rt" id="table-new-findings"><caption>New findings</caption>
<thead><tr><th scope="col">rule</th><th scope="col">pointer</th><th scope="col">about</th><th scope="col" class="n">findings</th><th scope="col">examples</th></tr></thead>
<tbody>{{range .P.NewFindings}}<tr class="flag"><td data-th="rule"><code>{{.Rule}}</code> <span class="sub sev-{{.Severity}}">{{.Severity}}</span></td><td data-th="pointer"><code>{{if .Pointer}}{{breakable .Pointer}}{{else}}(whole value){{end}}</code></td><td data-th="about"><code>{{breakable .Identity}}</code></td><td class="n" data-th="findings">{{.Count}}</td><td data-th="examples">{{range .Examples}}<code class="ex">{{breakable .}}</code> {{end}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .P.GoneFindings}}<table class="rt" id="table-gone-findings"><caption>Gone findings</caption>
<thead><tr><th scope="col">rule</th><th scope="col">pointer</th><th scope="col">about</th><th scope="col" class="n">findings</th></tr></thead>
<tbody>{{range .P.GoneFindings}}<tr><td data-th="rule"><code>{{.Rule}}</code> <span class="sub sev-{{.Severity}}">{{.Severity}}</span></td><td data-th="pointer"><code>{{if .Pointer}}{{breakable .Pointer}}{{else}}(whole value){{end}}</code></td><td data-th="about"><code>{{breakable .Identity}}</code></td><td class="n" data-th="findings">{{.Count}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .P.RuleChanges}}<h3>Findings per rule</h3><ul>{{range .P.RuleChanges}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if not (or .P.NewFindings .P.GoneFindings)}}<p>No finding is new or gone.</p>{{end}}
</section>

<section id="uptake" aria-labelledby="uptake-h">
<h2 id="uptake-h">Uptake</h2>
<p class="desc">{{.P.Settings}}</p>
{{range .Charts}}{{.}}{{end}}
{{if or .P.Families .P.Sources}}<table class="rt" id="table-rates"><caption>Success rates, families then sources</caption>
<thead><tr><th scope="col">family or source</th><th scope="col" class="n">old</th><th scope="col" class="n">new</th><th scope="col" class="n">change</th><th scope="col">test</th></tr></thead>
<tbody>{{range .P.Families}}<tr{{if .Flag}} class="flag"{{end}}><td data-th="family">{{.Name}}</td><td class="n" data-th="old">{{rate .Old}}</td><td class="n" data-th="new">{{rate .New}}</td><td class="n" data-th="change">{{.Change}}</td><td data-th="test">{{.Test}}{{if .Flag}} <strong class="bug">{{.Flag}}</strong>{{end}}</td></tr>
{{end}}{{range .P.Sources}}<tr{{if .Flag}} class="flag"{{end}}><td data-th="source"><code>{{breakable .Name}}</code> <span class="sub">{{.Family}}</span></td><td class="n" data-th="old">{{rate .Old}}</td><td class="n" data-th="new">{{rate .New}}</td><td class="n" data-th="change">{{.Change}}</td><td data-th="test">{{.Test}}{{if .Flag}} <strong class="bug">{{.Flag}}</strong>{{end}}</td></tr>
{{end}}</tbody></table>{{else}}<p>No uptake records on both sides.</p>{{end}}
{{if .P.Appeared}}<p>Sources that appeared:</p><ul id="appeared">{{range .P.Appeared}}<li><code>{{breakable .}}</code></li>{{end}}</ul>{{end}}
{{if .P.Disappeared}}<p>Sources that disappeared:</p><ul id="disappeared">{{range .P.Disappeared}}<li><code>{{breakable .}}</code></li>{{end}}</ul>{{end}}
</section>

<section id="enrollment" aria-labelledby="enrollment-h">
<h2 id="enrollment-h">Enrollment</h2>
{{if .P.Studies}}<table class="rt" id="table-studies"><caption>Studies that changed</caption>
<thead><tr><th scope="col">study</th><th scope="col">old</th><th scope="col">new</th><th scope="col">shifts</th></tr></thead>
<tbody>{{range .P.Studies}}<tr{{if .Unknown}} class="flag"{{end}}><td data-th="study"><code>{{breakable .Name}}</code> <span class="sub">{{.Object}}</span></td><td data-th="old">{{.Old}}</td><td data-th="new">{{.New}}</td><td data-th="shifts">{{range .Shifts}}<span class="ex">{{.}}</span>{{end}}</td></tr>
{{end}}</tbody></table>{{end}}
<p>{{if .P.Studies}}{{.P.Unchanged}} other {{if eq .P.Unchanged 1}}study{{else}}studies{{end}} unchanged.{{else}}No study changed ({{.P.Unchanged}} {{if eq .P.Unchanged 1}}study{{else}}studies{{end}}).{{end}}</p>
</section>

<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Spec coverage and registry</h2>
{{if .P.OldOnly}}<p>Documented items seen only on the old side:</p><ul class="cols" id="old-only">{{range .P.OldOnly}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
{{if .P.NewOnly}}<p>Documented items seen only on the new side:</p><ul class="cols" id="new-only">{{range .P.NewOnly}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
{{if .P.NewUndocumented}}<p>Undocumented values new on the new side:</p><ul class="cols" id="new-undocumented">{{range .P.NewUndocumented}}<li><code>{{breakable .}}</code></li>{{end}}</ul>{{end}}
{{if .P.GoneUndocumented}}<p>Undocumented values gone from the new side:</p><ul class="cols">{{range .P.GoneUndocumented}}<li><code>{{breakable .}}</code></li>{{end}}</ul>{{end}}
{{if not (or .P.OldOnly .P.NewOnly .P.NewUndocumented .P.GoneUndocumented)}}<p>The same documented items and undocumented values on both sides.</p>{{end}}
</section>
</main>
</body>
</html>
`
