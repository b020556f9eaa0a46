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
	w := bufio.NewWriter(out)
	h1 := func(s string) {
		if md {
			fmt.Fprintf(w, "\n## %s\n\n", s)
		} else {
			fmt.Fprintf(w, "\n%s\n%s\n", s, strings.Repeat("=", len(s)))
		}
	}
	if md {
		fmt.Fprintf(w, "# normlint audit report\n\n")
	} else {
		fmt.Fprintf(w, "normlint audit report\n")
	}
	fmt.Fprintf(w, "%s, %s: %d Normandy, %d of other categories or components",
		plural(r.Summary.Files, "file"), plural(r.Summary.Records, "record"), r.Summary.NormandyRecords, r.Summary.SkippedRecords)
	if r.Summary.UnreadableFiles > 0 {
		fmt.Fprintf(w, "; %s could not be read", plural(r.Summary.UnreadableFiles, "file"))
	}
	fmt.Fprintln(w)

	h1("Uptake")
	if len(r.Uptake) == 0 {
		fmt.Fprintln(w, "No uptake records.")
	}
	for _, fam := range families(r) {
		total, statuses, sources := familyTotals(r, fam)
		if md {
			fmt.Fprintf(w, "### %s: %s, %s success\n\n", familyLabel(fam), reports(total), percent(statuses["success"], total))
			fmt.Fprintf(w, "| status | count | share |\n|---|---:|---:|\n")
			for _, s := range byCount(statuses) {
				fmt.Fprintf(w, "| %s | %d | %s |\n", mdEscape(statusName(fam, s)), statuses[s], percent(statuses[s], total))
			}
			fmt.Fprintf(w, "\n| source | reports | success | failures |\n|---|---:|---:|---|\n")
			for _, src := range sources {
				u := r.Uptake[src]
				fmt.Fprintf(w, "| `%s` | %d | %s | %s |\n", src, u.Total, percent(u.Statuses["success"], u.Total), mdEscape(failures(u)))
			}
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintf(w, "%s: %s, %s success\n", familyLabel(fam), reports(total), percent(statuses["success"], total))
		width := 0
		for s := range statuses {
			width = max(width, len(statusName(fam, s)))
		}
		for _, s := range byCount(statuses) {
			fmt.Fprintf(w, "  %-*s %7d  %6s\n", width, statusName(fam, s), statuses[s], percent(statuses[s], total))
		}
		for _, src := range sources {
			u := r.Uptake[src]
			fmt.Fprintf(w, "  %s: %s, %s success; failures: %s\n", src, reports(u.Total), percent(u.Statuses["success"], u.Total), failures(u))
		}
	}

	h1("Enrollment")
	if len(r.Studies) == 0 {
		fmt.Fprintln(w, "No enrollment events.")
	}
	if md && len(r.Studies) > 0 {
		fmt.Fprintf(w, "| study | object | enrollments | branches | unenrollments | enrollment failures |\n|---|---|---:|---|---|---|\n")
	}
	for _, slug := range sortedKeys(r.Studies) {
		st := r.Studies[slug]
		if md {
			fmt.Fprintf(w, "| `%s` | %s | %d | %s | %s | %s |\n", slug, st.Object, st.Enrollments,
				mdEscape(counts(st.Branches, identity)), mdEscape(counts(st.Unenrollments, reasonLabel)), mdEscape(counts(st.EnrollFailures, reasonLabel)))
			continue
		}
		fmt.Fprintf(w, "%s (%s): %s (%s); %s (%s); %s (%s)\n",
			slug, st.Object, plural(st.Enrollments, "enrollment"), counts(st.Branches, identity),
			plural(sum(st.Unenrollments), "unenrollment"), counts(st.Unenrollments, reasonLabel),
			plural(sum(st.EnrollFailures), "enrollment failure"), counts(st.EnrollFailures, reasonLabel))
	}
	if bugs := unknownReasons(r); len(bugs) > 0 {
		fmt.Fprintf(w, "\n%s %s\n", bold(md, "Bugs:"), strings.Join(bugs, "; "))
	}

	h1("Findings")
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
	} else {
		fmt.Fprintf(w, "%s, %s, %s\n\n", plural(r.Severities["error"], "error"), plural(r.Severities["warning"], "warning"), plural(r.Severities["info"], "info"))
		if md {
			fmt.Fprintf(w, "| rule | findings |\n|---|---:|\n")
		}
		for _, rule := range byCount(r.Findings) {
			if md {
				fmt.Fprintf(w, "| `%s` | %d |\n", rule, r.Findings[rule])
			} else {
				fmt.Fprintf(w, "  %-28s %7d\n", rule, r.Findings[rule])
			}
		}
		fmt.Fprintf(w, "\nMost frequent locations:\n\n")
		if md {
			fmt.Fprintf(w, "| rule | pointer | findings | examples |\n|---|---|---:|---|\n")
		}
		for i, l := range r.Locations {
			if i == maxLocations {
				fmt.Fprintf(w, "\n(%d more locations in the JSON report)\n", len(r.Locations)-maxLocations)
				break
			}
			ptr := l.Pointer
			if ptr == "" {
				ptr = "(whole value)"
			}
			if md {
				fmt.Fprintf(w, "| `%s` | `%s` | %d | %s |\n", l.Rule, ptr, l.Count, mdEscape(strings.Join(l.Examples, ", ")))
			} else {
				fmt.Fprintf(w, "  %s at %s: %d (%s)\n", l.Rule, ptr, l.Count, strings.Join(l.Examples, ", "))
			}
		}
	}

	h1("Spec coverage")
	fmt.Fprintf(w, "%d of the %d statuses, events and reasons that data-collection.rst documents occurred at least once.\n",
		len(r.Coverage.Seen), r.Coverage.Documented)
	if len(r.Coverage.Unseen) > 0 {
		fmt.Fprintf(w, "\nNever seen:\n\n")
		for _, u := range r.Coverage.Unseen {
			fmt.Fprintf(w, "- %s\n", u)
		}
	}
	return w.Flush()
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

// failures renders the non-success statuses of a source.
func failures(u *Uptake) string {
	f := map[string]int{}
	for s, n := range u.Statuses {
		if s != "success" {
			f[statusName(u.Family, s)] = n
		}
	}
	return counts(f, identity)
}

// unknownReasons lists the studies with "unknown" reasons.
func unknownReasons(r *Report) []string {
	var out []string
	for _, slug := range sortedKeys(r.Studies) {
		st := r.Studies[slug]
		if n := st.Unenrollments["unknown"]; n > 0 {
			out = append(out, fmt.Sprintf("%s has %s with reason \"unknown\"", slug, plural(n, "unenrollment")))
		}
		if n := st.EnrollFailures["unknown"]; n > 0 {
			out = append(out, fmt.Sprintf("%s has %s with reason \"unknown\"", slug, plural(n, "enrollment failure")))
		}
	}
	return out
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "_", "\\_", "*", "\\*", "<", "&lt;").Replace(s)
}
