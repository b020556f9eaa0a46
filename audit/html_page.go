package audit

// pageCSS styles the report. Colours of bars and keys keep a contrast of
// at least 3:1 with white (WCAG's non-text contrast), text at least 4.5:1.
// Under 40rem tables turn into one card per row (each cell says its
// column) and chart labels go above their bars, so that nothing is wider
// than a phone. Print keeps the colours.
const pageCSS = `
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 62rem; color: #1d1d1f; background: #fff; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: .4rem 0; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #c8c8c8; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
a { color: #0b57d0; }
code { font: .88em/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; word-break: break-word; }
.sub, .desc, .more, .words { color: #555; }
.sub, .words { font-size: .85em; }
.words { display: block; }
.more { font-style: italic; }
.toc { border: 1px solid #d6d6d6; border-radius: 6px; padding: .4rem .9rem; margin: 1rem 0; }
.toc-title { font-weight: 600; margin: 0; }
.toc ol { margin: .2rem 0; padding: 0; list-style-position: inside; display: flex; flex-wrap: wrap; gap: .1rem 1.8rem; }
.card { border: 1px solid #cfd8dc; border-radius: 8px; padding: .1rem 1rem 1rem; background: #f6f8f9; }
.card h2 { border: 0; margin-top: .6rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); gap: .9rem 1.5rem; margin: 0; }
.facts dt { font-weight: 600; font-size: .8em; text-transform: uppercase; letter-spacing: .03em; color: #444; }
.facts dd { margin: .15rem 0 0; overflow-wrap: anywhere; }
.facts ol, .facts ul { margin: .2rem 0; padding-left: 1.2rem; }
.big { font-size: 1.35em; font-weight: 700; }
.bug, .sev-error { color: #b71c1c; font-weight: 600; }
.sev-warning { color: #8a4b00; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { font-size: .85em; color: #333; border-bottom: 2px solid #b5b5b5; overflow-wrap: normal; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.n { white-space: normal; }
.rt th:first-child { width: 30%; }
#table-locations { table-layout: fixed; }
#table-locations th:first-child { width: 25%; }
#table-locations th:nth-child(2) { width: 33%; }
#table-locations th:nth-child(3) { width: 5.5rem; }
.ex { display: block; }
tr.flag td:first-child { box-shadow: inset 3px 0 #b71c1c; }
figure.chart { margin: 1rem 0 1.5rem; }
figcaption { font-weight: 600; }
.legend { list-style: none; padding: 0; margin: .3rem 0 .6rem; display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; font-size: .85em; }
.key { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; border-radius: 2px; }
.rows { display: grid; gap: .4rem; }
.row { display: grid; grid-template-columns: minmax(0, 18rem) minmax(0, 1fr) minmax(0, 14rem); gap: .1rem .7rem; align-items: center; }
.row .lbl { overflow-wrap: anywhere; line-height: 1.25; }
.row .note { font-size: .85em; color: #444; font-variant-numeric: tabular-nums; }
svg.bars { display: block; width: 100%; height: 16px; background: #eef0f1; }
svg.plot { display: block; width: 100%; max-width: 36rem; height: auto; }
svg.meter { display: block; width: 100%; max-width: 24rem; height: 12px; margin: .4rem 0; }
.meter .track { fill: #e0e0e0; } .meter .fill { fill: #2e7d32; }
.seg { stroke: #fff; stroke-width: 1px; vector-effect: non-scaling-stroke; }
.seg.success, .key.success { fill: #2e7d32; background: #2e7d32; }
.seg.not-targeted, .key.not-targeted { fill: #607d8b; background: #607d8b; }
.seg.failure, .key.failure { fill: #c62828; background: #c62828; }
.seg.invalid, .key.invalid { fill: #6a1b9a; background: #6a1b9a; }
.seg.enrolled, .key.enrolled { fill: #1565c0; background: #1565c0; }
.seg.unenrolled, .key.unenrolled { fill: #d84315; background: #d84315; }
.seg.unenrolled.alt { fill: #a33a0f; }
.seg.bug, .key.bug { fill: #b71c1c; background: repeating-linear-gradient(45deg, #b71c1c 0 3px, #fff 3px 5px); }
.seg.bug { fill: #b71c1c; }
.seg.failed, .key.failed { fill: #4e342e; background: #4e342e; }
.seg.error, .key.error { fill: #c62828; background: #c62828; }
.seg.warning, .key.warning { fill: #b35900; background: #b35900; }
.seg.info, .key.info { fill: #1565c0; background: #1565c0; }
.grid { stroke: #d9d9d9; stroke-width: 1; }
.tick { font-size: 15px; fill: #444; }
.line { fill: none; stroke-width: 2.5; }
.line.runner, .dot.runner, .key.runner { stroke: #1565c0; fill: #1565c0; background: #1565c0; }
.line.action, .dot.action, .key.action { stroke: #b35900; fill: #b35900; background: #b35900; }
.line.recipe, .dot.recipe, .key.recipe { stroke: #6a1b9a; fill: #6a1b9a; background: #6a1b9a; }
.line.other, .dot.other, .key.other { stroke: #2e7d32; fill: #2e7d32; background: #2e7d32; }
.line.runner, .line.action, .line.recipe, .line.other { fill: none; }
.line.action { stroke-dasharray: 8 4; } .line.recipe { stroke-dasharray: 2 3; }
.empty { border: 1px dashed #b5b5b5; border-radius: 6px; padding: .8rem; color: #444; }
.cols { columns: 16rem; padding-left: 1.2rem; }
@media (max-width: 40rem) {
  body { padding: .6rem; }
  .row { grid-template-columns: minmax(0, 1fr); }
  table.rt thead { display: none; }
  .rt caption { display: block; }
  table.rt, .rt tbody, .rt tr, .rt td { display: block; width: 100%; }
  .rt tr { border-bottom: 1px solid #c8c8c8; padding: .35rem 0; }
  .rt td { border: 0; padding: .1rem 0; }
  .rt td.n { text-align: left; }
  .rt td[data-th]::before { content: attr(data-th) ": "; font-weight: 600; color: #444; font-size: .85em; }
  tr.flag td:first-child { box-shadow: none; }
  tr.flag { box-shadow: inset 3px 0 #b71c1c; padding-left: .5rem; }
  .tick { font-size: 18px; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .card { background: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, figcaption { break-after: avoid; }
  tr, .row, figure.time, .facts > div, .legend { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

// pageHTML is the page. Every section has an id the table of contents
// links to, and every chart a figure id (chart-*) that tests look for.
const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>normlint audit report</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>normlint audit report</h1>
</header>
<nav class="toc" aria-labelledby="toc-title">
<p class="toc-title" id="toc-title">Contents</p>
<ol>
<li><a href="#summary">Summary</a></li>
<li><a href="#uptake">Uptake</a>: <a href="#uptake-time">over time</a>, <a href="#uptake-sources">per source</a>, <a href="#uptake-statuses">statuses per family</a></li>
<li><a href="#enrollment">Enrollment</a></li>
<li><a href="#findings">Findings</a>: <a href="#findings-rules">per rule</a>, <a href="#locations">most frequent locations</a></li>
<li><a href="#coverage">Spec coverage</a></li>
</ol>
</nav>
<main>
<section id="summary" class="card" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="facts">
<div><dt>Inputs</dt><dd><span class="big">{{num .M.Records}}</span> {{if eq .M.Records 1}}record{{else}}records{{end}} in {{plural .M.Files "file"}}{{if .M.Unreadable}}; <span class="bug">{{plural .M.Unreadable "file"}} could not be read</span>{{end}}</dd></div>
<div><dt>Normandy share</dt><dd><span class="big">{{percent .M.Normandy .M.Records}}</span> ({{num .M.Normandy}} of {{num .M.Records}}); {{num .M.Skipped}} of other categories or components</dd></div>
<div><dt>Findings</dt><dd><span class="big sev-error">{{num .M.Errors}}</span> <span class="sev-error">{{if eq .M.Errors 1}}error{{else}}errors{{end}}</span>, <span class="big sev-warning">{{num .M.Warnings}}</span> <span class="sev-warning">{{if eq .M.Warnings 1}}warning{{else}}warnings{{end}}</span>, {{num .M.Infos}} {{if eq .M.Infos 1}}info{{else}}infos{{end}}</dd></div>
<div><dt>Uptake success rate</dt><dd>{{if .M.Uptake.Total}}<span class="big">{{.M.Uptake.SuccessRate}}</span> of {{num (add .M.Uptake.Success .M.Uptake.Failure)}} successes and failures; {{num .M.Uptake.NotTargeted}} not targeted, {{num .M.Uptake.Invalid}} invalid<br>{{range $i, $f := .M.Families}}{{if $i}} · {{end}}{{$f.Name}} {{$f.Outcome.SuccessRate}}{{end}}{{else}}no uptake reports{{end}}</dd></div>
<div><dt>Worst uptake sources</dt><dd>{{if .Worst}}<ol>{{range .Worst}}<li><code>{{breakable .Source}}</code>: {{percent .Outcome.Failure (add .Outcome.Success .Outcome.Failure)}} failed ({{num .Outcome.Failure}} of {{num (add .Outcome.Success .Outcome.Failure)}})</li>{{end}}</ol>{{else}}no source failed{{end}}</dd></div>
<div><dt>Reasons "unknown"</dt><dd>{{if .UnknownTop}}<span class="big bug">{{add (len .UnknownTop) .UnknownMore}}</span> <span class="bug">{{if eq (add (len .UnknownTop) .UnknownMore) 1}}study{{else}}studies{{end}}</span> with unenrollments or failures whose reason is "unknown", a bug per the spec:<ul>{{range .UnknownTop}}<li><code>{{breakable .Slug}}</code>: {{.Unknown}}</li>{{end}}</ul>{{if .UnknownMore}}<a href="#enrollment">{{.UnknownMore}} more</a>{{end}}{{else}}none{{end}}</dd></div>
<div><dt>Spec coverage</dt><dd><span class="big">{{.CovShare}}</span>: {{.M.CoverageSeen}} of the {{.M.CoverageDocumented}} documented statuses, events and reasons occurred</dd></div>
</dl>
</section>

<section id="uptake" aria-labelledby="uptake-h">
<h2 id="uptake-h">Uptake</h2>
<p class="desc">A success rate is success ÷ (success + failure). A client that a recipe does not target reports <code>backoff</code> (<code>custom_2_error</code> before Firefox 68): it is counted as not targeted, not as a failure. A status that is not valid for its source's family is counted apart, as invalid.</p>
<h3 id="uptake-time">Over time</h3>
{{.Time.HTML}}
<h3 id="uptake-sources">Per source</h3>
{{if .M.Sources}}{{.Sources.HTML}}
<table class="rt" id="table-sources"><caption>Sources, highest failure rate first</caption>
<thead><tr><th scope="col">source</th><th scope="col" class="n">reports</th><th scope="col" class="n">success rate</th><th scope="col" class="n">not targeted</th><th scope="col">failures</th><th scope="col">invalid statuses</th></tr></thead>
<tbody>{{range .M.Sources}}<tr{{if .Outcome.Failure}} class="flag"{{end}}><td data-th="source"><code>{{breakable .Source}}</code> <span class="sub">{{.Family}}</span></td><td class="n" data-th="reports">{{.Outcome.Total}}</td><td class="n" data-th="success rate">{{.Outcome.SuccessRate}}</td><td class="n" data-th="not targeted">{{.Outcome.NotTargeted}}</td><td data-th="failures">{{.Failures}}</td><td data-th="invalid statuses">{{.Invalid}}</td></tr>
{{end}}</tbody></table>
{{else}}<p>No uptake records.</p>{{end}}
<h3 id="uptake-statuses">Statuses per family</h3>
{{range .M.Families}}<table class="rt" id="statuses-{{.ID}}"><caption>{{.Name}}: {{plural .Outcome.Total "report"}}, {{.Outcome.SuccessRate}} success rate</caption>
<thead><tr><th scope="col">status</th><th scope="col">counted as</th><th scope="col" class="n">reports</th><th scope="col" class="n">share</th></tr></thead>
<tbody>{{range .Statuses}}<tr><td data-th="status"><code>{{.Name}}</code></td><td data-th="counted as"><span class="key {{.Class}}" aria-hidden="true"></span>{{.Label}}</td><td class="n" data-th="reports">{{.Count}}</td><td class="n" data-th="share">{{.Share}}</td></tr>
{{end}}</tbody></table>
{{else}}<p>No uptake records.</p>{{end}}
</section>

<section id="enrollment" aria-labelledby="enrollment-h">
<h2 id="enrollment-h">Enrollment</h2>
{{if .M.Studies}}{{.Studies.HTML}}
<table class="rt" id="table-studies"><caption>Studies, those with reasons "unknown" or failures first</caption>
<thead><tr><th scope="col">study</th><th scope="col" class="n">enrolled</th><th scope="col" class="n">still enrolled</th><th scope="col">unenrolled, by reason</th><th scope="col">enrollment failures</th><th scope="col">branches</th></tr></thead>
<tbody>{{range .M.Studies}}<tr{{if .Unknown}} class="flag"{{end}}><td data-th="study"><code>{{breakable .Slug}}</code> <span class="sub">{{.Object}}</span></td><td class="n" data-th="enrolled">{{.Enrolled}}</td><td class="n" data-th="still enrolled">{{.Still}}</td><td data-th="unenrolled">{{.Unenrolled}}{{if .Unenrolled}}: {{.Reasons}}{{end}}</td><td data-th="enrollment failures">{{.Failed}}{{if .Failed}}: {{.FailureReasons}}{{end}}</td><td data-th="branches">{{.Branches}}</td></tr>
{{end}}</tbody></table>
<p class="desc">Still enrolled: enrollments that no unenrollment in these inputs ends.</p>
{{else}}<p>No enrollment events.</p>{{end}}
{{if .M.Unknown}}<ul class="bugs">{{range .M.Unknown}}<li class="bug">{{.}}</li>{{end}}</ul>{{end}}
</section>

<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
{{if .M.Rules}}<p>{{plural .M.Errors "error"}}, {{plural .M.Warnings "warning"}}, {{plural .M.Infos "info"}}.</p>
<h3 id="findings-rules">Per rule</h3>
{{.Rules.HTML}}
<h3 id="locations">Most frequent locations</h3>
<p class="desc">A pointer is a JSON pointer into the value as it was read (a record, an event tuple, a ping, a row): <code>/extra/reason</code> is the reason in an event's extra; <code>*</code> stands for any position in a list, so <code>/*/*</code> is any field of any event tuple. Where a pointer holds a <code>*</code> or an escaped <code>/</code> (<code>~1</code>), it is said again in words below it.</p>
<table class="rt" id="table-locations"><caption>Locations, most findings first</caption>
<thead><tr><th scope="col">rule</th><th scope="col">pointer</th><th scope="col" class="n">findings</th><th scope="col">examples</th></tr></thead>
<tbody>{{range .M.Locations}}<tr><td data-th="rule"><code>{{.Rule}}</code> <span class="sub sev-{{.Severity}}">{{.Severity}}</span></td><td data-th="pointer"><code class="ptr">{{if .Pointer}}{{breakable .Pointer}}{{else}}(whole value){{end}}</code>{{with .Words}}<span class="words">{{.}}</span>{{end}}</td><td class="n" data-th="findings">{{.Count}}</td><td data-th="examples">{{range .Examples}}<code class="ex">{{breakable .}}</code> {{end}}</td></tr>
{{end}}</tbody></table>
{{if .M.MoreLocations}}<p class="more" id="more-locations">{{.M.MoreLocations}} more {{if eq .M.MoreLocations 1}}location{{else}}locations{{end}} in the JSON report (<code>normlint report --format json</code>).</p>{{end}}
{{else}}<p>No findings.</p>{{end}}
</section>

<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Spec coverage</h2>
<p><span class="big">{{.CovShare}}</span>: {{.M.CoverageSeen}} of the {{.M.CoverageDocumented}} statuses, events and reasons that data-collection.rst documents occurred at least once.</p>
{{.Coverage}}
{{if .M.Unseen}}<p>Never seen:</p><ul class="cols" id="unseen">{{range .M.Unseen}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
</section>
</main>
</body>
</html>
`
