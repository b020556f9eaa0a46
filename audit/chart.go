package audit

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The charts take plain rows (labels and counts), not the Report: the
// adapter in html_adapt.go computes them, so a change of the report model
// does not reach the drawing code.

// segment is one part of a stacked bar, or one entry of a legend.
type segment struct {
	Name  string // what the part counts, as the legend says it
	Class string // CSS class, which gives the colour
	Value int
}

// stackRow is one stacked bar.
type stackRow struct {
	Label    string // in full in the tooltip and data-label; cut when drawn
	Sub      string // a second, smaller line: the object, the family
	Note     string // the figure printed after the bar
	Segments []segment
}

// stackChart is a list of stacked horizontal bars. The label of each bar is
// HTML text (it wraps and stays readable at any width); each bar is a small
// inline SVG that stretches to the width left.
type stackChart struct {
	ID    string
	Title string
	// Desc says, in a sentence, how to read the chart.
	Desc   string
	Legend []segment
	Rows   []stackRow
	// Shares draws every bar full width, its segments as shares of its
	// total; otherwise all bars share one scale.
	Shares bool
	// More counts rows left out, and MoreNote says where they are.
	More     int
	MoreNote string
}

// maxLabel is the most characters of a label a chart draws; the tooltip
// and the tables have the whole value.
const maxLabel = 56

// cutLabel shortens s to maxLabel characters, marking the cut.
func cutLabel(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	r := []rune(s)
	return string(r[:maxLabel-1]) + "…"
}

var esc = template.HTMLEscapeString

// breakable escapes s and lets a line break after each / so that a source
// key or a pointer wraps between its parts before it wraps inside one.
func breakable(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(esc(s), "/", "/<wbr>")) //nolint:gosec // escaped first
}

// HTML draws the chart. Every segment carries data-chart, data-label,
// data-segment and data-value, so that a test (or a reader with the
// inspector) can check the figures the picture shows.
func (c stackChart) HTML() template.HTML {
	var s strings.Builder
	fmt.Fprintf(&s, `<figure class="chart" id="%s" aria-labelledby="%s-title">`, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&s, `<figcaption id="%s-title">%s</figcaption>`, esc(c.ID), esc(c.Title))
	if c.Desc != "" {
		fmt.Fprintf(&s, `<p class="desc">%s</p>`, esc(c.Desc))
	}
	writeLegend(&s, c.Legend)
	scale := 0
	for _, r := range c.Rows {
		scale = max(scale, rowTotal(r))
	}
	s.WriteString(`<div class="rows">`)
	for _, r := range c.Rows {
		total := rowTotal(r)
		full := scale
		if c.Shares {
			full = total
		}
		var parts []string
		for _, g := range r.Segments {
			if g.Value > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", g.Name, g.Value))
			}
		}
		aria := r.Label + ": " + strings.Join(parts, ", ")
		if len(parts) == 0 {
			aria = r.Label + ": none"
		}
		s.WriteString(`<div class="row"><div class="lbl">`)
		fmt.Fprintf(&s, `<code title="%s">%s</code>`, esc(r.Label), breakable(cutLabel(r.Label)))
		if r.Sub != "" {
			fmt.Fprintf(&s, ` <span class="sub">%s</span>`, esc(r.Sub))
		}
		fmt.Fprintf(&s, `</div><svg class="bars" viewBox="0 0 1000 16" preserveAspectRatio="none" role="img" aria-label="%s"><title>%s</title>`, esc(aria), esc(aria))
		x := 0.0
		for _, g := range r.Segments {
			if g.Value == 0 || full == 0 {
				continue
			}
			w := float64(g.Value) * 1000 / float64(full)
			w = max(w, 3) // a count of one stays visible beside thousands
			fmt.Fprintf(&s, `<rect class="seg %s" data-chart="%s" data-label="%s" data-segment="%s" data-value="%d" x="%.1f" y="0" width="%.1f" height="16"/>`,
				esc(g.Class), esc(c.ID), esc(r.Label), esc(g.Name), g.Value, x, w)
			x += w
		}
		fmt.Fprintf(&s, `</svg><div class="note">%s</div></div>`, esc(r.Note))
	}
	s.WriteString(`</div>`)
	if c.More > 0 {
		fmt.Fprintf(&s, `<p class="more">%d more %s</p>`, c.More, esc(c.MoreNote))
	}
	s.WriteString(`</figure>`)
	return template.HTML(s.String()) //nolint:gosec // every interpolated string is escaped above
}

func rowTotal(r stackRow) int {
	n := 0
	for _, g := range r.Segments {
		n += g.Value
	}
	return n
}

func writeLegend(s *strings.Builder, legend []segment) {
	if len(legend) == 0 {
		return
	}
	s.WriteString(`<ul class="legend">`)
	for _, g := range legend {
		fmt.Fprintf(s, `<li><span class="key %s" aria-hidden="true"></span>%s</li>`, esc(g.Class), esc(g.Name))
	}
	s.WriteString(`</ul>`)
}

// point is one time bucket of a series: a rate and the count it is of.
type point struct {
	T    time.Time
	Rate float64 // 0 to 1
	N    int     // the denominator of Rate
}

// series is one line of a time chart.
type series struct {
	Name   string
	Class  string
	Points []point
}

// timeChart draws rates (0-100 %) over time buckets as lines.
type timeChart struct {
	ID    string
	Title string
	// Hourly buckets label the axis with hours, daily ones with dates.
	Hourly bool
	Series []series
	// Empty is what the chart's slot says when no series has a point.
	Empty string
}

