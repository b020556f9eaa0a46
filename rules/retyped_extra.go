package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// RetypedExtra is the ID of the rule that notes events_stream extras the
// pipeline re-typed.
const RetypedExtra = "retyped-extra"

func init() {
	register(&lint.Rule{
		ID:       RetypedExtra,
		Severity: lint.SeverityInfo,
		Summary:  "events_stream extras the pipeline re-typed to numbers, booleans or null: read back as strings, original spelling unknown",
		Check:    checkRetypedExtra,
		Doc: lint.Doc{
			Rationale: `An events_stream row holds an extra value that is a number, a boolean or
null. Firefox sent a string (every Normandy extra is one); the query that
builds events_stream re-typed it when it turned the event's key/value
extras into a JSON object. So the value is no extra-not-string error:
normlint reads it back as a string ("true" or "false" for a boolean, the
shortest decimal form for a number, "null" for null) and checks that
string like any other, for example against an enumerated reason.

What it cannot know is the original spelling: the number 1 may have been
"1", "1.0" or "01", and true may have been "True". A value rule that passes
or fails on the read-back string is as sure as that string is. This note
is given once per record, at the first re-typed value, and says how many
there are. Rows of the legacy telemetry.events table keep their extras as
strings and are checked as they are.`,
			Spec: "normlint input formats (docs/input-formats.md, Exported event rows); docs/telemetry-reference.md §5.5 (exported table rows); bigquery-etl, sql_generators/glean_usage/templates/events_stream_v1.query.sql (the temporary function from_map_event_extra: a value that SAFE_CAST to NUMERIC accepts becomes that number, else one that SAFE_CAST to BOOL accepts, in any case, becomes a boolean); sql/mozfun/json/from_map/udf.sql (json.from_map, used before mid-2024: each value is parsed as JSON when it parses, so \"1.0\" became 1, \"true\" true and \"null\" null)",
			Firefox: `Firefox 132 on (Glean events, which events_stream holds). Normandy's Glean
extras are all declared as strings in toolkit/components/normandy/metrics.yaml;
the re-typing is the pipeline's, not the client's.`,
			Bad:  `{"client_id": "c0ffee00-0000-4000-8000-000000000006", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-test-slug", "branch": 1, "experimentType": "exp"}}`,
			Good: `{"client_id": "c0ffee00-0000-4000-8000-000000000006", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-test-slug", "branch": "1", "experimentType": "exp"}}`,
		},
	})
}

// checkRetypedExtra notes, once per record, the values an export's query
// re-typed and the adapter read back as strings.
func checkRetypedExtra(p *lint.Pass, r *lint.Record) {
	if len(r.Retyped) == 0 {
		return
	}
	first := r.Retyped[0]
	got, _ := readBackValue(r, first).String()
	more := ""
	if n := len(r.Retyped) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more of this row)", n)
	}
	p.Report(first, fmt.Sprintf("%s was re-typed by the events_stream query%s; it is checked as %s, but its original spelling is unknown", field(first), more, lint.Quote(got)),
		"the pipeline turns numeric and boolean extra strings into numbers and booleans (\"1.0\" becomes 1, \"True\" true); nothing to fix in the data")
}

// readBackValue is the record's value at a canonical pointer of r.Retyped:
// an extra, or a top-level member.
func readBackValue(r *lint.Record, ptr string) lint.Field {
	if strings.HasPrefix(ptr, "/extra/") {
		for _, m := range r.Extras {
			if lint.JoinPointer("/extra", m.Name) == ptr {
				return m.Value
			}
		}
		return lint.Field{}
	}
	return r.Get(strings.TrimPrefix(ptr, "/"))
}
