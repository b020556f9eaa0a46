package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// TimestampOrder is the ID of the rule against timestamps going backwards in
// an event list.
const TimestampOrder = "timestamp-order"

func init() {
	register(&lint.Rule{
		ID:       TimestampOrder,
		Severity: lint.SeverityWarning,
		Summary:  "timestamps going backwards within one event list of one ping",
		Check:    checkTimestampOrder,
		Doc: lint.Doc{
			Rationale: `Within one event list of one ping, an event has a lower timestamp than the
event before it. Firefox appends events to a list in the order they are
recorded and stamps them with a clock that only moves forward
(milliseconds since process start for legacy events, relative to the ping
for Glean events), so time never goes backwards in a list. A backward step
means the list was edited, reordered, or merged from several pings or
processes, and any ordering the lifecycle rules rely on is suspect too.
Equal timestamps are fine: several events can fall in the same
millisecond.

The previous event counts whatever its category (an uptake event, or
another component's); the finding is at the later Normandy event's
timestamp, with a related location at the previous event. Records that are
in no list (hand-written records, exported rows) are not compared, and
lists of different processes or pings are never compared with each other.
Restore the list's original order, or split merged lists back into their
pings.`,
			Spec: "docs/telemetry-reference.md §5.1 (legacy event ping: timestamps in ms since process start, payload.events keyed by process), §5.2 (main ping: payload.processes.*.events), §5.3 (Glean: timestamp in ms, relative within the ping); data-collection.rst, Enrollment (events recorded with Telemetry Events)",
			Firefox: `Legacy lists: payload.processes.<process>.events of the main ping up to
Firefox 61 (Normandy's dynamic events under processes.dynamic), and
payload.events.<process> of the event ping since Firefox 62, each list
stamped in ms since its process started
(toolkit/components/telemetry/core/TelemetryEvent.cpp). Glean events ping
(Firefox 132 on): one events list per ping, timestamps in ms relative to
the ping.`,
			Bad:  `{"type": "event", "id": "0d7ab9a4-4c0b-4c59-9e4e-6f3f2a7c8b11", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "application": {"architecture": "x86-64", "buildId": "20200601000000", "channel": "release", "name": "Firefox", "platformVersion": "77.0", "version": "77.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"reason": "periodic", "events": {"parent": [[81301, "uptake.remotecontent.result", "uptake", "normandy", "success", {"source": "normandy/recipe/123"}], [81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
			Good: `{"type": "event", "id": "0d7ab9a4-4c0b-4c59-9e4e-6f3f2a7c8b11", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "application": {"architecture": "x86-64", "buildId": "20200601000000", "channel": "release", "name": "Firefox", "platformVersion": "77.0", "version": "77.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"reason": "periodic", "events": {"parent": [[81234, "uptake.remotecontent.result", "uptake", "normandy", "success", {"source": "normandy/recipe/123"}], [81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
		},
	})
}

// checkTimestampOrder: within one event list of one ping, Firefox appends
// events as they happen, so time never goes backwards.
func checkTimestampOrder(p *lint.Pass, r *lint.Record) {
	prev := r.Prev
	if prev == nil || !prev.HasTimestamp || !r.HasTimestamp || r.Timestamp >= prev.Timestamp {
		return
	}
	p.ReportRelated("/timestamp",
		fmt.Sprintf("timestamp %d is lower than the previous event's %d in the same event list", r.Timestamp, prev.Timestamp),
		"Firefox appends events in the order they happen; an edited or merged list can break that",
		prev.Pointer, fmt.Sprintf("the previous event, at %d", prev.Timestamp))
}
