package audit

import (
	"time"
)

// Timeline is what the records that carry a time (lint.Record.Epoch) say
// over time, in UTC buckets of an hour when the records span less than two
// days, of a day otherwise. Buckets are named "2006-01-02T15" (hour) or
// "2006-01-02" (day); only buckets with records are listed.
type Timeline struct {
	// Unit is "hour", "day", or "" when no record carries a time.
	Unit string `json:"unit"`
	// First and Last are the earliest and latest times (RFC 3339, UTC,
	// milliseconds).
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	// TimedRecords and UntimedRecords count the Normandy records with a
	// usable time and without.
	TimedRecords   int `json:"timed_records"`
	UntimedRecords int `json:"untimed_records"`
	// Uptake counts, per family ("" for sources of none) and bucket, the
	// statuses by class, with the success rate.
	Uptake map[string]map[string]*Counts `json:"uptake"`
	// Studies counts, per study (Report.Studies' key) and bucket,
	// enrollments, unenrollments and enrollment failures.
	Studies map[string]map[string]*StudyCounts `json:"studies"`
	// Findings counts, per rule and bucket, the findings about a record
	// with a time; UntimedFindings the others (about a record without a
	// time, or about no record).
	Findings        map[string]map[string]int `json:"findings"`
	UntimedFindings int                       `json:"untimed_findings"`
}

// Counts counts uptake statuses by class.
type Counts struct {
	Success     int `json:"success"`
	NotTargeted int `json:"not_targeted"`
	Failure     int `json:"failure"`
	Invalid     int `json:"invalid"`
	// SuccessRate is Success ÷ (Success + Failure), null when both are 0.
	SuccessRate *float64 `json:"success_rate"`
}

// StudyCounts counts a study's events.
type StudyCounts struct {
	Enrollments    int `json:"enrollments"`
	Unenrollments  int `json:"unenrollments"`
	EnrollFailures int `json:"enroll_failures"`
}

// hourSpan is the span from which the timeline counts by day.
const hourSpan = 48 * time.Hour

// Bucket layouts.
const (
	hourLayout  = "2006-01-02T15"
	dayLayout   = "2006-01-02"
	instantForm = "2006-01-02T15:04:05.000Z07:00"
)

// maxPending bounds the record numbers a timeBuilder remembers for the
// findings still to come: a unit's findings follow its records, so only
// a unit of more records than that loses their times.
const maxPending = 1 << 12

// timeBuilder collects the timeline by hour (hours since the epoch).
type timeBuilder struct {
	t           Timeline
	first, last int64
	uptakes     map[string]map[int64]*Counts
	studies     map[string]map[int64]*StudyCounts
	findings    map[string]map[int64]int
	// pending and older map the record numbers of file to their hour (-1
	// without a time), for the findings that follow them.
	file           string
	pending, older map[int]int64
}

func newTimeBuilder() *timeBuilder {
	return &timeBuilder{uptakes: map[string]map[int64]*Counts{}, studies: map[string]map[int64]*StudyCounts{},
		findings: map[string]map[int64]int{}, pending: map[int]int64{}}
}

const hourMillis = int64(time.Hour / time.Millisecond)

// hourOf is the hour since the epoch of a time in milliseconds.
func hourOf(ms int64) int64 { return ms / hourMillis }

// hourName names an hour since the epoch as a bucket.
func hourName(h int64) string { return time.UnixMilli(h * hourMillis).UTC().Format(hourLayout) }

// record notes a record's time.
func (tb *timeBuilder) record(file string, n int, at int64, timed bool) {
	if !timed {
		tb.t.UntimedRecords++
		at = -1
	} else {
		if tb.t.TimedRecords == 0 || at < tb.first {
			tb.first = at
		}
		if tb.t.TimedRecords == 0 || at > tb.last {
			tb.last = at
		}
		tb.t.TimedRecords++
	}
	if n <= 0 {
		return
	}
	if file != tb.file {
		tb.file, tb.pending, tb.older = file, map[int]int64{}, nil
	} else if len(tb.pending) >= maxPending {
		tb.older, tb.pending = tb.pending, map[int]int64{}
	}
	tb.pending[n] = at
}

func (tb *timeBuilder) uptake(fam string, at int64, c Class, n int) {
	m := tb.uptakes[fam]
	if m == nil {
		m = map[int64]*Counts{}
		tb.uptakes[fam] = m
	}
	bucketOf(m, hourOf(at)).add(c, n)
}

func (c *Counts) add(class Class, n int) {
	switch class {
	case ClassSuccess:
		c.Success += n
	case ClassNotTargeted:
		c.NotTargeted += n
	case ClassFailure:
		c.Failure += n
	default:
		c.Invalid += n
	}
}

