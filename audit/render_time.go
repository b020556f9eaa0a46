package audit

import (
	"fmt"
	"sort"
)

// timeline writes the "Over time" section.
func (w *textWriter) timeline(r *Report) {
	w.h1("Over time")
	t := r.Time
	if t == nil || t.Unit == "" {
		n := 0
		if t != nil {
			n = t.UntimedRecords
		}
		fmt.Fprintf(w.w, "No record carries a usable time (%s without one).\n", plural(n, "Normandy record"))
		return
	}
	fmt.Fprintf(w.w, "By %s (UTC), from %s to %s: %d of the %d Normandy records carry a usable time; findings about records without one: %d.\n",
		t.Unit, t.First, t.Last, t.TimedRecords, t.TimedRecords+t.UntimedRecords, t.UntimedFindings)

	fmt.Fprintf(w.w, "\nUptake success rate per family:\n\n")
	if w.md && len(t.Uptake) > 0 {
		fmt.Fprintf(w.w, "| family | %s | success rate | not targeted | invalid |\n|---|---|---:|---:|---:|\n", t.Unit)
	}
	if len(t.Uptake) == 0 {
		fmt.Fprintln(w.w, "No uptake records with a time.")
	}
	for _, fam := range familyOrder(sortedKeys(t.Uptake)) {
		for _, b := range sortedKeys(t.Uptake[fam]) {
			c := t.Uptake[fam][b]
			if w.md {
				fmt.Fprintf(w.w, "| %s | %s | %s | %d | %d |\n", familyLabel(fam), b, rateText(c.Success, c.Failure), c.NotTargeted, c.Invalid)
			} else {
				fmt.Fprintf(w.w, "  %-8s %s  %s; %d not targeted, %d invalid\n", familyLabel(fam), b, rateText(c.Success, c.Failure), c.NotTargeted, c.Invalid)
			}
		}
	}

	fmt.Fprintf(w.w, "\nEnrollments and unenrollments per study:\n\n")
	if w.md && len(timelineStudies(r)) > 0 {
		fmt.Fprintf(w.w, "| study | object | %s | enrollments | unenrollments | enrollment failures |\n|---|---|---|---:|---:|---:|\n", t.Unit)
	}
	keys := timelineStudies(r)
	if len(keys) == 0 {
		fmt.Fprintln(w.w, "No enrollment events with a time.")
	}
	for _, key := range keys {
		st := r.Studies[key]
		for _, b := range sortedKeys(t.Studies[key]) {
			c := t.Studies[key][b]
			if w.md {
				fmt.Fprintf(w.w, "| %s | %s | %s | %d | %d | %d |\n", mdCode(st.Slug), mdEscape(st.Object), b, c.Enrollments, c.Unenrollments, c.EnrollFailures)
			} else {
				fmt.Fprintf(w.w, "  %s %s  %s, %s, %s\n", studyName(st), b, plural(c.Enrollments, "enrollment"),
					plural(c.Unenrollments, "unenrollment"), plural(c.EnrollFailures, "enrollment failure"))
			}
		}
	}

	fmt.Fprintf(w.w, "\nFindings per rule:\n\n")
	if w.md && len(t.Findings) > 0 {
		fmt.Fprintf(w.w, "| rule | %s | findings |\n|---|---|---:|\n", t.Unit)
	}
	if len(t.Findings) == 0 {
		fmt.Fprintln(w.w, "No findings about a record with a time.")
	}
	for _, rule := range sortedKeys(t.Findings) {
		for _, b := range sortedKeys(t.Findings[rule]) {
			if w.md {
				fmt.Fprintf(w.w, "| %s | %s | %d |\n", mdCode(rule), b, t.Findings[rule][b])
			} else {
				fmt.Fprintf(w.w, "  %-28s %s %7d\n", rule, b, t.Findings[rule][b])
			}
		}
	}
}

// timelineStudies orders the timeline's studies as the enrollment section
// does; a study the timeline has but the report lacks cannot occur.
func timelineStudies(r *Report) []string {
	var keys []string
	for _, k := range studyKeys(r) {
		if _, ok := r.Time.Studies[k]; ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// familyOrder puts families in the spec's order, other sources last.
func familyOrder(fams []string) []string {
	rank := map[string]int{"runner": 0, "action": 1, "recipe": 2, "": 3}
	sort.SliceStable(fams, func(i, j int) bool { return rank[fams[i]] < rank[fams[j]] })
	return fams
}
