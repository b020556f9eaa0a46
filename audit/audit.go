package audit

import (
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// Version is the version of the JSON report; other formats render it.
// Version 2 classifies uptake statuses, keys studies by their identity,
// puts raw counts beside every rate, and adds fingerprints, the timeline
// and what merging needs (docs/report.md lists the changes).
const Version = 2

// Report is the audit summary. Its JSON form is the contract that the text,
// markdown and HTML renderings show. Reports of shards of an input merge
// (Merge) into the report of the whole input.
type Report struct {
	Version int `json:"version"`
	// Examples is how many examples each location group keeps.
	Examples int `json:"examples"`
	// Uptake is keyed by source key.
	Uptake map[string]*Uptake `json:"uptake"`
	// Families sums Uptake per source family ("" for sources of none).
	Families map[string]*Uptake `json:"families"`
	// Studies is keyed by study (Study.Key).
	Studies map[string]*Study `json:"studies"`
	// Findings counts diagnostics per rule, for the rules that fired.
	Findings map[string]int `json:"findings"`
	// Severities counts diagnostics per severity.
	Severities map[string]int `json:"severities"`
	// Locations groups findings by rule and pointer template (array
	// indexes wildcarded), most frequent first.
	Locations []*Location `json:"locations"`
	// Fingerprints groups findings by what they are about, whatever file
	// holds them: two reports' fingerprints compare.
	Fingerprints []*Fingerprint `json:"fingerprints"`
	Coverage     Coverage       `json:"coverage"`
	// Time is the timeline of the records that carry a time.
	Time    *Timeline `json:"time"`
	Summary Summary   `json:"summary"`
}

// Uptake is the uptake of one source key, or of a family. Totals count
// occurrences: a histogram bucket of 3 counts 3.
type Uptake struct {
	Family string `json:"family"`
	Total  int    `json:"total"`
	// Statuses counts by wire status (a spec constant given as a status
	// is counted under the wire string Firefox sends for it); statuses
	// that are not valid are counted under their own string.
	Statuses map[string]int `json:"statuses"`
	// Counts counts the statuses by class (Classify; they sum to Total)
	// with the success rate.
	Counts
	// InvalidRules names the rule that flags each invalid status.
	InvalidRules map[string]string `json:"invalid_rules"`
	// Clients counts distinct clients, for statistics on clients rather
	// than on reports (one client's reports are not independent).
	Clients Clients `json:"clients"`
}

// Study is what the records say of one study, rollout or experiment, as
// the lifecycle rules identify it: its object family (a rollback is its
// rollout's) and slug, or for an add-on study its add-on ID.
type Study struct {
	// Object is the study's object family: a rollback's is its rollout's.
	Object string `json:"object"`
	// Slug is the study's slug; for an add-on study paired by add-on ID,
	// the slug its enrollments carry (or, without one, the least value
	// its other events carry: the study's name).
	Slug string `json:"slug"`
	// AddonID is set for an add-on study paired by add-on ID.
	AddonID        string         `json:"addon_id,omitempty"`
	Enrollments    int            `json:"enrollments"`
	Branches       map[string]int `json:"branches"`
	Unenrollments  map[string]int `json:"unenrollments"`
	EnrollFailures map[string]int `json:"enroll_failures"`
	// Events counts every event of the study by method/object.
	Events map[string]int `json:"events"`
}

// Location is a group of findings of one rule at one pointer template.
type Location struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Pointer  string `json:"pointer"`
	Count    int    `json:"count"`
	// Examples are the first file:line places of the group, by file name
	// then line.
	Examples []string `json:"examples"`
}

