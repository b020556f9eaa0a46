package audit

import (
	"sort"
	"strconv"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// Version is the version of the JSON report; other formats render it.
const Version = 1

// Report is the audit summary. Its JSON form is the contract that the text,
// markdown and HTML renderings show.
type Report struct {
	Version int `json:"version"`
	// Uptake is keyed by source key.
	Uptake map[string]*Uptake `json:"uptake"`
	// Studies is keyed by slug.
	Studies map[string]*Study `json:"studies"`
	// Findings counts diagnostics per rule, for the rules that fired.
	Findings map[string]int `json:"findings"`
	// Severities counts diagnostics per severity.
	Severities map[string]int `json:"severities"`
	// Locations groups findings by rule and pointer template (array
	// indexes wildcarded), most frequent first.
	Locations []*Location `json:"locations"`
	Coverage  Coverage    `json:"coverage"`
	Summary   Summary     `json:"summary"`
}

// Uptake is the uptake of one source key. Totals count occurrences: a
// histogram bucket of 3 counts 3.
type Uptake struct {
	Family string `json:"family"`
	Total  int    `json:"total"`
	// Statuses counts by wire status (a spec constant given as a status
	// is counted under the wire string Firefox sends for it); statuses
	// that are not valid are counted under their own string.
	Statuses    map[string]int `json:"statuses"`
	SuccessRate float64        `json:"success_rate"`
}

// Study is what the records say of one study, rollout or experiment.
type Study struct {
	Object         string         `json:"object"`
	Enrollments    int            `json:"enrollments"`
	Branches       map[string]int `json:"branches"`
	Unenrollments  map[string]int `json:"unenrollments"`
	EnrollFailures map[string]int `json:"enroll_failures"`
}

// Location is a group of findings of one rule at one pointer template.
type Location struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Pointer  string   `json:"pointer"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// Coverage says which documented statuses, events and reasons occurred.
type Coverage struct {
	Documented int      `json:"documented"`
	Seen       []string `json:"seen"`
	Unseen     []string `json:"unseen"`
}

// Summary repeats the run's counts.
type Summary struct {
	Files           int `json:"files"`
	UnreadableFiles int `json:"unreadable_files"`
	Records         int `json:"records"`
	NormandyRecords int `json:"normandy_records"`
	SkippedRecords  int `json:"skipped_records"`
}

// Builder collects a report: it is the engine's Observer (records) and a
// Reporter (diagnostics).
type Builder struct {
	examples  int
	report    Report
	seen      map[string]bool
	addonSlug map[string]string
	locations map[[2]string]*Location
}

// NewBuilder keeps up to examples file:line examples per location group.
func NewBuilder(examples int) *Builder {
	return &Builder{
		examples: examples,
		report: Report{Version: Version, Uptake: map[string]*Uptake{}, Studies: map[string]*Study{},
			Findings: map[string]int{}, Severities: map[string]int{}},
		seen:      map[string]bool{},
		addonSlug: map[string]string{},
		locations: map[[2]string]*Location{},
	}
}

// Observe implements lint.Observer.
func (b *Builder) Observe(r *lint.Record, _ string) {
	switch r.Kind {
	case lint.KindUptake:
		b.uptake(r)
	case lint.KindEvent:
		b.event(r)
	}
}

func (b *Builder) uptake(r *lint.Record) {
	source, ok := r.Str("source")
	if !ok {
		source = "(no source)"
	}
	status, ok := r.Str("status")
	if !ok {
		status = "(no status)"
	}
	n := max(r.Count, 1)
	fam := rules.Family(source)
	// Values from the input are shown cut and redacted (lint.Shown): a
	// report is attached to bugs, and must not carry personal data.
	u := b.report.Uptake[lint.Shown(source)]
	if u == nil {
		u = &Uptake{Family: fam, Statuses: map[string]int{}}
		b.report.Uptake[lint.Shown(source)] = u
	}
	wire := rules.WireStatus(fam, status)
	u.Statuses[lint.Shown(wire)] += n
	u.Total += n
	u.SuccessRate = float64(u.Statuses["success"]) / float64(u.Total)
	for _, c := range rules.StatusConstants(fam, status) {
		b.seen["status:"+c] = true
	}
}

func (b *Builder) event(r *lint.Record) {
	method, _ := r.Str("method")
	object, _ := r.Str("object")
	b.seen["event:"+method+"/"+object] = true
	reason, hasReason := r.ExtraStr("reason")
	if hasReason {
		b.seen["reason:"+method+"/"+object+"/"+reason] = true
	}
	slug, _ := r.Str("value")
	addonID, _ := r.ExtraStr("addonId")
	switch method {
	case "enroll":
		if slug == "" {
			return
		}
		st := b.study(slug, object)
		st.Enrollments++
		branch, ok := r.ExtraStr("branch")
		if !ok {
			branch = "(none)"
		}
		st.Branches[lint.Shown(branch)]++
		if object == "addon_study" && addonID != "" && addonID != "__NO_ADDON__" {
			b.addonSlug[addonID] = slug
		}
	case "unenroll":
		if object == "addon_study" {
			// The unenroll value is the study's name; its add-on pairs it
			// with the slug its enrollment carried.
			if s, ok := b.addonSlug[addonID]; ok {
				slug = s
			}
		}
		if slug == "" {
			return
		}
		if !hasReason {
			reason = "(none)"
		}
		b.study(slug, object).Unenrollments[lint.Shown(reason)]++
	case "enrollFailed":
		if slug == "" {
			return
		}
		if !hasReason {
			reason = "(none)"
		}
		b.study(slug, object).EnrollFailures[lint.Shown(reason)]++
	}
}

func (b *Builder) study(slug, object string) *Study {
	slug = lint.Shown(slug)
	st := b.report.Studies[slug]
	if st == nil {
		st = &Study{Object: object, Branches: map[string]int{}, Unenrollments: map[string]int{}, EnrollFailures: map[string]int{}}
		b.report.Studies[slug] = st
	}
	return st
}

// Start implements lint.Reporter.
func (b *Builder) Start(lint.RunInfo) error { return nil }

// Diagnostic implements lint.Reporter.
func (b *Builder) Diagnostic(d *lint.Diagnostic) error {
	if d.Waived {
		return nil // accepted by a waiver: not a finding of the audit
	}
	b.report.Findings[d.Rule]++
	b.report.Severities[d.Severity.String()]++
	tmpl := lint.PointerTemplate(d.Pointer, lint.TemplateIndexes)
	key := [2]string{d.Rule, tmpl}
	loc := b.locations[key]
	if loc == nil {
		loc = &Location{Rule: d.Rule, Severity: d.Severity.String(), Pointer: tmpl, Examples: []string{}}
		b.locations[key] = loc
	}
	loc.Count++
	if len(loc.Examples) < b.examples {
		loc.Examples = append(loc.Examples, d.File+":"+strconv.Itoa(d.Line))
	}
	return nil
}

// File implements lint.Reporter.
func (b *Builder) File(lint.FileResult) error { return nil }

// Finish implements lint.Reporter: the report is complete.
func (b *Builder) Finish(s lint.Summary) error {
	b.report.Summary = Summary{Files: s.Files, UnreadableFiles: s.Unreadable, Records: s.Records,
		NormandyRecords: s.NormandyRecords, SkippedRecords: s.SkippedRecords}
	return nil
}

// Report returns the finished report.
func (b *Builder) Report() *Report {
	r := &b.report
	r.Locations = r.Locations[:0]
	for _, l := range b.locations {
		r.Locations = append(r.Locations, l)
	}
	sort.Slice(r.Locations, func(i, j int) bool {
		a, c := r.Locations[i], r.Locations[j]
		if a.Count != c.Count {
			return a.Count > c.Count
		}
		if a.Rule != c.Rule {
			return a.Rule < c.Rule
		}
		return a.Pointer < c.Pointer
	})
	docs := rules.Documented()
	r.Coverage = Coverage{Documented: len(docs), Seen: []string{}, Unseen: []string{}}
	for _, d := range docs {
		if b.seen[d] {
			r.Coverage.Seen = append(r.Coverage.Seen, d)
		} else {
			r.Coverage.Unseen = append(r.Coverage.Unseen, d)
		}
	}
	return r
}
