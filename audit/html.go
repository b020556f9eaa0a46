package audit

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// The HTML report is one self-contained page for a QA engineer: a summary
// card and a table of contents first, then per section a chart to read at
// a glance and a table with the figures, worst first. No script, nothing
// fetched; it fits a phone and prints to PDF.

// htmlPage is what the page template executes.
type htmlPage struct {
	M       pageModel
	Time    timeChart
	Sources stackChart
	Studies stackChart
	Rules   stackChart
	Worst   []sourceLine
	// UnknownTop are the studies with the most reasons "unknown", and
	// UnknownMore counts the others.
	UnknownTop  []studyLine
	UnknownMore int
	Coverage    template.HTML
	CovShare    string
}

// maxChartRows bounds the bars of a chart; the tables below list all rows.
const maxChartRows = 40

// maxWorst is how many failing sources the summary names.
const maxWorst = 3

func renderHTML(w io.Writer, r *Report) error { return renderPage(w, pageFromReport(r)) }

// renderPage writes the page of m.
func renderPage(w io.Writer, m pageModel) error {
	p := htmlPage{M: m, Time: m.UptakeTime, Sources: sourcesChart(m.Sources), Studies: studiesChart(m.Studies), Rules: rulesChart(m.Rules)}
	for _, s := range m.Sources {
		if len(p.Worst) < maxWorst && s.Outcome.Failure > 0 {
			p.Worst = append(p.Worst, s)
		}
	}
	for _, st := range m.Studies { // those with reasons "unknown" come first
		switch {
		case st.Unknown == 0:
		case len(p.UnknownTop) < maxWorst:
			p.UnknownTop = append(p.UnknownTop, st)
		default:
			p.UnknownMore++
		}
	}
	p.CovShare = percent(m.CoverageSeen, m.CoverageDocumented)
	cov := 0.0
	if m.CoverageDocumented > 0 {
		cov = float64(m.CoverageSeen) / float64(m.CoverageDocumented)
	}
	p.Coverage = meter("coverage-meter", fmt.Sprintf("spec coverage %s: %d of %d", p.CovShare, m.CoverageSeen, m.CoverageDocumented), cov)
	return pageTemplate.Execute(w, p)
}

// sourcesChart draws each source's outcome as shares of its reports, the
// highest failure rate first.
func sourcesChart(sources []sourceLine) stackChart {
	c := stackChart{ID: "chart-sources", Title: "Uptake per source, highest failure rate first", Shares: true, Legend: outcomeNames,
		Desc:     "Each bar is one source's reports as shares: success, not targeted (the recipe's filter or capabilities excluded the client), failure, and statuses that are not valid for the source's family.",
		MoreNote: "sources in the table below"}
	for i, s := range sources {
		if i == maxChartRows {
			c.More = len(sources) - maxChartRows
			break
		}
		note := fmt.Sprintf("%s failed, %s", percent(s.Outcome.Failure, s.Outcome.Success+s.Outcome.Failure), plural(s.Outcome.Total(), "report"))
		if s.Outcome.Success+s.Outcome.Failure == 0 {
			note = "no success or failure, " + plural(s.Outcome.Total(), "report")
		}
		c.Rows = append(c.Rows, stackRow{Label: s.Source, Sub: s.Family, Segments: s.Outcome.segments(), Note: note})
	}
	return c
}

// studiesChart draws each study's funnel on one scale: the clients still
// enrolled, those unenrolled (one segment per reason) and the enrollments
// that failed.
func studiesChart(studies []studyLine) stackChart {
	c := stackChart{ID: "chart-studies", Title: "Enrollment funnel per study",
		Desc: "Each bar is one study: clients still enrolled, then unenrollments by reason, then failed enrollments. Studies with reasons \"unknown\" or failures come first.",
		Legend: []segment{{Name: "still enrolled", Class: "enrolled"}, {Name: "unenrolled (one segment per reason)", Class: "unenrolled"},
			{Name: "unenrolled with reason \"unknown\" (a bug)", Class: "bug"}, {Name: "enrollment failed", Class: "failed"}},
		MoreNote: "studies in the table below"}
	for i, st := range studies {
		if i == maxChartRows {
			c.More = len(studies) - maxChartRows
			break
		}
		segs := []segment{{Name: "still enrolled", Class: "enrolled", Value: st.Still}}
		for j, reason := range byCount(st.ByReason) {
			class := "unenrolled"
			if j%2 == 1 {
				class = "unenrolled alt"
			}
			if reason == "unknown" {
				class = "bug"
			}
			segs = append(segs, segment{Name: "unenrolled: " + reason, Class: class, Value: st.ByReason[reason]})
		}
		segs = append(segs, segment{Name: "enrollment failed", Class: "failed", Value: st.Failed})
		c.Rows = append(c.Rows, stackRow{Label: st.Slug, Sub: st.Object, Segments: segs,
			Note: fmt.Sprintf("%d enrolled → %d still, %d unenrolled; %d failed", st.Enrolled, st.Still, st.Unenrolled, st.Failed)})
	}
	return c
}

// rulesChart draws the findings per rule, coloured by severity.
func rulesChart(rs []ruleLine) stackChart {
	c := stackChart{ID: "chart-findings", Title: "Findings per rule, by severity",
		Legend:   []segment{{Name: "error", Class: "error"}, {Name: "warning", Class: "warning"}, {Name: "info", Class: "info"}},
		MoreNote: "rules in the table below"}
	for i, r := range rs {
		if i == maxChartRows {
			c.More = len(rs) - maxChartRows
			break
		}
		var note []string
		for _, sv := range []struct {
			n    int
			noun string
		}{{r.Errors, "error"}, {r.Warnings, "warning"}, {r.Infos, "info"}} {
			if sv.n > 0 {
				note = append(note, plural(sv.n, sv.noun))
			}
		}
		c.Rows = append(c.Rows, stackRow{Label: r.Rule, Note: strings.Join(note, ", "), Segments: []segment{
			{Name: "error", Class: "error", Value: r.Errors}, {Name: "warning", Class: "warning", Value: r.Warnings}, {Name: "info", Class: "info", Value: r.Infos}}})
	}
	return c
}

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"plural":    plural,
	"breakable": breakable,
	"percent":   percent,
	"add":       func(a, b int) int { return a + b },
	"num":       thousands,
}).Parse(strings.Replace(pageHTML, "{{.CSS}}", pageCSS, 1)))

// thousands renders 386103 as "386,103", for the summary's big figures.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
