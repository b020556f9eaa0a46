package audit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/normlint/normlint/rules"
)

// Formats are the report's output formats.
var Formats = []string{"text", "markdown", "json", "html"}

// Render writes the report in a format.
func Render(w io.Writer, r *Report, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "text":
		return renderText(w, r, false)
	case "markdown":
		return renderText(w, r, true)
	case "html":
		return renderHTML(w, r)
	}
	return fmt.Errorf("unknown report format %q", format)
}

// families lists the uptake source families in the spec's order, then any
// other family found.
func families(r *Report) []string {
	order := []string{"runner", "action", "recipe"}
	seen := map[string]bool{}
	for _, u := range r.Uptake {
		seen[u.Family] = true
	}
	var out []string
	for _, f := range order {
		if seen[f] {
			out = append(out, f)
		}
	}
	if seen[""] {
		out = append(out, "")
	}
	return out
}

// familyLabel names a family for people.
func familyLabel(f string) string {
	if f == "" {
		return "other sources"
	}
	return f
}

// familyTotals sums a family's sources.
func familyTotals(r *Report, fam string) (total int, statuses map[string]int, sources []string) {
	statuses = map[string]int{}
	for src, u := range r.Uptake {
		if u.Family != fam {
			continue
		}
		sources = append(sources, src)
		total += u.Total
		for s, n := range u.Statuses {
			statuses[s] += n
		}
	}
	sort.Strings(sources)
	return total, statuses, sources
}

// byCount orders a count map's keys, largest first, then by name.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// statusName names a wire status with every constant it stands for.
func statusName(fam, status string) string {
	cs := rules.StatusConstants(fam, status)
	if len(cs) == 0 || (len(cs) == 1 && cs[0] == status) {
		return status
	}
	return status + " (" + strings.Join(cs, " or ") + ")"
}

