package audit

import (
	"sort"
	"strings"
	"time"
)

// This file is the one place where the HTML page reads the Report: it
// turns the model into the plain rows that the page's charts and tables
// draw (pageModel). When the model changes, only this file follows.

// Uptake outcome classes, as the page colours and counts them.
const (
	classSuccess     = "success"
	classNotTargeted = "not-targeted"
	classFailure     = "failure"
	classInvalid     = "invalid"
)

// outcomeNames name the classes for a reader, in the order bars stack them.
var outcomeNames = []segment{
	{Name: "success", Class: classSuccess},
	{Name: "not targeted", Class: classNotTargeted},
	{Name: "failure", Class: classFailure},
	{Name: "invalid status", Class: classInvalid},
}

// uptakeClass is the page's class of a wire status of a family: the
// report's own classification (Classify), named for CSS.
func uptakeClass(fam, status string) string {
	return pageClass(Classify(fam, status).Class)
}

// pageClass names a report class for the page's CSS and segments.
func pageClass(c Class) string {
	switch c {
	case ClassSuccess:
		return classSuccess
	case ClassNotTargeted:
		return classNotTargeted
	case ClassFailure:
		return classFailure
	}
	return classInvalid
}

// outcomeOf is the page's outcome of the report's class counts.
func outcomeOf(c Counts) outcome {
	return outcome{Success: c.Success, NotTargeted: c.NotTargeted, Failure: c.Failure, Invalid: c.Invalid}
}

// outcome counts uptake reports by class.
type outcome struct {
	Success, NotTargeted, Failure, Invalid int
}

func (o *outcome) add(class string, n int) {
	switch class {
	case classSuccess:
		o.Success += n
	case classNotTargeted:
		o.NotTargeted += n
	case classFailure:
		o.Failure += n
	default:
		o.Invalid += n
	}
}

// Total counts every report.
func (o outcome) Total() int { return o.Success + o.NotTargeted + o.Failure + o.Invalid }

// SuccessRate is success ÷ (success + failure): a client that was not
// targeted did not fail, and an invalid status says nothing either way.
func (o outcome) SuccessRate() string { return percent(o.Success, o.Success+o.Failure) }

// failureShare orders sources: failure ÷ (success + failure).
func (o outcome) failureShare() float64 {
	if o.Success+o.Failure == 0 {
		return 0
	}
	return float64(o.Failure) / float64(o.Success+o.Failure)
}

func (o outcome) segments() []segment {
	return []segment{
		{Name: "success", Class: classSuccess, Value: o.Success},
		{Name: "not targeted", Class: classNotTargeted, Value: o.NotTargeted},
		{Name: "failure", Class: classFailure, Value: o.Failure},
		{Name: "invalid status", Class: classInvalid, Value: o.Invalid},
	}
}

// familyBlock is one source family's statuses.
type familyBlock struct {
	ID       string // for element ids: runner, action, recipe, other
	Name     string
	Outcome  outcome
	Statuses []statusLine
}

type statusLine struct {
	Name  string // the wire status with the constants it stands for
	Class string
	Label string // the class for a reader
	Count int
	Share string
}

// sourceLine is one source key, with its outcome.
type sourceLine struct {
	Source  string
	Family  string
	Outcome outcome
	// Failures and Invalid list the failing and the invalid statuses.
	Failures string
	Invalid  string
}

// studyLine is one study's funnel.
type studyLine struct {
	Slug, Object            string
	Enrolled, Still         int
	Unenrolled, Failed      int
	Reasons, FailureReasons string
	Branches                string
	// ByReason counts the unenrollments by reason.
	ByReason map[string]int
	Unknown  int // unenrollments and failures with reason "unknown"
}

// ruleLine is one rule's findings by severity.
type ruleLine struct {
	Rule                    string
	Errors, Warnings, Infos int
}

// Total counts the rule's findings.
func (r ruleLine) Total() int { return r.Errors + r.Warnings + r.Infos }

// Severity is the rule's worst severity.
func (r ruleLine) Severity() string {
	switch {
	case r.Errors > 0:
		return "error"
	case r.Warnings > 0:
		return "warning"
	}
	return "info"
}

// locationLine is one group of findings at a pointer template.
type locationLine struct {
	Rule, Severity string
	Pointer        string // "" for the whole value
	Words          string // the pointer for a reader
	Count          int
	Examples       []string // file:line
}

