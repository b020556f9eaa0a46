package audit

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/normlint/normlint/rules"
)

// Merge adds the report of another part of the input (a shard of the
// files, of the clients) to r. Merging is order-independent: the parts
// of an input merge, in any order, into the report of the whole input,
// provided that the records of one study that the lifecycle rules follow
// are in one part, as they must be for those rules anyway. Coverage is the
// union of the parts', location examples the first by file name and line.
func (r *Report) Merge(o *Report) {
	r.ensure()
	r.Examples = max(r.Examples, o.Examples)
	if r.Families == nil {
		r.Families = map[string]*Uptake{}
	}
	for fam, f := range o.Families {
		if r.Families[fam] == nil {
			r.Families[fam] = &Uptake{}
		}
		r.Families[fam].Clients.merge(f.Clients)
	}
	for k, u := range o.Uptake {
		if r.Uptake[k] == nil {
			r.Uptake[k] = newUptake(u.Family)
		}
		r.Uptake[k].merge(u)
	}
	for k, st := range o.Studies {
		if r.Studies[k] == nil {
			r.Studies[k] = &Study{Object: st.Object, AddonID: st.AddonID, Branches: map[string]int{},
				Unenrollments: map[string]int{}, EnrollFailures: map[string]int{}, Events: map[string]int{}}
		}
		r.Studies[k].merge(st)
	}
	addCounts(r.Findings, o.Findings)
	addCounts(r.Severities, o.Severities)
	locs := map[[2]string]*Location{}
	for _, l := range r.Locations {
		locs[[2]string{l.Rule, l.Pointer}] = l
	}
	for _, l := range o.Locations {
		have := locs[[2]string{l.Rule, l.Pointer}]
		if have == nil {
			have = &Location{Rule: l.Rule, Severity: l.Severity, Pointer: l.Pointer, Examples: []string{}}
			locs[[2]string{l.Rule, l.Pointer}] = have
			r.Locations = append(r.Locations, have)
		}
		have.Count += l.Count
		for _, e := range l.Examples {
			have.Examples = addExample(have.Examples, e, r.Examples)
		}
	}
	fps := map[[3]string]*Fingerprint{}
	for _, f := range r.Fingerprints {
		fps[[3]string{f.Rule, f.Pointer, f.Identity}] = f
	}
	for _, f := range o.Fingerprints {
		have := fps[[3]string{f.Rule, f.Pointer, f.Identity}]
		if have == nil {
			c := *f
			c.Count = 0
			have = &c
			fps[[3]string{f.Rule, f.Pointer, f.Identity}] = have
			r.Fingerprints = append(r.Fingerprints, have)
		}
		have.Count += f.Count
	}
	r.Coverage.Seen = append(r.Coverage.Seen, o.Coverage.Seen...)
	if o.Time != nil {
		if r.Time == nil {
			r.Time = &Timeline{}
		}
		r.Time.Merge(o.Time)
	}
	r.Summary.Files += o.Summary.Files
	r.Summary.UnreadableFiles += o.Summary.UnreadableFiles
	r.Summary.Records += o.Summary.Records
	r.Summary.NormandyRecords += o.Summary.NormandyRecords
	r.Summary.SkippedRecords += o.Summary.SkippedRecords
	r.finish()
}

// ensure makes the maps of a report (one decoded from JSON, say).
func (r *Report) ensure() {
	r.Version = Version
	if r.Uptake == nil {
		r.Uptake = map[string]*Uptake{}
	}
	if r.Studies == nil {
		r.Studies = map[string]*Study{}
	}
	if r.Findings == nil {
		r.Findings = map[string]int{}
	}
	if r.Severities == nil {
		r.Severities = map[string]int{}
	}
}

func addCounts(to, from map[string]int) {
	for k, n := range from {
		to[k] += n
	}
}

func (u *Uptake) merge(o *Uptake) {
	addCounts(u.Statuses, o.Statuses)
	u.Total += o.Total
	u.Counts.merge(&o.Counts)
	for s, rule := range o.InvalidRules {
		u.InvalidRules[s] = rule
	}
	u.Clients.merge(o.Clients)
}

func (st *Study) merge(o *Study) {
	if st.AddonID == "" {
		st.Slug = o.Slug
	} else if o.Slug != "" {
		st.Slug = pickSlug(st.Slug, st.Enrollments > 0, o.Slug, o.Enrollments > 0)
	}
	st.Enrollments += o.Enrollments
	addCounts(st.Branches, o.Branches)
	addCounts(st.Unenrollments, o.Unenrollments)
	addCounts(st.EnrollFailures, o.EnrollFailures)
	addCounts(st.Events, o.Events)
}