func percent(n, total int) string {
	if total == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

// reasonLabel calls out the "unknown" reason, which the spec calls a bug.
func reasonLabel(reason string) string {
	if reason == "unknown" {
		return "unknown (a bug, per the spec)"
	}
	return reason
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// counts renders "a 2, b 1".
func counts(m map[string]int, label func(string) string) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, k := range byCount(m) {
		parts = append(parts, fmt.Sprintf("%s %d", label(k), m[k]))
	}
	return strings.Join(parts, ", ")
}

func identity(s string) string { return s }

// renderText writes the report as text or, with md, as markdown.
func renderText(out io.Writer, r *Report, md bool) error {
	w := &textWriter{w: bufio.NewWriter(out), md: md}
	if md {
		fmt.Fprintf(w.w, "# normlint audit report\n\n")
	} else {
		fmt.Fprintf(w.w, "normlint audit report\n")
	}
	fmt.Fprintf(w.w, "%s, %s: %d Normandy, %d of other categories or components",
		plural(r.Summary.Files, "file"), plural(r.Summary.Records, "record"), r.Summary.NormandyRecords, r.Summary.SkippedRecords)
	if r.Summary.UnreadableFiles > 0 {
		fmt.Fprintf(w.w, "; %s could not be read", plural(r.Summary.UnreadableFiles, "file"))
	}
	fmt.Fprintln(w.w)
	w.uptake(r)
	w.enrollment(r)
	w.findings(r)
	w.timeline(r)
	w.h1("Spec coverage")
	fmt.Fprintf(w.w, "%d of the %d statuses, events and reasons that data-collection.rst documents occurred at least once.\n",
		len(r.Coverage.Seen), r.Coverage.Documented)
	if len(r.Coverage.Unseen) > 0 {
		fmt.Fprintf(w.w, "\nNever seen:\n\n")
		for _, u := range r.Coverage.Unseen {
			fmt.Fprintf(w.w, "- %s\n", u)
		}
	}
	return w.w.Flush()
}

// textWriter writes the sections of the text and markdown reports.
type textWriter struct {
	w  *bufio.Writer
	md bool
}

func (w *textWriter) h1(s string) {
	if w.md {
		fmt.Fprintf(w.w, "\n## %s\n\n", s)
	} else {
		fmt.Fprintf(w.w, "\n%s\n%s\n", s, strings.Repeat("=", len(s)))
	}
}

// code renders a value from the input as code: a markdown code span that
// no backtick or pipe in it can break.
func (w *textWriter) code(s string) string {
	if w.md {
		return mdCode(s)
	}
	return s
}

// text renders prose that may hold values from the input.
func (w *textWriter) text(s string) string {
	if w.md {
		return mdEscape(s)
	}
	return s
}

func (w *textWriter) uptake(r *Report) {
	w.h1("Uptake")
	if len(r.Uptake) == 0 {
		fmt.Fprintln(w.w, "No uptake records.")
		return
	}
	fmt.Fprintf(w.w, "The success rate is success ÷ (success + failure): a recipe that did not target the client did not fail. Not-targeted and invalid statuses are counted beside it.\n")
	for _, fam := range families(r) {
		f := r.Families[fam]
		if f == nil {
			total, statuses, _ := familyTotals(r, fam)
			f = &Uptake{Family: fam, Total: total, Statuses: statuses}
		}
		_, _, sources := familyTotals(r, fam)
		head := fmt.Sprintf("%s: %s, success rate %s; %d not targeted, %d invalid", familyLabel(fam), reports(f.Total),
			rateText(f.Success, f.Failure), f.NotTargeted, f.Invalid)
		if w.md {
			fmt.Fprintf(w.w, "\n### %s\n\n| status | class | count | share |\n|---|---|---:|---:|\n", head)
			for _, s := range byCount(f.Statuses) {
				fmt.Fprintf(w.w, "| %s | %s | %d | %s |\n", mdEscape(statusName(fam, s)), className(fam, s), f.Statuses[s], percent(f.Statuses[s], f.Total))
			}
			fmt.Fprintf(w.w, "\n| source | reports | success rate | not targeted | invalid | details |\n|---|---:|---:|---:|---:|---|\n")
			for _, src := range sources {
				u := r.Uptake[src]
				fmt.Fprintf(w.w, "| %s | %d | %s | %d | %d | %s |\n", mdCode(src), u.Total, rateText(u.Success, u.Failure),
					u.NotTargeted, u.Invalid, mdEscape(sourceNotes(u)))
			}
			continue
		}
		fmt.Fprintf(w.w, "\n%s\n", head)
		width, cwidth := 0, 0
		for s := range f.Statuses {
			width = max(width, len(statusName(fam, s)))
			cwidth = max(cwidth, len(className(fam, s)))
		}
		for _, s := range byCount(f.Statuses) {
			fmt.Fprintf(w.w, "  %-*s  %-*s %7d  %6s\n", width, statusName(fam, s), cwidth, className(fam, s), f.Statuses[s], percent(f.Statuses[s], f.Total))
		}
		for _, src := range sources {
			u := r.Uptake[src]
			fmt.Fprintf(w.w, "  %s: %s, success rate %s; %s\n", src, reports(u.Total), rateText(u.Success, u.Failure), sourceNotes(u))
		}
	}
}

// studyName names a study for people: its slug and object family, and
// the add-on ID it is paired by.
func studyName(st *Study) string {
	slug := st.Slug
	if slug == "" {
		slug = "(no slug)"
	}
	if st.AddonID != "" {
		return slug + " (" + st.Object + ", add-on " + st.AddonID + ")"
	}
	return slug + " (" + st.Object + ")"
}

// studyKeys orders the studies by slug, object and key.
func studyKeys(r *Report) []string {
	keys := sortedKeys(r.Studies)
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := r.Studies[keys[i]], r.Studies[keys[j]]
		if a.Slug != b.Slug {
			return a.Slug < b.Slug
		}
		return a.Object < b.Object
	})
	return keys
}

func (w *textWriter) enrollment(r *Report) {
	w.h1("Enrollment")
	if len(r.Studies) == 0 {
		fmt.Fprintln(w.w, "No enrollment events.")
	}
	if w.md && len(r.Studies) > 0 {
		fmt.Fprintf(w.w, "| study | object | add-on | enrollments | branches | unenrollments | enrollment failures |\n|---|---|---|---:|---|---|---|\n")
	}
	for _, key := range studyKeys(r) {
		st := r.Studies[key]
		if w.md {
			addon := ""
			if st.AddonID != "" {
				addon = mdCode(st.AddonID)
			}
			fmt.Fprintf(w.w, "| %s | %s | %s | %d | %s | %s | %s |\n", mdCode(st.Slug), mdEscape(st.Object), addon, st.Enrollments,
				mdEscape(counts(st.Branches, identity)), mdEscape(counts(st.Unenrollments, reasonLabel)), mdEscape(counts(st.EnrollFailures, reasonLabel)))
			continue
		}
		fmt.Fprintf(w.w, "%s: %s (%s); %s (%s); %s (%s)\n",
			studyName(st), plural(st.Enrollments, "enrollment"), counts(st.Branches, identity),
			plural(sum(st.Unenrollments), "unenrollment"), counts(st.Unenrollments, reasonLabel),
			plural(sum(st.EnrollFailures), "enrollment failure"), counts(st.EnrollFailures, reasonLabel))
	}
	if bugs := unknownReasons(r); len(bugs) > 0 {
		fmt.Fprintf(w.w, "\n%s %s\n", bold(w.md, "Bugs:"), w.text(strings.Join(bugs, "; ")))
	}
}