// Fingerprint is a group of findings of one rule at one pointer template
// (list indexes of the record's place left out) about one record identity
// (study slug or uptake source, redacted like every value): no file name,
// so that it matches across shards, reformatted files and two captures.
type Fingerprint struct {
	// ID is a short hash of Rule, Pointer and Identity.
	ID       string `json:"id"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Pointer  string `json:"pointer"`
	Identity string `json:"identity"`
	Count    int    `json:"count"`
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
	report       Report
	seen         map[string]bool
	locations    map[[2]string]*Location
	fingerprints map[[3]string]*Fingerprint
	time         *timeBuilder
	// statuses caches what a (family, status) pair is.
	statuses map[[2]string]*statusInfo
	// clients holds, per source and per family, the classes each client
	// reported (a bit per class), by a hash of its ID: the IDs are never
	// kept.
	clients, familyClients map[string]map[uint64]uint8
	seed                   maphash.Seed
	// glean counts the Glean records (a Glean ping's, an events_stream
	// row's) apart: when the run finds the input mixes them with their
	// legacy mirror (the mirrored-pipelines finding), the report counts
	// the legacy pipeline alone, which holds every Firefox version's
	// events; otherwise they are merged in.
	glean    *Builder
	mirrored bool
}

// statusInfo is what the report needs of a status of a family.
type statusInfo struct {
	class Classification
	// shown is the wire status, as the report shows it.
	shown string
	// seen are the coverage items it stands for.
	seen []string
}

func (b *Builder) status(fam, status string) *statusInfo {
	if si := b.statuses[[2]string{fam, status}]; si != nil {
		return si
	}
	si := &statusInfo{class: Classify(fam, status), shown: lint.Shown(rules.WireStatus(fam, status))}
	for _, k := range rules.StatusConstants(fam, status) {
		si.seen = append(si.seen, "status:"+k)
	}
	if len(b.statuses) < maxStatuses {
		b.statuses[[2]string{fam, status}] = si
	}
	return si
}

// maxStatuses bounds the statuses cached: made-up statuses could be
// many.
const maxStatuses = 1024

// NewBuilder keeps up to examples file:line examples per location group.
func NewBuilder(examples int) *Builder {
	return &Builder{
		report:        *newReport(examples),
		seen:          map[string]bool{},
		locations:     map[[2]string]*Location{},
		fingerprints:  map[[3]string]*Fingerprint{},
		time:          newTimeBuilder(),
		statuses:      map[[2]string]*statusInfo{},
		clients:       map[string]map[uint64]uint8{},
		familyClients: map[string]map[uint64]uint8{},
		seed:          maphash.MakeSeed(),
	}
}

func newReport(examples int) *Report {
	return &Report{Version: Version, Examples: examples, Uptake: map[string]*Uptake{}, Families: map[string]*Uptake{},
		Studies: map[string]*Study{}, Findings: map[string]int{}, Severities: map[string]int{}}
}

// Observe implements lint.Observer.
func (b *Builder) Observe(r *lint.Record, file string) { b.ObserveNumbered(r, file, 0) }

// ObserveNumbered implements lint.NumberedObserver: n ties the record to
// its findings, for the timeline.
func (b *Builder) ObserveNumbered(r *lint.Record, file string, n int) {
	at, timed := r.Epoch()
	b.time.record(file, n, at, timed)
	to := b
	if r.Glean {
		if b.glean == nil {
			b.glean = NewBuilder(b.report.Examples)
		}
		to = b.glean
	}
	switch r.Kind {
	case lint.KindUptake:
		to.uptake(r, at, timed)
	case lint.KindEvent:
		to.event(r, at, timed)
	}
}

// ObserveRepeat implements lint.RepeatObserver: a record read again
// (duplicate-event) is not counted, but findings about it keep its time.
func (b *Builder) ObserveRepeat(r *lint.Record, file string, n int) {
	at, timed := r.Epoch()
	b.time.record(file, n, at, timed)
}

func newUptake(fam string) *Uptake {
	return &Uptake{Family: fam, Statuses: map[string]int{}, InvalidRules: map[string]string{}}
}

func (b *Builder) uptake(r *lint.Record, at int64, timed bool) {
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
		u = newUptake(fam)
		b.report.Uptake[lint.Shown(source)] = u
	}
	si := b.status(fam, status)
	u.add(si.shown, si.class, n)
	if r.ClientID == "" {
		u.Clients.Unidentified += n
	} else {
		h := maphash.String(b.seed, r.ClientID)
		addClient(b.clients, lint.Shown(source), h, si.class.Class)
		addClient(b.familyClients, fam, h, si.class.Class)
	}
	if timed {
		b.time.uptake(fam, at, si.class.Class, n)
	}
	for _, k := range si.seen {
		b.seen[k] = true
	}
}

// add counts n occurrences of a status of class c.
func (u *Uptake) add(status string, c Classification, n int) {
	u.Statuses[status] += n
	u.Total += n
	u.Counts.add(c.Class, n)
	if c.Class == ClassInvalid {
		u.InvalidRules[status] = c.Rule
	}
}

// rate is success ÷ (success + failure), nil when both are 0.
func rate(success, failure int) *float64 {
	if success+failure == 0 {
		return nil
	}
	r := float64(success) / float64(success+failure)
	return &r
}

func (b *Builder) event(r *lint.Record, at int64, timed bool) {
	method, _ := r.Str("method")
	object, _ := r.Str("object")
	// One string for the coverage item and the study's event key.
	item := "event:" + method + "/" + object
	b.seen[item] = true
	reason, hasReason := r.ExtraStr("reason")
	if hasReason {
		b.seen["reason:"+method+"/"+object+"/"+reason] = true
	}
	ev, ok := rules.LifecycleEventOf(r)
	if !ok {
		return // no study: no slug, nor add-on ID
	}
	key, st := b.study(&ev)
	st.Events[lint.Shown(item[len("event:"):])]++
	if !hasReason {
		reason = "(none)"
	}
	switch method {
	case "enroll":
		st.Enrollments++
		branch, ok := r.ExtraStr("branch")
		if !ok {
			branch = "(none)"
		}
		st.Branches[lint.Shown(branch)]++
	case "unenroll":
		st.Unenrollments[lint.Shown(reason)]++
	case "enrollFailed":
		st.EnrollFailures[lint.Shown(reason)]++
	default:
		return
	}
	if timed {
		b.time.study(key, method, at)
	}
}

// Start implements lint.Reporter.
func (b *Builder) Start(lint.RunInfo) error { return nil }

// Diagnostic implements lint.Reporter.
func (b *Builder) Diagnostic(d *lint.Diagnostic) error {
	if d.Waived {
		return nil // accepted by a waiver: not a finding of the audit
	}
	if d.Rule == rules.MirroredPipelines {
		b.mirrored = true
	}
	sev := d.Severity.String()
	b.report.Findings[d.Rule]++
	b.report.Severities[sev]++
	tmpl := lint.PointerTemplate(d.Pointer, lint.TemplateIndexes)
	key := [2]string{d.Rule, tmpl}
	loc := b.locations[key]
	if loc == nil {
		loc = &Location{Rule: d.Rule, Severity: sev, Pointer: tmpl, Examples: []string{}}
		b.locations[key] = loc
	}
	loc.Count++
	loc.Examples = addExample(loc.Examples, d.File+":"+strconv.Itoa(d.Line), b.report.Examples)
	// The record template is the index template without the leading list
	// indexes (lint.TemplateRecord), worked out from it without a copy.
	rtmpl := tmpl
	for strings.HasPrefix(rtmpl, "/*/") || rtmpl == "/*" {
		rtmpl = rtmpl[len("/*"):]
	}
	fkey := [3]string{d.Rule, rtmpl, lint.Shown(d.Identity)}
	fp := b.fingerprints[fkey]
	if fp == nil {
		fp = &Fingerprint{Rule: d.Rule, Severity: sev, Pointer: fkey[1], Identity: fkey[2]}
		b.fingerprints[fkey] = fp
	}
	fp.Count++
	b.time.finding(d.Rule, d.File, d.Record)
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
	r.Fingerprints = r.Fingerprints[:0]
	for _, f := range b.fingerprints {
		r.Fingerprints = append(r.Fingerprints, f)
	}
	r.Coverage = Coverage{Seen: []string{}}
	for _, d := range rules.Documented() {
		if b.seen[d] {
			r.Coverage.Seen = append(r.Coverage.Seen, d)
		}
	}
	r.Time = b.time.timeline()
	for src, cs := range b.clients {
		countClients(cs, &r.Uptake[src].Clients)
	}
	// The families' clients are counted from their own sets: a client of
	// two sources is one client of their family.
	fams := map[string]*Uptake{}
	for fam, cs := range b.familyClients {
		fams[fam] = &Uptake{}
		countClients(cs, &fams[fam].Clients)
	}
	for _, u := range r.Uptake {
		if fams[u.Family] == nil {
			fams[u.Family] = &Uptake{}
		}
		fams[u.Family].Clients.Unidentified += u.Clients.Unidentified
	}
	r.Families = fams
	r.finish()
	if b.glean != nil && !b.mirrored {
		r.Merge(b.glean.Report())
	}
	return r
}
