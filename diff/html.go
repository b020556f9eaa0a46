package diff

import (
	"fmt"
	"io"

	"github.com/normlint/normlint/audit"
)

// renderHTML words the result for the HTML page, which audit draws in the
// report page's style.
func renderHTML(w io.Writer, r *Result) error {
	tw := &textWriter{html: true}
	p := &audit.DiffPage{Old: r.Old, New: r.New, Persisting: len(r.Findings.Persisting),
		Settings: fmt.Sprintf("Success rate = success ÷ (success + failure). A change is flagged when a two-proportion test at %.0f %% confidence, Holm-corrected across the families (or sources) compared, finds it unlikely to be noise and it is at least %.1f points; tested on distinct clients where every record has a client ID.",
			100*r.Settings.Confidence, 100*r.Settings.MinChange),
		Appeared: r.Uptake.Appeared, Disappeared: r.Uptake.Disappeared,
		OldOnly: r.Coverage.OldOnly, NewOnly: r.Coverage.NewOnly,
		NewUndocumented: r.Coverage.NewUndocumented, GoneUndocumented: r.Coverage.GoneUndocumented}
	for _, k := range Regressions {
		if n := r.Regression[k]; n > 0 {
			p.Regressions = append(p.Regressions, audit.DiffCount{Name: k, Count: n})
		}
	}
	for _, fc := range r.Findings.New {
		p.NewFindings = append(p.NewFindings, audit.DiffFinding{Rule: fc.Rule, Severity: fc.Severity, Pointer: fc.Pointer, Identity: fc.Identity, Count: fc.New, Examples: fc.Examples})
	}
	for _, fc := range r.Findings.Gone {
		p.GoneFindings = append(p.GoneFindings, audit.DiffFinding{Rule: fc.Rule, Severity: fc.Severity, Pointer: fc.Pointer, Identity: fc.Identity, Count: fc.Old})
	}
	for _, rc := range r.Findings.Rules {
		if rc.Old != rc.New {
			p.RuleChanges = append(p.RuleChanges, fmt.Sprintf("%s: %d → %d", rc.Rule, rc.Old, rc.New))
		}
	}
	for _, rc := range r.Uptake.Families {
		p.Families = append(p.Families, diffRate(familyName(rc.Key), rc))
	}
	for _, rc := range r.Uptake.Sources {
		p.Sources = append(p.Sources, diffRate(rc.Key, rc))
	}
	for _, sc := range r.Enrollment {
		if !sc.Changed {
			p.Unchanged++
			continue
		}
		name := sc.Slug
		if sc.AddonID != "" {
			name += " (add-on " + sc.AddonID + ")"
		}
		p.Studies = append(p.Studies, audit.DiffStudy{Name: name, Object: sc.Object, Old: tw.studyText(sc.Old), New: tw.studyText(sc.New),
			Shifts: tw.shifts(sc.Shifts), Unknown: sc.Shifts.UnknownReasons})
	}
	return audit.RenderDiffHTML(w, p)
}

func diffRate(name string, rc *RateChange) audit.DiffRate {
	d := audit.DiffRate{Name: name, Family: rc.Family, Old: rc.Old, New: rc.New, Flag: rc.Flag, Change: "n/a", Test: "not tested (no success or failure on a side)"}
	if rc.Change != nil {
		d.Change = points(*rc.Change) + " points"
	}
	if t := rc.Test; t != nil {
		d.Test = fmt.Sprintf("%s: %s → %s, change %s points, 99 %% CI [%s, %s], p %s (Holm %s)",
			t.Basis, frac(t.OldSuccess, t.OldTrials), frac(t.NewSuccess, t.NewTrials), points(t.Difference),
			points(t.Low), points(t.High), pvalue(t.P), pvalue(t.PHolm))
	}
	return d
}

// shifts words a study's shifts.
func (w *textWriter) shifts(sh StudyShifts) []string {
	var out []string
	if sh.UnknownReasons {
		out = append(out, w.bold("unknown reasons")+" appeared (a bug, per the spec)")
	}
	for _, r := range sh.NewUnenrollReasons {
		out = append(out, "new unenrollment reason "+w.code(r))
	}
	for _, r := range sh.NewFailureReasons {
		out = append(out, "new enrollment failure reason "+w.code(r))
	}
	for _, b := range sh.StoppedBranches {
		out = append(out, "branch "+w.code(b)+" stopped enrolling")
	}
	for _, b := range sh.NewBranches {
		out = append(out, "new branch "+w.code(b))
	}
	return out
}
