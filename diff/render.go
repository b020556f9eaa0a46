package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/normlint/normlint/audit"
)

// Formats are the diff's output formats.
var Formats = []string{"text", "markdown", "json", "html"}

// Render writes the result in a format.
func Render(w io.Writer, r *Result, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "text", "markdown":
		tw := &textWriter{w: bufio.NewWriter(w), md: format == "markdown"}
		tw.render(r)
		return tw.w.Flush()
	case "html":
		return renderHTML(w, r)
	}
	return fmt.Errorf("unknown diff format %q", format)
}

type textWriter struct {
	w  *bufio.Writer
	md bool
	// html words for the HTML page: no markup, no capitals for emphasis
	// (the page has its own).
	html bool
	// blank says the output ends with a blank line.
	blank bool
}

func (w *textWriter) printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	_, _ = w.w.WriteString(s) // a write error shows at Flush
	w.blank = strings.HasSuffix(s, "\n\n")
}

func (w *textWriter) h1(s string) {
	if w.md {
		w.printf("\n## %s\n\n", s)
	} else {
		w.printf("\n%s\n%s\n", s, strings.Repeat("=", len(s)))
	}
}

func (w *textWriter) h2(s string) {
	if w.md && w.blank {
		w.printf("### %s\n\n", s)
	} else if w.md {
		w.printf("\n### %s\n\n", s)
	} else {
		w.printf("\n%s:\n", s)
	}
}