// pageModel is everything the page shows.
type pageModel struct {
	Files, Unreadable, Records, Normandy, Skipped int
	Errors, Warnings, Infos                       int

	Families   []familyBlock
	Uptake     outcome // all families together
	UptakeTime timeChart
	Sources    []sourceLine // worst first
	Studies    []studyLine  // worst first
	Rules      []ruleLine   // errors first, then by count
	Locations  []locationLine
	// MoreLocations counts the location groups the page leaves out.
	MoreLocations int
	// Unknown lists the studies with reasons "unknown", which the spec
	// calls a bug.
	Unknown []string

	CoverageSeen, CoverageDocumented int
	Unseen                           []string
}

// pageFromReport computes the page's rows from the report.
func pageFromReport(r *Report) pageModel {
	m := pageModel{
		Files: r.Summary.Files, Unreadable: r.Summary.UnreadableFiles, Records: r.Summary.Records,
		Normandy: r.Summary.NormandyRecords, Skipped: r.Summary.SkippedRecords,
		Errors: r.Severities["error"], Warnings: r.Severities["warning"], Infos: r.Severities["info"],
		CoverageSeen: len(r.Coverage.Seen), CoverageDocumented: r.Coverage.Documented, Unseen: r.Coverage.Unseen,
	}
	for _, fam := range families(r) {
		_, statuses, sources := familyTotals(r, fam)
		b := familyBlock{ID: familyID(fam), Name: familyLabel(fam)}
		for _, s := range byCount(statuses) {
			b.Outcome.add(uptakeClass(fam, s), statuses[s])
		}
		total := b.Outcome.Total()
		for _, s := range byCount(statuses) {
			class := uptakeClass(fam, s)
			b.Statuses = append(b.Statuses, statusLine{Name: statusName(fam, s), Class: class, Label: classLabel(class),
				Count: statuses[s], Share: percent(statuses[s], total)})
		}
		m.Families = append(m.Families, b)
		for _, src := range sources {
			u := r.Uptake[src]
			line := sourceLine{Source: src, Family: familyLabel(fam)}
			fails, invalid := map[string]int{}, map[string]int{}
			for s, n := range u.Statuses {
				class := uptakeClass(fam, s)
				line.Outcome.add(class, n)
				switch class {
				case classFailure:
					fails[statusName(fam, s)] = n
				case classInvalid:
					invalid[s] = n
				}
			}
			line.Outcome = outcomeOf(u.Counts)
			line.Failures, line.Invalid = counts(fails, identity), counts(invalid, identity)
			m.Sources = append(m.Sources, line)
		}
	}
	for _, b := range m.Families {
		o := b.Outcome
		m.Uptake.add(classSuccess, o.Success)
		m.Uptake.add(classNotTargeted, o.NotTargeted)
		m.Uptake.add(classFailure, o.Failure)
		m.Uptake.add(classInvalid, o.Invalid)
	}
	sort.SliceStable(m.Sources, func(i, j int) bool {
		a, b := m.Sources[i].Outcome, m.Sources[j].Outcome
		if a.failureShare() != b.failureShare() {
			return a.failureShare() > b.failureShare()
		}
		if a.Invalid != b.Invalid {
			return a.Invalid > b.Invalid
		}
		if a.Failure != b.Failure {
			return a.Failure > b.Failure
		}
		if a.Total() != b.Total() {
			return a.Total() > b.Total()
		}
		return m.Sources[i].Source < m.Sources[j].Source
	})
	m.UptakeTime = uptakeTimeChart(r)

	for _, key := range sortedKeys(r.Studies) {
		st := r.Studies[key]
		unenrolled, failed := sum(st.Unenrollments), sum(st.EnrollFailures)
		slug := st.Slug
		if st.AddonID != "" {
			slug += " (add-on " + st.AddonID + ")"
		}
		m.Studies = append(m.Studies, studyLine{
			Slug: slug, Object: st.Object, Enrolled: st.Enrollments, Still: max(st.Enrollments-unenrolled, 0),
			Unenrolled: unenrolled, Failed: failed,
			Reasons: counts(st.Unenrollments, reasonLabel), FailureReasons: counts(st.EnrollFailures, reasonLabel),
			Branches: counts(st.Branches, identity), ByReason: st.Unenrollments, Unknown: st.Unenrollments["unknown"] + st.EnrollFailures["unknown"],
		})
	}
	sort.SliceStable(m.Studies, func(i, j int) bool {
		a, b := m.Studies[i], m.Studies[j]
		switch {
		case a.Unknown != b.Unknown:
			return a.Unknown > b.Unknown
		case a.Failed != b.Failed:
			return a.Failed > b.Failed
		case a.Unenrolled != b.Unenrolled:
			return a.Unenrolled > b.Unenrolled
		case a.Enrolled != b.Enrolled:
			return a.Enrolled > b.Enrolled
		case a.Slug != b.Slug:
			return a.Slug < b.Slug
		}
		return a.Object < b.Object
	})
	m.Unknown = unknownReasons(r)

	byRule := map[string]*ruleLine{}
	for _, l := range r.Locations {
		rl := byRule[l.Rule]
		if rl == nil {
			rl = &ruleLine{Rule: l.Rule}
			byRule[l.Rule] = rl
		}
		switch l.Severity {
		case "error":
			rl.Errors += l.Count
		case "warning":
			rl.Warnings += l.Count
		default:
			rl.Infos += l.Count
		}
	}
	for _, rl := range byRule {
		m.Rules = append(m.Rules, *rl)
	}
	sort.Slice(m.Rules, func(i, j int) bool {
		a, b := m.Rules[i], m.Rules[j]
		if severityRank(a.Severity()) != severityRank(b.Severity()) {
			return severityRank(a.Severity()) < severityRank(b.Severity())
		}
		if a.Total() != b.Total() {
			return a.Total() > b.Total()
		}
		return a.Rule < b.Rule
	})
	for i, l := range r.Locations {
		if i == maxLocations {
			m.MoreLocations = len(r.Locations) - maxLocations
			break
		}
		m.Locations = append(m.Locations, locationLine{Rule: l.Rule, Severity: l.Severity, Pointer: l.Pointer,
			Words: pointerWords(l.Pointer), Count: l.Count, Examples: l.Examples})
	}
	return m
}

