package input_test

import (
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
)

// TestBigQueryInt64Strings: an INT64 column written as a decimal string is
// the integer it spells, both as the record's time and as its canonical
// timestamp; another string stays a string for the schema to reject.
func TestBigQueryInt64Strings(t *testing.T) {
	for _, c := range []struct {
		row     string
		want    int64
		hasTime bool
		str     bool
	}{
		{`{"event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study"}`, 81234, true, false},
		{`{"event_timestamp": "-5", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study"}`, -5, true, false},
		{`{"event_timestamp": "1736931612345", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {}}`, 1736931612345, true, false},
		{`{"event_timestamp": "81234.5", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study"}`, 0, false, true},
		{`{"event_timestamp": "+1", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study"}`, 0, false, true},
		{`{"event_timestamp": "9007199254740993", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study"}`, 0, false, true},
	} {
		v, err := lint.Decode([]byte(c.row))
		if err != nil {
			t.Fatal(err)
		}
		var x lint.Extraction
		input.BigQuery{}.Extract(v, &x)
		recs := x.Records()
		if len(recs) != 1 {
			t.Fatalf("%s: %d records", c.row, len(recs))
		}
		r := recs[0]
		if r.HasTimestamp != c.hasTime || r.Timestamp != c.want {
			t.Errorf("%s: time %d (%v), want %d (%v)", c.row, r.Timestamp, r.HasTimestamp, c.want, c.hasTime)
		}
		if _, isStr := r.Time.String(); isStr != c.str {
			t.Errorf("%s: canonical timestamp %#v, string %v", c.row, r.Time, c.str)
		}
		if !c.str && r.Time.Raw != float64(c.want) {
			t.Errorf("%s: canonical timestamp %#v, want %d", c.row, r.Time.Raw, c.want)
		}
	}
}