// code shows a value from the input: a markdown code span that no
// backtick in it can break.
func (w *textWriter) code(s string) string {
	if !w.md || s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\n", " ")
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func (w *textWriter) bold(s string) string {
	if w.html {
		return s
	}
	if w.md {
		return "**" + s + "**"
	}
	return strings.ToUpper(s)
}

func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func sideText(s audit.Summary) string {
	t := fmt.Sprintf("%s, %d Normandy records", plural(s.Files, "file"), s.NormandyRecords)
	if s.UnreadableFiles > 0 {
		t += fmt.Sprintf(" (%s could not be read)", plural(s.UnreadableFiles, "file"))
	}
	return t
}

func (w *textWriter) render(r *Result) {
	if w.md {
		w.printf("# normlint diff\n\n")
	} else {
		w.printf("normlint diff\n")
	}
	w.printf("old: %s\nnew: %s\n", sideText(r.Old), sideText(r.New))
	if w.md {
		w.printf("\n")
	}
	var found []string
	for _, k := range Regressions {
		if n := r.Regression[k]; n > 0 {
			found = append(found, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(found) == 0 {
		w.printf("Regressions: none.\n")
	} else {
		w.printf("Regressions: %s.\n", strings.Join(found, ", "))
	}
	w.findings(&r.Findings)
	w.uptake(r)
	w.enrollment(r.Enrollment)
	w.coverage(&r.Coverage)
}

func (w *textWriter) findings(f *Findings) {
	w.h1("Findings")
	w.printf("%d new, %d gone, %d persisting (matched by rule, place in the record and study or source, whatever the file).\n",
		len(f.New), len(f.Gone), len(f.Persisting))
	w.findingList("New", f.New, true)
	w.findingList("Gone", f.Gone, false)
	changed := false
	for _, rc := range f.Rules {
		changed = changed || rc.Old != rc.New
	}
	if changed {
		w.h2("Findings per rule (old → new)")
		for _, rc := range f.Rules {
			if rc.Old != rc.New {
				w.printf("- %s: %d → %d\n", w.code(rc.Rule), rc.Old, rc.New)
			}
		}
	}
}

// maxListed bounds the findings the text and markdown list per kind; the
// JSON and HTML list them all.
const maxListed = 50

func (w *textWriter) findingList(title string, fcs []*FindingChange, isNew bool) {
	if len(fcs) == 0 {
		return
	}
	w.h2(title)
	for i, fc := range fcs {
		if i == maxListed {
			w.printf("- and %d more (--format json or html lists them all)\n", len(fcs)-maxListed)
			break
		}
		n := fc.Old
		if isNew {
			n = fc.New
		}
		about := ""
		if fc.Identity != "" {
			about = " about " + w.code(fc.Identity)
		}
		at := w.code(fc.Pointer)
		if fc.Pointer == "" {
			at = "the whole value"
		}
		w.printf("- %s (%s) at %s%s: %d\n", w.code(fc.Rule), fc.Severity, at, about, n)
		// The examples are the rule's at the place, shared by the group of
		// findings there: shown once, after the group's last.
		last := i+1 == len(fcs) || i+1 == maxListed || fcs[i+1].Rule != fc.Rule || fcs[i+1].Pointer != fc.Pointer
		if len(fc.Examples) > 0 && last {
			ex := make([]string, len(fc.Examples))
			for k, e := range fc.Examples {
				ex[k] = w.code(e)
			}
			w.printf("  e.g. %s\n", strings.Join(ex, ", "))
		}
	}
}

func pct(x float64) string { return fmt.Sprintf("%.1f %%", 100*x) }

// points shows a change of a proportion in percentage points, signed.
func points(x float64) string {
	v := 100 * x
	if math.Abs(v) < 0.05 {
		v = 0 // no "-0.0"
	}
	return fmt.Sprintf("%+.1f", v)
}

func rate(c audit.Counts) string {
	if c.Success+c.Failure == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%s (%d of %d)", pct(float64(c.Success)/float64(c.Success+c.Failure)), c.Success, c.Success+c.Failure)
}

func familyName(f string) string {
	if f == "" {
		return "other sources"
	}
	return f
}

func (w *textWriter) uptake(r *Result) {
	u := &r.Uptake
	w.h1("Uptake")
	if len(u.Families)+len(u.Sources)+len(u.Appeared)+len(u.Disappeared) == 0 {
		w.printf("No uptake records on either side.\n")
		return
	}
	w.printf("Success rate = success ÷ (success + failure). A change is flagged when a two-proportion test at %.0f %% confidence, Holm-corrected across the families (or sources) compared, finds it unlikely to be noise and it is at least %.1f points; tested on distinct clients where every record has a client ID (docs/diff.md).\n",
		100*r.Settings.Confidence, 100*r.Settings.MinChange)
	w.rates("Families", u.Families, true)
	w.rates("Sources", u.Sources, false)
	w.list("Sources that appeared", u.Appeared)
	w.list("Sources that disappeared", u.Disappeared)
}

func (w *textWriter) rates(title string, rcs []*RateChange, fam bool) {
	if len(rcs) == 0 {
		return
	}
	w.h2(title)
	for _, rc := range rcs {
		name := w.code(rc.Key)
		if fam {
			name = familyName(rc.Key)
		}
		line := fmt.Sprintf("- %s: %s → %s", name, rate(rc.Old), rate(rc.New))
		if rc.Change != nil {
			line += fmt.Sprintf(", %s points", points(*rc.Change))
		}
		line += others(rc.Old, rc.New)
		if t := rc.Test; t != nil {
			line += fmt.Sprintf("; %s: %s → %s, change %s points, 99 %% CI [%s, %s], p %s (Holm %s)",
				t.Basis, frac(t.OldSuccess, t.OldTrials), frac(t.NewSuccess, t.NewTrials), points(t.Difference),
				points(t.Low), points(t.High), pvalue(t.P), pvalue(t.PHolm))
		} else {
			line += "; not tested (no success or failure on a side)"
		}
		if rc.Flag != "" {
			line += ": " + w.bold(rc.Flag)
		}
		w.printf("%s\n", line)
	}
}

// others shows the classes beside the rate, where a side has any.
func others(a, b audit.Counts) string {
	var parts []string
	if a.NotTargeted+b.NotTargeted > 0 {
		parts = append(parts, fmt.Sprintf("not targeted %d → %d", a.NotTargeted, b.NotTargeted))
	}
	if a.Invalid+b.Invalid > 0 {
		parts = append(parts, fmt.Sprintf("invalid %d → %d", a.Invalid, b.Invalid))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func frac(x, n int) string { return fmt.Sprintf("%d of %d", x, n) }

func pvalue(p float64) string {
	if p < 0.0001 {
		return "< 0.0001"
	}
	return fmt.Sprintf("%.4f", p)
}

func (w *textWriter) list(title string, items []string) {
	if len(items) == 0 {
		return
	}
	w.h2(title)
	for _, it := range items {
		w.printf("- %s\n", w.code(it))
	}
}

func (w *textWriter) enrollment(scs []*StudyChange) {
	w.h1("Enrollment")
	unchanged := 0
	for _, sc := range scs {
		if !sc.Changed {
			unchanged++
			continue
		}
		name := w.code(sc.Slug)
		if sc.AddonID != "" {
			name += " (add-on " + w.code(sc.AddonID) + ")"
		}
		w.printf("- %s (%s): %s → %s\n", name, sc.Object, w.studyText(sc.Old), w.studyText(sc.New))
		shifts := w.shifts(sc.Shifts)
		if len(shifts) > 0 {
			w.printf("  %s\n", strings.Join(shifts, "; "))
		}
	}
	switch {
	case len(scs) == 0:
		w.printf("No study on either side.\n")
	case unchanged == len(scs):
		w.printf("No change in the %s.\n", plural(len(scs), "study"))
	case unchanged > 0:
		w.printf("%s unchanged.\n", plural(unchanged, "other study"))
	}
}

// studyText renders a study's counts on a side.
func (w *textWriter) studyText(s *StudySide) string {
	if s == nil && w.html {
		return "—"
	}
	if s == nil {
		return "absent"
	}
	return fmt.Sprintf("%d enrolled (%s), %s, %s", s.Enrollments, w.counts(s.Branches),
		w.countsOf(s.Unenrollments, "unenrollment"), w.countsOf(s.EnrollFailures, "failure"))
}

func (w *textWriter) countsOf(m map[string]int, noun string) string {
	n := 0
	for _, v := range m {
		n += v
	}
	if n == 0 {
		return "0 " + noun + "s"
	}
	return plural(n, noun) + " (" + w.counts(m) + ")"
}

// counts renders "a 2, b 1" in key order.
func (w *textWriter) counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %d", w.code(k), m[k]))
	}
	return strings.Join(parts, ", ")
}

func (w *textWriter) coverage(c *CoverageChange) {
	w.h1("Spec coverage and registry")
	if len(c.OldOnly)+len(c.NewOnly)+len(c.NewUndocumented)+len(c.GoneUndocumented) == 0 {
		w.printf("The same documented items and undocumented values on both sides.\n")
		return
	}
	w.list("Documented items seen only on the old side", c.OldOnly)
	w.list("Documented items seen only on the new side", c.NewOnly)
	w.list("Undocumented values new on the new side", c.NewUndocumented)
	w.list("Undocumented values gone from the new side", c.GoneUndocumented)
}
