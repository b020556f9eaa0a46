package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// DuplicateEvent is the ID of the rule that says a document's events
// arrived twice and were counted and checked once.
const DuplicateEvent = "duplicate-event"

func init() {
	register(&lint.Rule{
		ID:            DuplicateEvent,
		Severity:      lint.SeverityInfo,
		Summary:       "the same document's events arrive again (overlapping exports, a ping stored twice): they are counted and checked once",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `An event arrives a second time: the same document (a ping's id, a table
row's document_id, with the same content) and the same place in it (the
record's number among the ping's records; an export row holds one
event, and the rows of one ping differ in their event columns).
Exports that overlap (two date ranges sharing a day, a table read twice, a
live and a stable table together) and pings the pipeline stored twice do
this. Counting both copies would double the report's counts and make the
lifecycle rules see a second enroll for every enrollment.

So the later copy is counted and checked once: its own findings are not
reported again, the report does not count it, and the lifecycle rules
skip it. This finding, an info, says so once per duplicated document, at
its first repeated record. The summary's record counts still count every
record read.

The check remembers at most --max-lifecycle-pairs fingerprints (about 30
bytes each, beside the lifecycle's pairs, docs/lifecycle.md); past the
bound it forgets the oldest, says so once (this rule, at the record that
found it full), and a repeat of a forgotten event is checked and counted
again. Records without a document id (hand-written records, tuples, a
Glean ping as submitted, whose id is in the URL it was sent to) are never
taken for repeats.`,
			Spec:    "docs/telemetry-reference.md §5.1 (a legacy event ping's id), §5.3 (the Glean events ping), §5.5 (exported table rows); docs/lifecycle.md (what the lifecycle remembers); mozilla-pipeline-schemas' table schemas (document_id, the ping's id) and bigquery-etl's events_stream_v1 and event_events_v1 queries (one row per event, the ping's document_id on each)",
			Firefox: "any: every ping carries a document id (a legacy ping's id, the Glean document id the pipeline stores as document_id)",
			Bad:     `[{"submission_timestamp": "2026-11-01 10:00:00 UTC", "document_id": "2f6b1d8e-4c3a-4e5b-9d7f-1a2b3c4d5e6f", "client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}]}, {"submission_timestamp": "2026-11-01 10:00:00 UTC", "document_id": "2f6b1d8e-4c3a-4e5b-9d7f-1a2b3c4d5e6f", "client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}]}]`,
			Good:    `[{"submission_timestamp": "2026-11-01 10:00:00 UTC", "document_id": "2f6b1d8e-4c3a-4e5b-9d7f-1a2b3c4d5e6f", "client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}]}, {"submission_timestamp": "2026-11-01 10:00:00 UTC", "document_id": "7a9c3e1f-5b2d-4f6a-8c0e-2b3c4d5e6f7a", "client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "91234", "event_category": "normandy", "event_method": "unenroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "didResetValue", "value": "true"}, {"key": "reason", "value": "recipe-not-seen"}]}]`,
		},
	})
}

// recordAt is where a lifecycle finding about a record as a whole points:
// an event's method, an uptake record's status.
func recordAt(r *lint.Record) string {
	if r.Kind == lint.KindUptake {
		return "/status"
	}
	return atMethod
}

// repeated reports whether a record is an event read already, and then
// marks it a repeat (counted and checked once), saying so once per
// document.
func (l *lifecycle) repeated(p *lint.StreamPass, r *lint.Record) bool {
	id, digest := l.document(r)
	// A ping's records come in the same order from every copy of it: the
	// place of a record in its ping is its number among them.
	place := l.docSeq
	l.docSeq++
	if id == "" {
		return false
	}
	s := l.seen
	h := s.mix(s.hash("event", id), digest, uint64(place))
	if _, ok := s.get(h); !ok {
		if s.put(h, 0) && !l.seenFull {
			l.seenFull = true
			p.ReportRule(DuplicateEvent, recordAt(r),
				fmt.Sprintf("the duplicate check holds its bound of %d fingerprints (--max-lifecycle-pairs): from this record on it forgets the oldest for each new one, and a repeat of a forgotten event is counted and checked again", s.max),
				limitHint)
		}
		return false
	}
	p.Repeat()
	d := s.hash("document", id)
	if _, ok := s.get(d); !ok {
		s.put(d, 0)
		p.ReportRule(DuplicateEvent, recordAt(r),
			fmt.Sprintf("document %s arrives again: its events were read earlier in the input, and are counted and checked once (this copy's findings are not repeated)", lint.Quote(id)),
			"overlapping exports or a ping stored twice; deduplicate by document_id to silence this")
	}
	return true
}

// document is the record's document id and digest, worked out once for
// the records of one ping (they come one after another).
func (l *lifecycle) document(r *lint.Record) (string, uint64) {
	if r.Ctx == nil {
		return "", 0
	}
	if r.Ctx != l.docCtx {
		l.docCtx = r.Ctx
		l.docID, l.docDigest = r.Document()
		l.docSeq = 0
		l.unenrolledHere = l.unenrolledHere[:0]
	}
	return l.docID, l.docDigest
}
