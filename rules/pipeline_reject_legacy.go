package rules

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/normlint/normlint/lint"
)

// What event.4 and main.4 (mozilla-pipeline-schemas) require of the parts
// of a legacy ping that normlint reads. Written from the schemas' facts,
// see PipelineReject's documentation.

var (
	// creationDatePattern: milliseconds and Z, nothing else.
	creationDatePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$`)
	// buildIDPattern and versionPattern match a prefix only, as the
	// schemas' patterns do.
	buildIDPattern = regexp.MustCompile(`^[0-9]{10}`)
	versionPattern = regexp.MustCompile(`^[0-9]{2,3}\.`)
)

// applicationMembers are the only members the application object may
// have; all but displayVersion are required.
var applicationMembers = []string{"architecture", "buildId", "channel", "displayVersion", "name", "platformVersion", "vendor", "version", "xpcomAbi"}

var applicationRequired = []string{"architecture", "buildId", "channel", "name", "platformVersion", "version", "vendor", "xpcomAbi"}

// legacyProcesses are the processes whose event lists and keyed
// histograms the schemas type; a process they do not name is left open.
var legacyProcesses = []string{"parent", "content", "dynamic", "extension", "gpu", "socket"}

// histogramMembers are the only members a histogram object may have.
var histogramMembers = []string{"bucket_count", "histogram_type", "log_sum", "log_sum_squares", "range", "sum", "sum_squares_hi", "sum_squares_lo", "values"}

// uptakeHistogramName is the keyed histogram that carried uptake.
const uptakeHistogramName = "UPTAKE_REMOTE_CONTENT_RESULT_1"

// checkLegacyPing checks an event ping's envelope and event lists, or a main
// ping's envelope, event lists, processes and uptake histograms.
func checkLegacyPing(c *envelopeCheck, o *lint.Object, main bool) {
	types := []string{"event"}
	if main {
		types = []string{"main", "first-shutdown"}
	}
	switch t, ok := o.Get("type"); {
	case !ok:
		c.fault("", false, "the ping has no type", fmt.Sprintf("type: %q", types[0]))
	case !envIsString(t) || !slices.Contains(types, t.(string)):
		c.fault("/type", false, "type is "+lint.Describe(t), fmt.Sprintf("type %q", types[0]))
	}
	c.checkUUID(o, "", "id", true)
	c.checkUUID(o, "", "clientId", main)
	c.checkString(o, "", "creationDate", true, creationDatePattern, "a creationDate of the form 2021-03-04T12:00:00.000Z (milliseconds, UTC)")
	switch v, ok := o.Get("version"); {
	case !ok:
		c.fault("", false, "the ping has no version", "version: 4")
	case v != float64(4):
		c.fault("/version", false, "version is "+lint.Describe(v), "version 4")
	}
	checkApplication(c, o)
	payload, ok := envMember[*lint.Object](o, "payload")
	if !ok {
		return // a payload of another type is malformed-record's
	}
	if !main {
		if events, ok := payload.Get("events"); ok {
			checkProcessEvents(c, events, "/payload/events")
		}
		return
	}
	if kh, ok := payload.Get("keyedHistograms"); ok && !uptakeAccepted(kh) {
		checkKeyedHistograms(c, kh, "/payload/keyedHistograms")
	}
	procs, ok := payload.Get("processes")
	if !ok {
		return
	}
	po, ok := procs.(*lint.Object)
	if !ok {
		c.fault("/payload/processes", false, "payload.processes is "+lint.Describe(procs), "an object keyed by process")
		return
	}
	if !po.Has("parent") {
		c.fault("/payload/processes", false, "payload.processes has no parent", "payload.processes.parent, with scalars")
	}
	for i, name := range po.Names {
		if !slices.Contains(legacyProcesses, name) {
			continue
		}
		proc, ok := po.Values[i].(*lint.Object)
		if ok && (name != "parent" || proc.Has("scalars")) && processAccepted(proc) {
			continue // the common case, at no cost: no pointer is built
		}
		base := lint.JoinPointer("/payload/processes", name)
		if !ok {
			c.fault(base, false, fmt.Sprintf("payload.processes.%s is %s", name, lint.Describe(po.Values[i])), "an object")
			continue
		}
		if name == "parent" && !proc.Has("scalars") {
			c.fault(base, false, "payload.processes.parent has no scalars", "payload.processes.parent.scalars, an object")
		}
		if events, ok := proc.Get("events"); ok {
			checkEventList(c, events, lint.JoinPointer(base, "events"))
		}
		if kh, ok := proc.Get("keyedHistograms"); ok {
			checkKeyedHistograms(c, kh, lint.JoinPointer(base, "keyedHistograms"))
		}
	}
}

func checkApplication(c *envelopeCheck, o *lint.Object) {
	v, ok := o.Get("application")
	if !ok {
		c.fault("", false, "the ping has no application", "application, an object with "+joinNames(applicationRequired))
		return
	}
	app, ok := v.(*lint.Object)
	if !ok {
		c.fault("/application", false, "application is "+lint.Describe(v), "an object")
		return
	}
	c.checkClosed(app, "/application", applicationMembers)
	c.checkRequired(app, "/application", applicationRequired)
	for _, name := range applicationMembers {
		var re *regexp.Regexp
		want := "a string"
		switch name {
		case "buildId":
			re, want = buildIDPattern, "a string that starts with 10 digits (20210301000000)"
		case "displayVersion", "platformVersion", "version":
			re, want = versionPattern, "a string that starts with 2 or 3 digits and a dot (86.0)"
		}
		c.checkString(app, "/application", name, false, re, want)
	}
}

// checkProcessEvents checks an event ping's payload.events.
func checkProcessEvents(c *envelopeCheck, v any, base string) {
	procs, ok := v.(*lint.Object)
	if !ok {
		c.fault(base, false, "payload.events is "+lint.Describe(v), "an object keyed by process")
		return
	}
	for i, name := range procs.Names {
		if slices.Contains(legacyProcesses, name) && !eventListAccepted(procs.Values[i]) {
			checkEventList(c, procs.Values[i], lint.JoinPointer(base, name))
		}
	}
}

// eventListAccepted reports whether the schemas accept v as a process's
// event list: what checkEventList checks, without saying where it fails.
func eventListAccepted(v any) bool {
	list, ok := v.([]any)
	if !ok {
		return false
	}
	for _, e := range list {
		if !tupleAccepted(e) {
			return false
		}
	}
	return true
}

// processAccepted reports whether the schema accepts the event list and
// uptake histogram of a main ping's process.
func processAccepted(proc *lint.Object) bool {
	if events, ok := proc.Get("events"); ok && !eventListAccepted(events) {
		return false
	}
	kh, ok := proc.Get("keyedHistograms")
	return !ok || uptakeAccepted(kh)
}

// uptakeAccepted reports whether the schema accepts the uptake histogram
// of a keyedHistograms object: what checkKeyedHistograms checks.
func uptakeAccepted(v any) bool {
	kh, ok := v.(*lint.Object)
	if !ok {
		return false
	}
	h, ok := kh.Get(uptakeHistogramName)
	if !ok {
		return true
	}
	keyed, ok := h.(*lint.Object)
	if !ok {
		return false
	}
	for _, hist := range keyed.Values {
		if !histogramAccepted(hist) {
			return false
		}
	}
	return true
}

// checkEventList checks a list of event tuples.
func checkEventList(c *envelopeCheck, v any, base string) {
	list, ok := v.([]any)
	if !ok {
		c.wrong(base, v, "a list of event tuples")
		return
	}
	for i, e := range list {
		if tupleAccepted(e) {
			continue // the common case, at no cost: no pointer is built
		}
		ptr := lint.IndexPointer(base, i)
		t, ok := e.([]any)
		if !ok {
			c.fault(ptr, false, "an event is "+lint.Describe(e), "an event tuple [timestamp, category, method, object, value, extra]")
			continue
		}
		if len(t) < 4 || len(t) > 6 {
			c.fault(ptr, false, fmt.Sprintf("an event tuple has %d items", len(t)), "4 to 6 items: [timestamp, category, method, object, value, extra]")
			continue
		}
		if !envIsInteger(t[0]) {
			c.fault(ptr+"/0", false, "an event's timestamp is "+lint.Describe(t[0]), "an integer number of milliseconds")
		}
		for j, name := range []string{"category", "method", "object"} {
			if !envIsString(t[j+1]) {
				c.fault(lint.IndexPointer(ptr, j+1), false, fmt.Sprintf("an event's %s is %s", name, lint.Describe(t[j+1])), "a string")
			}
		}
		if len(t) > 4 && t[4] != nil && !envIsString(t[4]) {
			c.fault(ptr+"/4", false, "an event's value is "+lint.Describe(t[4]), "a string or null")
		}
		if len(t) > 5 {
			checkTupleExtra(c, t[5], ptr+"/5")
		}
	}
}

// tupleAccepted reports whether the schemas accept e as an event tuple:
// what checkEventList checks, without saying where it fails.
func tupleAccepted(e any) bool {
	t, ok := e.([]any)
	if !ok || len(t) < 4 || len(t) > 6 || !envIsInteger(t[0]) {
		return false
	}
	for _, v := range t[1:4] {
		if !envIsString(v) {
			return false
		}
	}
	if len(t) > 4 && t[4] != nil && !envIsString(t[4]) {
		return false
	}
	if len(t) < 6 || t[5] == nil {
		return true
	}
	extra, ok := t[5].(*lint.Object)
	if !ok {
		return false
	}
	for _, v := range extra.Values {
		if v != nil && !envIsString(v) {
			return false
		}
	}
	return true
}

func checkTupleExtra(c *envelopeCheck, v any, base string) {
	if v == nil {
		return
	}
	extra, ok := v.(*lint.Object)
	if !ok {
		c.fault(base, false, "an event's extra is "+lint.Describe(v), "an object or null")
		return
	}
	for i, k := range extra.Names {
		if ev := extra.Values[i]; ev != nil && !envIsString(ev) {
			c.fault(lint.JoinPointer(base, k), false, fmt.Sprintf("extra %s is %s", lint.Quote(k), lint.Describe(ev)), "extra values that are strings or null")
		}
	}
}

// checkKeyedHistograms checks the uptake histogram of a keyedHistograms
// object, the only keyed histogram normlint reads.
func checkKeyedHistograms(c *envelopeCheck, v any, base string) {
	kh, ok := v.(*lint.Object)
	if !ok {
		c.wrong(base, v, "an object of keyed histograms")
		return
	}
	h, ok := kh.Get(uptakeHistogramName)
	if !ok {
		return
	}
	hbase := lint.JoinPointer(base, uptakeHistogramName)
	keyed, ok := h.(*lint.Object)
	if !ok {
		c.fault(hbase, false, fmt.Sprintf("%s is %s", uptakeHistogramName, lint.Describe(h)), "an object mapping each source key to its histogram")
		return
	}
	for i, source := range keyed.Names {
		if !histogramAccepted(keyed.Values[i]) {
			checkHistogram(c, keyed.Values[i], lint.JoinPointer(hbase, source))
		}
	}
}

func checkHistogram(c *envelopeCheck, v any, base string) {
	hist, ok := v.(*lint.Object)
	if !ok {
		c.wrong(base, v, "a histogram object")
		return
	}
	c.checkClosed(hist, base, histogramMembers)
	for _, name := range []string{"bucket_count", "histogram_type", "sum", "sum_squares_hi", "sum_squares_lo"} {
		c.checkInteger(hist, base, name, false, 0)
	}
	for _, name := range []string{"log_sum", "log_sum_squares"} {
		if n, ok := hist.Get(name); ok {
			if f, isNum := n.(float64); !isNum || f < 0 {
				c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is %s", envDotted(lint.JoinPointer(base, name)), lint.Describe(n)), "a number of 0 or more")
			}
		}
	}
	if rv, ok := hist.Get("range"); ok {
		checkRange(c, rv, lint.JoinPointer(base, "range"))
	}
	values, ok := hist.Get("values")
	if !ok {
		return
	}
	vbase := lint.JoinPointer(base, "values")
	buckets, ok := values.(*lint.Object)
	if !ok {
		c.wrong(vbase, values, "an object mapping bucket indexes to counts")
		return
	}
	for i, idx := range buckets.Names {
		ptr := lint.JoinPointer(vbase, idx)
		if !isBucketIndex(idx) {
			c.fault(ptr, true, fmt.Sprintf("%s has a bucket %s", envDotted(vbase), lint.Quote(idx)), "bucket indexes of decimal digits")
			continue
		}
		if n := buckets.Values[i]; !envIsInteger(n) || n.(float64) < 0 {
			c.wrong(ptr, n, "counts that are integers of 0 or more")
		}
	}
}

// histogramAccepted reports whether the schema accepts v as a histogram:
// what checkHistogram checks, without saying where it fails.
func histogramAccepted(v any) bool {
	hist, ok := v.(*lint.Object)
	if !ok {
		return false
	}
	for i, name := range hist.Names {
		m := hist.Values[i]
		switch name {
		case "bucket_count", "histogram_type", "sum", "sum_squares_hi", "sum_squares_lo":
			if !envIsInteger(m) || m.(float64) < 0 {
				return false
			}
		case "log_sum", "log_sum_squares":
			if f, ok := m.(float64); !ok || f < 0 {
				return false
			}
		case "range":
			r, ok := m.([]any)
			if !ok {
				return false
			}
			for _, n := range r {
				if !envIsInteger(n) {
					return false
				}
			}
		case "values":
			buckets, ok := m.(*lint.Object)
			if !ok {
				return false
			}
			for j, idx := range buckets.Names {
				if n := buckets.Values[j]; !isBucketIndex(idx) || !envIsInteger(n) || n.(float64) < 0 {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func checkRange(c *envelopeCheck, v any, ptr string) {
	r, ok := v.([]any)
	if !ok {
		c.wrong(ptr, v, "a list of integers")
		return
	}
	for i, n := range r {
		if !envIsInteger(n) {
			c.fault(lint.IndexPointer(ptr, i), false, fmt.Sprintf("%s is %s", envDotted(lint.IndexPointer(ptr, i)), lint.Describe(n)), "a list of integers")
		}
	}
}

func isBucketIndex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
