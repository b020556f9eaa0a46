package rules

import (
	"github.com/normlint/normlint/lint"
)

// NullTimestamp is the ID of the rule that notes BigQuery rows whose
// event_timestamp is null.
const NullTimestamp = "null-timestamp"

func init() {
	register(&lint.Rule{
		ID:        NullTimestamp,
		Severity:  lint.SeverityInfo,
		Summary:   "exported event rows with a null event_timestamp (the pipeline's NULL for a negative timestamp), noted once per file",
		NewStream: newNullTimestamp,
		Doc: lint.Doc{
			Rationale: `An exported event row (telemetry.events or events_stream) has
"event_timestamp": null. This is not a broken row: Mozilla's pipeline writes
NULL into that column where the timestamp the client sent was negative,
instead of storing a time that cannot be right. The event itself was
recorded and reached the table, so it is checked like any other; only its
time within the session is unknown (a row's submission_timestamp, when
present, still gives it a time for the checks that look across records).

The note is given once per file, at the first such row: it tells you that
the export holds such rows, not that any of them is wrong. Disable this
informational rule if the note is of no use to you.`,
			Spec: "normlint input formats (docs/input-formats.md, Exported event rows); docs/telemetry-reference.md §5.5 (exported table rows)",
			Firefox: `Every era: the legacy telemetry.events table and Glean's events_stream
both have the column. Firefox never means to send a negative timestamp;
where one arrived, the tables hold NULL.`,
			Bad:  `{"client_id": "c0ffee00-0000-4000-8000-000000000005", "event_timestamp": null, "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}]}`,
			Good: `{"client_id": "c0ffee00-0000-4000-8000-000000000005", "event_timestamp": 81234, "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}]}`,
		},
	})
}

// nullTimestamp remembers the files it has noted already.
type nullTimestamp struct {
	noted map[string]bool
}

func newNullTimestamp() lint.Stream { return &nullTimestamp{noted: map[string]bool{}} }

// Record implements lint.Stream: the first row of a file with a null
// event_timestamp is noted; the others would only repeat it.
func (s *nullTimestamp) Record(p *lint.StreamPass, r *lint.Record) {
	if !r.NullTime || s.noted[p.File()] {
		return
	}
	s.noted[p.File()] = true
	p.Report("/timestamp", "event_timestamp is null: the pipeline writes NULL where the timestamp the client sent was negative; the event is checked without its time (noted once per file)",
		"nothing to fix in the export: the pipeline dropped a time that could not be right")
}
