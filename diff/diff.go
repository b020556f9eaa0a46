package diff

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/rules"
)

// Version is the version of the JSON diff (docs/diff.md).
const Version = 1

// Kinds of regression --fail-on names.
const (
	NewFindings    = "new-findings"
	UptakeDrop     = "uptake-drop"
	UnknownReasons = "unknown-reasons"
)

// Regressions lists the kinds of regression, in the order they are shown.
var Regressions = []string{NewFindings, UptakeDrop, UnknownReasons}

// Options tune the comparison.
type Options struct {
	// MinChange is the smallest absolute change of a proportion (0.02 is
	// 2 percentage points) that is flagged.
	MinChange float64
}

// Result is what changed from one report (old) to another (new). Its JSON
// form is the versioned contract of docs/diff.md.
type Result struct {
	Version    int            `json:"version"`
	Settings   Settings       `json:"settings"`
	Old        audit.Summary  `json:"old"`
	New        audit.Summary  `json:"new"`
	Findings   Findings       `json:"findings"`
	Uptake     Uptake         `json:"uptake"`
	Enrollment []*StudyChange `json:"enrollment"`
	Coverage   CoverageChange `json:"coverage"`
	Regression map[string]int `json:"regressions"`
}

// Settings are the statistics' settings.
type Settings struct {
	Confidence float64 `json:"confidence"`
	MinChange  float64 `json:"min_change"`
}

// Findings compares findings by fingerprint (no file name: they match
// across reformatted, renamed and resharded files).
type Findings struct {
	New        []*FindingChange `json:"new"`
	Gone       []*FindingChange `json:"gone"`
	Persisting []*FindingChange `json:"persisting"`
	Rules      []*RuleCount     `json:"rules"`
}

