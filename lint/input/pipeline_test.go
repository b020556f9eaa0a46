package input_test

import (
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
)

// TestGleanFlag: the length rules take their limit from Record.Glean, so
// every shape must say which pipeline recorded it; events_stream and
// telemetry.events rows share the bigquery adapter but not the pipeline.
func TestGleanFlag(t *testing.T) {
	cases := []struct {
		name, data string
		glean      bool
	}{
		{"glean ping", `{"ping_info": {"seq": 1}, "client_info": {"client_id": "c"}, "events": [{"timestamp": 0, "category": "normandy", "name": "enroll_preference_study", "extra": {"value": "pref-a", "branch": "control", "experimentType": "exp"}}]}`, true},
		{"events_stream row", `{"client_id": "c", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-a", "branch": "control", "experimentType": "exp"}}`, true},
		{"events_stream row, extra as a string", `{"client_id": "c", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": "{\"value\": \"pref-a\"}"}`, true},
		{"telemetry.events row", `{"client_id": "c", "event_timestamp": 1, "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-a", "event_map_values": [{"key": "branch", "value": "control"}]}`, false},
		{"event ping", `{"type": "event", "payload": {"events": {"dynamic": [[1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control"}]]}}}`, false},
		{"tuple", `[1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control"}]`, false},
		{"record", `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control"}}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := lint.Decode([]byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			var recs []*lint.Record
			for _, a := range input.All() {
				if !a.Detect(v) {
					continue
				}
				var x lint.Extraction
				a.Extract(v, &x)
				recs = x.Records()
				break
			}
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1", len(recs))
			}
			if recs[0].Glean != c.glean {
				t.Errorf("%s record: Glean = %v, want %v", recs[0].Format, recs[0].Glean, c.glean)
			}
		})
	}
}