func familyID(f string) string {
	if f == "" {
		return "other"
	}
	return f
}

func severityRank(s string) int {
	switch s {
	case "error":
		return 0
	case "warning":
		return 1
	}
	return 2
}

// classLabel names an outcome class for a reader.
func classLabel(class string) string {
	for _, o := range outcomeNames {
		if o.Class == class {
			return o.Name
		}
	}
	return class
}

// pointerWords says where a pointer template points, for a reader who does
// not read JSON pointers: "/*/4" is "any item › item 4", "/a~1b" is "a/b".
// A plain path of names ("/extra/reason") says it well enough: "".
func pointerWords(p string) string {
	if p == "" {
		return "the whole record"
	}
	plain := true
	for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if seg == "*" || isIndex(seg) || strings.Contains(seg, "~") {
			plain = false
		}
	}
	if plain {
		return ""
	}
	var parts []string
	for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch {
		case seg == "*":
			parts = append(parts, "any item")
		case isIndex(seg):
			parts = append(parts, "item "+seg)
		default:
			parts = append(parts, cutLabel(seg))
		}
	}
	return strings.Join(parts, " › ")
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// uptakeTimeChart draws the timeline's success rate per family: one point
// per bucket where the family has a success or a failure.
func uptakeTimeChart(r *Report) timeChart {
	c := timeChart{ID: "chart-uptake-time", Title: "Uptake success rate per family over time",
		Empty: "No time data: no uptake record of these inputs carries a usable time, so the success rate over time cannot be drawn."}
	t := r.Time
	if t == nil || t.Unit == "" {
		return c
	}
	c.Hourly = t.Unit == "hour"
	layout := dayLayout
	if c.Hourly {
		layout = hourLayout
	}
	fams := make([]string, 0, len(t.Uptake))
	for fam := range t.Uptake {
		fams = append(fams, fam)
	}
	for _, fam := range familyOrder(fams) {
		sr := series{Name: familyLabel(fam), Class: familyID(fam)}
		for _, bucket := range sortedKeys(t.Uptake[fam]) {
			k := t.Uptake[fam][bucket]
			at, err := time.Parse(layout, bucket)
			if err != nil || k.SuccessRate == nil {
				continue
			}
			sr.Points = append(sr.Points, point{T: at, Rate: *k.SuccessRate, N: k.Success + k.Failure})
		}
		if len(sr.Points) > 0 {
			c.Series = append(c.Series, sr)
		}
	}
	return c
}