// FindingChange is one fingerprint's findings on each side.
type FindingChange struct {
	ID       string `json:"id"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Pointer  string `json:"pointer"`
	Identity string `json:"identity"`
	Old      int    `json:"old"`
	New      int    `json:"new"`
	// Examples are the new side's first file:line places of the rule at
	// the pointer, for a new finding when every finding of the rule
	// there is new (the report keeps examples by rule and place, not by
	// identity, so that no example of a persisting finding is shown).
	Examples []string `json:"examples,omitempty"`
}

// RuleCount counts a rule's findings on each side.
type RuleCount struct {
	Rule string `json:"rule"`
	Old  int    `json:"old"`
	New  int    `json:"new"`
}

// Uptake compares success rates per family and per source.
type Uptake struct {
	Families    []*RateChange `json:"families"`
	Sources     []*RateChange `json:"sources"`
	Appeared    []string      `json:"appeared"`
	Disappeared []string      `json:"disappeared"`
}

// RateChange is one family's or source's uptake on each side.
type RateChange struct {
	// Key is the family ("" for sources of none) or the source.
	Key    string       `json:"key"`
	Family string       `json:"family"`
	Old    audit.Counts `json:"old"`
	New    audit.Counts `json:"new"`
	// Change is the new success rate minus the old one, on reports;
	// null when a side has no success nor failure.
	Change *float64 `json:"change"`
	// Test is the two-proportion test; null when a side has no trial.
	Test *Test `json:"test"`
	// Flag is "drop" or "rise" for a significant change, else "".
	Flag string `json:"flag"`
}

// StudyChange is one study's enrollment on each side and what shifted.
type StudyChange struct {
	Key     string      `json:"key"`
	Object  string      `json:"object"`
	Slug    string      `json:"slug"`
	AddonID string      `json:"addon_id,omitempty"`
	Old     *StudySide  `json:"old"`
	New     *StudySide  `json:"new"`
	Shifts  StudyShifts `json:"shifts"`
	Changed bool        `json:"changed"`
}

// StudySide is a study's counts on one side; null where it has none.
type StudySide struct {
	Enrollments    int            `json:"enrollments"`
	Branches       map[string]int `json:"branches"`
	Unenrollments  map[string]int `json:"unenrollments"`
	EnrollFailures map[string]int `json:"enroll_failures"`
}

// StudyShifts are the shifts worth a reviewer's attention.
type StudyShifts struct {
	// NewUnenrollReasons and NewFailureReasons occur only on the new side.
	NewUnenrollReasons []string `json:"new_unenroll_reasons"`
	NewFailureReasons  []string `json:"new_failure_reasons"`
	// UnknownReasons is set when "unknown" reasons occur on the new side
	// and not on the old.
	UnknownReasons bool `json:"unknown_reasons"`
	// StoppedBranches enrolled on the old side and not on the new.
	StoppedBranches []string `json:"stopped_branches"`
	NewBranches     []string `json:"new_branches"`
}

// CoverageChange compares spec coverage and undocumented values.
type CoverageChange struct {
	// OldOnly and NewOnly are documented items seen on one side only.
	OldOnly []string `json:"old_only"`
	NewOnly []string `json:"new_only"`
	// NewUndocumented are undocumented values (statuses, events and
	// unenrollment reasons the spec does not list) seen only on the new
	// side; GoneUndocumented only on the old.
	NewUndocumented  []string `json:"new_undocumented"`
	GoneUndocumented []string `json:"gone_undocumented"`
}

// Compare compares two finished reports.
func Compare(old, cur *audit.Report, o Options) *Result {
	res := &Result{Version: Version, Settings: Settings{Confidence: Confidence, MinChange: o.MinChange},
		Old: old.Summary, New: cur.Summary}
	res.Findings = compareFindings(old, cur)
	res.Uptake = compareUptake(old, cur, o)
	res.Enrollment = compareStudies(old, cur)
	res.Coverage = compareCoverage(old, cur)
	res.Regression = map[string]int{NewFindings: len(res.Findings.New)}
	for _, rc := range append(slices.Clone(res.Uptake.Families), res.Uptake.Sources...) {
		if rc.Flag == "drop" {
			res.Regression[UptakeDrop]++
		}
	}
	for _, st := range res.Enrollment {
		if st.Shifts.UnknownReasons {
			res.Regression[UnknownReasons]++
		}
	}
	for _, k := range Regressions {
		res.Regression[k] += 0 // every kind is listed, found or not
	}
	return res
}

func compareFindings(old, cur *audit.Report) Findings {
	f := Findings{New: []*FindingChange{}, Gone: []*FindingChange{}, Persisting: []*FindingChange{}, Rules: []*RuleCount{}}
	type key [3]string
	olds := map[key]*audit.Fingerprint{}
	for _, fp := range old.Fingerprints {
		olds[key{fp.Rule, fp.Pointer, fp.Identity}] = fp
	}
	ex := newExamples(cur)
	persists := map[[2]string]bool{}
	for _, fp := range cur.Fingerprints {
		if olds[key{fp.Rule, fp.Pointer, fp.Identity}] != nil {
			persists[[2]string{fp.Rule, fp.Pointer}] = true
		}
	}
	for _, fp := range cur.Fingerprints {
		k := key{fp.Rule, fp.Pointer, fp.Identity}
		fc := &FindingChange{ID: fp.ID, Rule: fp.Rule, Severity: fp.Severity, Pointer: fp.Pointer, Identity: fp.Identity, New: fp.Count}
		if o := olds[k]; o != nil {
			fc.Old = o.Count
			delete(olds, k)
			f.Persisting = append(f.Persisting, fc)
			continue
		}
		if !persists[[2]string{fp.Rule, fp.Pointer}] {
			fc.Examples = ex.of(fp)
		}
		f.New = append(f.New, fc)
	}
	for _, fp := range old.Fingerprints { // in the report's order
		if olds[key{fp.Rule, fp.Pointer, fp.Identity}] != nil {
			f.Gone = append(f.Gone, &FindingChange{ID: fp.ID, Rule: fp.Rule, Severity: fp.Severity, Pointer: fp.Pointer, Identity: fp.Identity, Old: fp.Count})
		}
	}
	for _, rule := range unionKeys(old.Findings, cur.Findings) {
		f.Rules = append(f.Rules, &RuleCount{Rule: rule, Old: old.Findings[rule], New: cur.Findings[rule]})
	}
	return f
}

// examples holds the new report's file:line examples by rule and record
// template (the location's pointer without its leading list indexes),
// which is how a fingerprint names its place.
type examples struct {
	by map[[2]string][]string
	n  int
}

func newExamples(r *audit.Report) *examples {
	e := &examples{by: map[[2]string][]string{}, n: max(r.Examples, 0)}
	for _, l := range r.Locations {
		tmpl := l.Pointer
		for strings.HasPrefix(tmpl, "/*/") || tmpl == "/*" {
			tmpl = tmpl[len("/*"):]
		}
		k := [2]string{l.Rule, tmpl}
		e.by[k] = append(e.by[k], l.Examples...)
	}
	return e
}

// of returns the first examples of the fingerprint's rule at its place.
func (e *examples) of(fp *audit.Fingerprint) []string {
	out := slices.Clone(e.by[[2]string{fp.Rule, fp.Pointer}])
	slices.SortFunc(out, byPlace)
	out = slices.Compact(out)
	return out[:min(len(out), e.n)]
}

// byPlace orders "file:line" examples as the report does: by file, then
// line number.
func byPlace(a, b string) int {
	fa, la := place(a)
	fb, lb := place(b)
	return cmp.Or(strings.Compare(fa, fb), cmp.Compare(la, lb))
}

func place(e string) (string, int) {
	i := strings.LastIndexByte(e, ':')
	if i < 0 {
		return e, 0
	}
	n, _ := strconv.Atoi(e[i+1:])
	return e[:i], n
}

func unionKeys[V any](a, b map[string]V) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func compareUptake(old, cur *audit.Report, o Options) Uptake {
	u := Uptake{Families: []*RateChange{}, Sources: []*RateChange{}, Appeared: []string{}, Disappeared: []string{}}
	for _, fam := range unionKeys(old.Families, cur.Families) {
		a, b := old.Families[fam], cur.Families[fam]
		if a == nil || b == nil {
			continue // its sources are listed as appeared or disappeared
		}
		u.Families = append(u.Families, rateChange(fam, fam, a, b))
	}
	for _, src := range unionKeys(old.Uptake, cur.Uptake) {
		a, b := old.Uptake[src], cur.Uptake[src]
		switch {
		case a == nil:
			u.Appeared = append(u.Appeared, src)
		case b == nil:
			u.Disappeared = append(u.Disappeared, src)
		default:
			u.Sources = append(u.Sources, rateChange(src, a.Family, a, b))
		}
	}
	// Families and sources are two families of tests: Holm corrects each
	// across what it compares.
	flag(u.Families, o.MinChange)
	flag(u.Sources, o.MinChange)
	return u
}

func rateChange(key, fam string, a, b *audit.Uptake) *RateChange {
	rc := &RateChange{Key: key, Family: fam, Old: a.Counts, New: b.Counts}
	if a.SuccessRate != nil && b.SuccessRate != nil {
		d := *b.SuccessRate - *a.SuccessRate
		rc.Change = &d
	}
	t := &Test{Basis: "reports", OldSuccess: a.Success, OldTrials: a.Success + a.Failure,
		NewSuccess: b.Success, NewTrials: b.Success + b.Failure}
	if byClients(a) && byClients(b) {
		t = &Test{Basis: "clients", OldSuccess: a.Clients.Rated - a.Clients.Failure, OldTrials: a.Clients.Rated,
			NewSuccess: b.Clients.Rated - b.Clients.Failure, NewTrials: b.Clients.Rated}
	}
	if t.OldTrials == 0 || t.NewTrials == 0 {
		return rc
	}
	t.Difference, t.Low, t.High, t.Z, t.P = twoProportion(t.OldSuccess, t.OldTrials, t.NewSuccess, t.NewTrials)
	// Nine decimals are more than the method's precision, and keep the
	// JSON the same where a platform fuses a multiply and an add.
	for _, f := range []*float64{&t.Difference, &t.Low, &t.High, &t.Z, &t.P} {
		*f = math.Round(*f*1e9) / 1e9
	}
	rc.Test = t
	return rc
}

// byClients says a side's test counts clients: every record carries a
// client ID, and some client reported a success or failure.
func byClients(u *audit.Uptake) bool {
	return u.Clients.Unidentified == 0 && u.Clients.Rated > 0
}

// flag adjusts the p-values of the tests of one group and flags the
// significant changes.
func flag(rcs []*RateChange, minChange float64) {
	var ps []float64
	var tested []*RateChange
	for _, rc := range rcs {
		if rc.Test != nil {
			ps = append(ps, rc.Test.P)
			tested = append(tested, rc)
		}
	}
	for i, adj := range holm(ps) {
		t := tested[i].Test
		t.PHolm = adj
		// A tiny epsilon keeps a change of exactly MinChange (0.95 →
		// 0.93) from failing on float rounding.
		t.Significant = adj < 1-Confidence && abs(t.Difference) >= minChange-1e-12
		switch {
		case t.Significant && t.Difference < 0:
			tested[i].Flag = "drop"
		case t.Significant:
			tested[i].Flag = "rise"
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func compareStudies(old, cur *audit.Report) []*StudyChange {
	out := []*StudyChange{}
	for _, key := range unionKeys(old.Studies, cur.Studies) {
		a, b := old.Studies[key], cur.Studies[key]
		either := cmp.Or(b, a)
		sc := &StudyChange{Key: key, Object: either.Object, Slug: either.Slug, AddonID: either.AddonID, Old: side(a), New: side(b)}
		sh := StudyShifts{NewUnenrollReasons: []string{}, NewFailureReasons: []string{}, StoppedBranches: []string{}, NewBranches: []string{}}
		if a != nil && b != nil {
			sh.NewUnenrollReasons = onlyIn(b.Unenrollments, a.Unenrollments)
			sh.NewFailureReasons = onlyIn(b.EnrollFailures, a.EnrollFailures)
			sh.StoppedBranches = onlyIn(a.Branches, b.Branches)
			sh.NewBranches = onlyIn(b.Branches, a.Branches)
		}
		if b != nil && (b.Unenrollments["unknown"] > 0 || b.EnrollFailures["unknown"] > 0) &&
			(a == nil || a.Unenrollments["unknown"]+a.EnrollFailures["unknown"] == 0) {
			sh.UnknownReasons = true
		}
		sc.Shifts = sh
		sc.Changed = a == nil || b == nil || a.Enrollments != b.Enrollments || !mapsEqual(a.Branches, b.Branches) ||
			!mapsEqual(a.Unenrollments, b.Unenrollments) || !mapsEqual(a.EnrollFailures, b.EnrollFailures)
		out = append(out, sc)
	}
	return out
}

func side(st *audit.Study) *StudySide {
	if st == nil {
		return nil
	}
	return &StudySide{Enrollments: st.Enrollments, Branches: st.Branches, Unenrollments: st.Unenrollments, EnrollFailures: st.EnrollFailures}
}

// onlyIn lists the keys counted in a and not in b, sorted.
func onlyIn(a, b map[string]int) []string {
	out := []string{}
	for k, n := range a {
		if n > 0 && b[k] == 0 {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func mapsEqual(a, b map[string]int) bool {
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	for k, n := range b {
		if a[k] != n {
			return false
		}
	}
	return true
}

func compareCoverage(old, cur *audit.Report) CoverageChange {
	c := CoverageChange{}
	c.OldOnly = minus(old.Coverage.Seen, cur.Coverage.Seen)
	c.NewOnly = minus(cur.Coverage.Seen, old.Coverage.Seen)
	ou, nu := undocumented(old), undocumented(cur)
	c.NewUndocumented = minus(nu, ou)
	c.GoneUndocumented = minus(ou, nu)
	return c
}

// minus lists a's items that b lacks, in a's order.
func minus(a, b []string) []string {
	out := []string{}
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// undocumented lists the values of a report that the spec does not list:
// uptake statuses that stand for no documented constant (by family),
// study events and unenrollment reasons it does not list. Sorted.
func undocumented(r *audit.Report) []string {
	docs := map[string]bool{}
	for _, d := range rules.Documented() {
		docs[d] = true
	}
	set := map[string]bool{}
	for _, u := range r.Uptake {
		for status := range u.Statuses {
			documented := false
			for _, k := range rules.StatusConstants(u.Family, status) {
				documented = documented || docs["status:"+k]
			}
			if !documented {
				set["status:"+u.Family+"/"+status] = true
			}
		}
	}
	for _, st := range r.Studies {
		for ev := range st.Events {
			if !docs["event:"+ev] {
				set["event:"+ev] = true
			}
		}
		for reason := range st.Unenrollments {
			item := "reason:unenroll/" + st.Object + "/" + reason
			if reason != "(none)" && !docs[item] {
				set[item] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