// Time chart geometry, in SVG user units; the SVG scales to the width it
// has, so these are proportions more than pixels.
const (
	tcWidth  = 560
	tcHeight = 250
	tcLeft   = 52
	tcRight  = 12
	tcTop    = 14
	tcBottom = 40
)

// HTML draws the chart, or says that there is nothing to draw. Each point
// carries data-chart, data-label (the series), data-t, data-value (the
// rate) and data-n.
func (c timeChart) HTML() template.HTML {
	var s strings.Builder
	fmt.Fprintf(&s, `<figure class="chart time" id="%s" aria-labelledby="%s-title">`, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&s, `<figcaption id="%s-title">%s</figcaption>`, esc(c.ID), esc(c.Title))
	var times []time.Time
	seen := map[time.Time]bool{}
	for _, se := range c.Series {
		for _, p := range se.Points {
			if !seen[p.T] {
				seen[p.T] = true
				times = append(times, p.T)
			}
		}
	}
	if len(times) == 0 {
		fmt.Fprintf(&s, `<p class="empty" role="note">%s</p></figure>`, esc(c.Empty))
		return template.HTML(s.String()) //nolint:gosec // escaped above
	}
	t0, t1 := times[0], times[0]
	for _, t := range times {
		if t.Before(t0) {
			t0 = t
		}
		if t.After(t1) {
			t1 = t
		}
	}
	plotW := float64(tcWidth - tcLeft - tcRight)
	plotH := float64(tcHeight - tcTop - tcBottom)
	xOf := func(t time.Time) float64 {
		if !t1.After(t0) {
			return tcLeft + plotW/2
		}
		return tcLeft + plotW*float64(t.Sub(t0))/float64(t1.Sub(t0))
	}
	yOf := func(rate float64) float64 { return tcTop + plotH*(1-rate) }
	layout := "2006-01-02"
	if c.Hourly {
		layout = "01-02 15:00"
	}
	var names []string
	for _, se := range c.Series {
		names = append(names, se.Name)
	}
	summary := fmt.Sprintf("%s, %s to %s: %s", c.Title, t0.UTC().Format(layout), t1.UTC().Format(layout), strings.Join(names, ", "))
	writeLegend(&s, seriesLegend(c.Series))
	fmt.Fprintf(&s, `<svg class="plot" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		tcWidth, tcHeight, esc(summary), esc(summary))
	for _, pct := range []int{0, 25, 50, 75, 100} {
		y := yOf(float64(pct) / 100)
		fmt.Fprintf(&s, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/><text class="tick" x="%d" y="%.1f" text-anchor="end">%d%%</text>`,
			tcLeft, tcWidth-tcRight, y, y, tcLeft-6, y+4, pct)
	}
	ticks := axisTimes(times, t0, t1)
	for i, t := range ticks {
		// The first and last labels align with the plot's edges, so that
		// they stay inside the picture.
		anchor, x := "middle", xOf(t)
		switch {
		case len(ticks) == 1:
		case i == 0:
			anchor, x = "start", x-4
		case i == len(ticks)-1:
			anchor, x = "end", x+4
		}
		fmt.Fprintf(&s, `<text class="tick" x="%.1f" y="%d" text-anchor="%s">%s</text>`, x, tcHeight-tcBottom+22, anchor, esc(t.UTC().Format(layout)))
	}
	for _, se := range c.Series {
		var pts []string
		for _, p := range se.Points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xOf(p.T), yOf(p.Rate)))
		}
		fmt.Fprintf(&s, `<polyline class="line %s" points="%s"/>`, esc(se.Class), strings.Join(pts, " "))
		for _, p := range se.Points {
			fmt.Fprintf(&s, `<circle class="dot %s" data-chart="%s" data-label="%s" data-t="%s" data-value="%.4f" data-n="%d" cx="%.1f" cy="%.1f" r="3.5"><title>%s %s: %.1f%% of %d</title></circle>`,
				esc(se.Class), esc(c.ID), esc(se.Name), p.T.UTC().Format(time.RFC3339), p.Rate, p.N, xOf(p.T), yOf(p.Rate),
				esc(se.Name), esc(p.T.UTC().Format(layout)), 100*p.Rate, p.N)
		}
	}
	s.WriteString(`</svg></figure>`)
	return template.HTML(s.String()) //nolint:gosec // every interpolated string is escaped above
}

func seriesLegend(ss []series) []segment {
	var out []segment
	for _, se := range ss {
		out = append(out, segment{Name: se.Name, Class: se.Class})
	}
	return out
}

// axisTimes picks at most four bucket times to label, the first and the
// last among them, so that labels never collide even on a phone.
func axisTimes(times []time.Time, t0, t1 time.Time) []time.Time {
	if !t1.After(t0) {
		return []time.Time{t0}
	}
	const n = 4
	sorted := slices.Clone(times)
	slices.SortFunc(sorted, time.Time.Compare)
	if len(sorted) <= n {
		return sorted
	}
	out := make([]time.Time, 0, n)
	for i := range n {
		out = append(out, sorted[i*(len(sorted)-1)/(n-1)])
	}
	return out
}

// meter draws a share (0 to 1) as a bar, for the coverage figure.
func meter(id, label string, share float64) template.HTML {
	w := 1000 * min(max(share, 0), 1)
	return template.HTML(fmt.Sprintf( //nolint:gosec // the label is escaped
		`<svg class="meter" id="%s" viewBox="0 0 1000 12" preserveAspectRatio="none" role="img" aria-label="%s"><title>%s</title><rect class="track" x="0" y="0" width="1000" height="12"/><rect class="fill" x="0" y="0" width="%.1f" height="12"/></svg>`,
		esc(id), esc(label), esc(label), w))
}