func (tb *timeBuilder) study(key, method string, at int64) {
	m := tb.studies[key]
	if m == nil {
		m = map[int64]*StudyCounts{}
		tb.studies[key] = m
	}
	sc := bucketOf(m, hourOf(at))
	switch method {
	case "enroll":
		sc.Enrollments++
	case "unenroll":
		sc.Unenrollments++
	case "enrollFailed":
		sc.EnrollFailures++
	}
}

// finding counts a finding at its record's time.
func (tb *timeBuilder) finding(rule, file string, n int) {
	at := int64(-1)
	if n > 0 && file == tb.file {
		if h, ok := tb.pending[n]; ok {
			at = h
		} else if h, ok := tb.older[n]; ok {
			at = h
		}
	}
	if at < 0 {
		tb.t.UntimedFindings++
		return
	}
	m := tb.findings[rule]
	if m == nil {
		m = map[int64]int{}
		tb.findings[rule] = m
	}
	m[hourOf(at)]++
}

// timeline returns the finished timeline.
func (tb *timeBuilder) timeline() *Timeline {
	t := tb.t
	t.Uptake, t.Studies, t.Findings = map[string]map[string]*Counts{}, map[string]map[string]*StudyCounts{}, map[string]map[string]int{}
	for fam, m := range tb.uptakes {
		t.Uptake[fam] = map[string]*Counts{}
		for h, c := range m {
			t.Uptake[fam][hourName(h)] = c
		}
	}
	for key, m := range tb.studies {
		t.Studies[key] = map[string]*StudyCounts{}
		for h, c := range m {
			t.Studies[key][hourName(h)] = c
		}
	}
	for rule, m := range tb.findings {
		t.Findings[rule] = map[string]int{}
		for h, n := range m {
			t.Findings[rule][hourName(h)] = n
		}
	}
	if t.TimedRecords > 0 {
		t.Unit = "hour"
		t.First = time.UnixMilli(tb.first).UTC().Format(instantForm)
		t.Last = time.UnixMilli(tb.last).UTC().Format(instantForm)
	}
	t.normalize()
	return &t
}

// span is the time from First to Last.
func (t *Timeline) span() time.Duration {
	first, err1 := time.Parse(time.RFC3339Nano, t.First)
	last, err2 := time.Parse(time.RFC3339Nano, t.Last)
	if err1 != nil || err2 != nil {
		return 0
	}
	return last.Sub(first)
}

// normalize counts by day when the span is two days or more, and works
// out the rates.
func (t *Timeline) normalize() {
	if t.Unit == "hour" && t.span() >= hourSpan {
		t.toDays()
	}
	for _, m := range t.Uptake {
		for _, c := range m {
			c.SuccessRate = rate(c.Success, c.Failure)
		}
	}
}

// toDays sums the hours of each day: a day's counts are the sum of its
// hours', which is what merging relies on.
func (t *Timeline) toDays() {
	t.Unit = "day"
	for fam, m := range t.Uptake {
		days := map[string]*Counts{}
		mergeBuckets(days, m, dayOf, (*Counts).merge)
		t.Uptake[fam] = days
	}
	for key, m := range t.Studies {
		days := map[string]*StudyCounts{}
		mergeBuckets(days, m, dayOf, (*StudyCounts).merge)
		t.Studies[key] = days
	}
	for rule, m := range t.Findings {
		days := map[string]int{}
		for h, n := range m {
			days[h[:len(dayLayout)]] += n
		}
		t.Findings[rule] = days
	}
}

// dayOf names the day of an hour's bucket (or of a day's).
func dayOf(bucket string) string { return bucket[:min(len(bucket), len(dayLayout))] }

// bucketOf returns the counts of bucket k, made when missing.
func bucketOf[K comparable, C any](m map[K]*C, k K) *C {
	c := m[k]
	if c == nil {
		c = new(C)
		m[k] = c
	}
	return c
}

// mergeBuckets adds the counts of from's buckets to to's, each under the
// bucket that bucket names.
func mergeBuckets[C any](to, from map[string]*C, bucket func(string) string, merge func(*C, *C)) {
	for b, c := range from {
		merge(bucketOf(to, bucket(b)), c)
	}
}

func (c *Counts) merge(o *Counts) {
	c.Success += o.Success
	c.NotTargeted += o.NotTargeted
	c.Failure += o.Failure
	c.Invalid += o.Invalid
}

func (c *StudyCounts) merge(o *StudyCounts) {
	c.Enrollments += o.Enrollments
	c.Unenrollments += o.Unenrollments
	c.EnrollFailures += o.EnrollFailures
}