func (w *textWriter) findings(r *Report) {
	w.h1("Findings")
	if len(r.Findings) == 0 {
		fmt.Fprintln(w.w, "No findings.")
		return
	}
	fmt.Fprintf(w.w, "%s, %s, %s\n\n", plural(r.Severities["error"], "error"), plural(r.Severities["warning"], "warning"), plural(r.Severities["info"], "info"))
	if w.md {
		fmt.Fprintf(w.w, "| rule | findings |\n|---|---:|\n")
	}
	for _, rule := range byCount(r.Findings) {
		if w.md {
			fmt.Fprintf(w.w, "| %s | %d |\n", mdCode(rule), r.Findings[rule])
		} else {
			fmt.Fprintf(w.w, "  %-28s %7d\n", rule, r.Findings[rule])
		}
	}
	fmt.Fprintf(w.w, "\nMost frequent locations:\n\n")
	if w.md {
		fmt.Fprintf(w.w, "| rule | pointer | findings | examples |\n|---|---|---:|---|\n")
	}
	for i, l := range r.Locations {
		if i == maxLocations {
			fmt.Fprintf(w.w, "\n(%d more locations in the JSON report)\n", len(r.Locations)-maxLocations)
			break
		}
		ptr := w.code(l.Pointer)
		if l.Pointer == "" {
			ptr = "(whole value)"
		}
		if w.md {
			fmt.Fprintf(w.w, "| %s | %s | %d | %s |\n", mdCode(l.Rule), ptr, l.Count, mdEscape(strings.Join(l.Examples, ", ")))
		} else {
			fmt.Fprintf(w.w, "  %s at %s: %d (%s)\n", l.Rule, ptr, l.Count, strings.Join(l.Examples, ", "))
		}
	}
}

// plural renders "1 report", "2 reports".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func reports(n int) string { return plural(n, "report") }

// maxLocations bounds the locations the human formats list.
const maxLocations = 20

func bold(md bool, s string) string {
	if md {
		return "**" + s + "**"
	}
	return s
}

// failures renders the failure statuses of a source.
func failures(u *Uptake) string { return classStatuses(u, ClassFailure) }

// classStatuses renders the statuses of a class of a source.
func classStatuses(u *Uptake, c Class) string {
	f := map[string]int{}
	for s, n := range u.Statuses {
		if cl := Classify(u.Family, s); cl.Class == c {
			name := statusName(u.Family, s)
			if c == ClassInvalid {
				name += " [" + u.InvalidRules[s] + "]"
			}
			f[name] = n
		}
	}
	return counts(f, identity)
}

// sourceNotes renders a source's failures, and its not-targeted and
// invalid statuses when it has any.
func sourceNotes(u *Uptake) string {
	s := "failures: " + failures(u)
	if u.NotTargeted > 0 {
		s += "; not targeted: " + classStatuses(u, ClassNotTargeted)
	}
	if u.Invalid > 0 {
		s += "; invalid: " + classStatuses(u, ClassInvalid)
	}
	return s
}

// className names the class of a status, with its era when it has one.
func className(fam, status string) string {
	c := Classify(fam, status)
	name := strings.ReplaceAll(string(c.Class), "_", " ")
	if c.Era != "" {
		name += " (" + c.Era + ")"
	}
	return name
}

// rateText renders a success rate with its raw counts.
func rateText(success, failure int) string {
	if success+failure == 0 {
		return "n/a (no success or failure)"
	}
	return fmt.Sprintf("%s (%d of %d)", percent(success, success+failure), success, success+failure)
}

// unknownReasons lists the studies with "unknown" reasons.
func unknownReasons(r *Report) []string {
	var out []string
	for _, key := range studyKeys(r) {
		st := r.Studies[key]
		if n := st.Unenrollments["unknown"]; n > 0 {
			out = append(out, fmt.Sprintf("%s has %s with reason \"unknown\"", studyName(st), plural(n, "unenrollment")))
		}
		if n := st.EnrollFailures["unknown"]; n > 0 {
			out = append(out, fmt.Sprintf("%s has %s with reason \"unknown\"", studyName(st), plural(n, "enrollment failure")))
		}
	}
	return out
}

// mdEscape escapes the characters that markdown would read as markup.
func mdEscape(s string) string {
	return strings.NewReplacer("\\", "\\\\", "|", "\\|", "_", "\\_", "*", "\\*", "`", "\\`", "<", "&lt;", "[", "\\[", "\n", " ").Replace(s)
}

// mdCode renders s as a markdown code span inside a table: fenced with one
// backtick more than its longest run of them (padded with spaces when it
// starts or ends with one), and its pipes escaped, which GitHub's tables
// undo inside code spans too.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "|", "\\|")
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