// Merge adds another part's timeline to t.
func (t *Timeline) Merge(o *Timeline) {
	if t.Uptake == nil {
		t.Uptake, t.Studies, t.Findings = map[string]map[string]*Counts{}, map[string]map[string]*StudyCounts{}, map[string]map[string]int{}
	}
	if o.Unit != "" {
		switch t.Unit {
		case "":
			t.Unit, t.First, t.Last = o.Unit, o.First, o.Last
		default:
			t.First = minTime(t.First, o.First)
			t.Last = maxTime(t.Last, o.Last)
			if t.Unit != o.Unit || t.span() >= hourSpan {
				t.toDays()
			}
		}
	}
	bucket := func(b string) string { return b }
	if t.Unit == "day" {
		bucket = dayOf
	}
	for fam, m := range o.Uptake {
		if t.Uptake[fam] == nil {
			t.Uptake[fam] = map[string]*Counts{}
		}
		mergeBuckets(t.Uptake[fam], m, bucket, (*Counts).merge)
	}
	for key, m := range o.Studies {
		if t.Studies[key] == nil {
			t.Studies[key] = map[string]*StudyCounts{}
		}
		mergeBuckets(t.Studies[key], m, bucket, (*StudyCounts).merge)
	}
	for rule, m := range o.Findings {
		if t.Findings[rule] == nil {
			t.Findings[rule] = map[string]int{}
		}
		for b, n := range m {
			t.Findings[rule][bucket(b)] += n
		}
	}
	t.TimedRecords += o.TimedRecords
	t.UntimedRecords += o.UntimedRecords
	t.UntimedFindings += o.UntimedFindings
	t.normalize()
}

func parseInstant(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func minTime(a, b string) string {
	if parseInstant(b).Before(parseInstant(a)) {
		return b
	}
	return a
}

func maxTime(a, b string) string {
	if parseInstant(b).After(parseInstant(a)) {
		return b
	}
	return a
}

// example splits a "file:line" example.
func example(e string) (string, int) {
	i := strings.LastIndexByte(e, ':')
	if i < 0 {
		return e, 0
	}
	n, _ := strconv.Atoi(e[i+1:])
	return e[:i], n
}

func compareExamples(a, b string) int {
	fa, la := example(a)
	fb, lb := example(b)
	return cmp.Or(strings.Compare(fa, fb), cmp.Compare(la, lb))
}

// addExample keeps the first n examples by file name and line.
func addExample(es []string, e string, n int) []string {
	if n <= 0 {
		return es
	}
	i, _ := slices.BinarySearchFunc(es, e, compareExamples)
	if i >= n {
		return es
	}
	es = slices.Insert(es, i, e)
	if len(es) > n {
		es = es[:n]
	}
	return es
}

// finish works out what follows from the counts: rates, family sums,
// coverage, the order of lists. A family's clients are not the sum of its
// sources' (a client of two sources is one client of the family): they
// are kept from r.Families.
func (r *Report) finish() {
	clients := map[string]Clients{}
	for fam, f := range r.Families {
		clients[fam] = f.Clients
	}
	r.Families = map[string]*Uptake{}
	for _, u := range r.Uptake {
		u.SuccessRate = rate(u.Success, u.Failure)
		f := r.Families[u.Family]
		if f == nil {
			f = newUptake(u.Family)
			r.Families[u.Family] = f
		}
		f.merge(u)
	}
	for fam, f := range r.Families {
		f.SuccessRate = rate(f.Success, f.Failure)
		f.Clients = clients[fam]
	}
	if r.Locations == nil {
		r.Locations = []*Location{}
	}
	slices.SortFunc(r.Locations, func(a, c *Location) int {
		return cmp.Or(cmp.Compare(c.Count, a.Count), strings.Compare(a.Rule, c.Rule), strings.Compare(a.Pointer, c.Pointer))
	})
	if r.Fingerprints == nil {
		r.Fingerprints = []*Fingerprint{}
	}
	for _, f := range r.Fingerprints {
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + f.Pointer + "\x00" + f.Identity))
		f.ID = hex.EncodeToString(sum[:8])
	}
	slices.SortFunc(r.Fingerprints, func(a, c *Fingerprint) int {
		return cmp.Or(strings.Compare(a.Rule, c.Rule), strings.Compare(a.Pointer, c.Pointer), strings.Compare(a.Identity, c.Identity))
	})
	seen := map[string]bool{}
	for _, s := range r.Coverage.Seen {
		seen[s] = true
	}
	docs := rules.Documented()
	r.Coverage = Coverage{Documented: len(docs), Seen: []string{}, Unseen: []string{}}
	for _, d := range docs {
		if seen[d] {
			r.Coverage.Seen = append(r.Coverage.Seen, d)
		} else {
			r.Coverage.Unseen = append(r.Coverage.Unseen, d)
		}
	}
	if r.Time == nil {
		r.Time = newTimeBuilder().timeline()
	}
}
