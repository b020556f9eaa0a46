package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// MalformedRecord is the ID of the rule against records of the wrong shape.
// The input adapters raise it and the schemas name it, under package lint's
// ID.
const MalformedRecord = lint.RuleMalformedRecord

func init() {
	register(&lint.Rule{
		ID:       MalformedRecord,
		Severity: lint.SeverityError,
		Summary:  "a record has the wrong shape: tuple length, timestamp, category/method/object or extra of the wrong type, unknown record key",
		Message:  malformedMessage,
		Doc: lint.Doc{
			Rationale: `The value was recognised as a Normandy record but its structure is wrong:
an event tuple without 4 to 6 items, a timestamp that is not an integer,
a category, method or object that is not a string, an extra that is not an
object, or a hand-written record with a top-level key normlint does not
know. Firefox never serialises events like this, so the data was damaged or
produced by something other than Firefox, and the remaining checks may
misread it.

Compare the record with the shapes Firefox emits: the tuple
[timestamp, category, method, object, value, extra], or an object with the
keys category, method, object, value, extra, timestamp and client_id (for
uptake: source, status, extra, timestamp and client_id). A misspelt key is
the usual culprit.`,
			Spec: "docs/telemetry-reference.md §5.1 (the record layout Firefox serialises, and mozilla-pipeline-schemas' include/common/event.1.schema.json: integer, string, string, string, string or null, object or null, 4 to 6 items), §5.3 (Glean events); normlint input formats (README), hand-written records",
			Firefox: `All eras that produce legacy event tuples (the main ping up to Firefox 61,
the event ping since Firefox 62, and the Glean mirror since Firefox 132)
use the same layout, written by
toolkit/components/telemetry/core/TelemetryEvent.cpp: a floored millisecond
timestamp, three strings, then an optional value and an optional extra
object; an empty extra is left out. Glean events are objects with
timestamp, category, name and extra.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "timestmp": 81234}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}, "timestamp": 81234}`,
		},
	})
}

var eventRecordKeys = []string{"category", "method", "object", "value", "extra", "timestamp", "client_id"}

var uptakeRecordKeys = []string{"source", "status", "extra", "timestamp", "client_id"}

func malformedMessage(r *lint.Record, v *lint.Violation) (string, string) {
	keys := eventRecordKeys
	if r.Kind == lint.KindUptake {
		keys = uptakeRecordKeys
	}
	name := field(v.Pointer)
	switch {
	case v.Key:
		key := lint.SplitPointer(v.Pointer)
		k := key[len(key)-1]
		hint := lint.DidYouMean(k, keys)
		if hint == "" {
			hint = "a record's keys are " + strings.Join(keys, ", ")
		}
		return fmt.Sprintf("unknown record key %s: a%s %s record has only %s", lint.Quote(k), article(r.Kind.String()), r.Kind, strings.Join(keys, ", ")), hint
	case len(v.Missing) > 0:
		return fmt.Sprintf("the record has no %s; an event record needs category, method and object", lint.AndList(v.Missing)), ""
	}
	switch name {
	case "timestamp":
		return fmt.Sprintf("the timestamp is %s; expected an integer (milliseconds)", show(v.Got)), "Firefox writes event timestamps as whole milliseconds"
	case "extra":
		return fmt.Sprintf("extra is %s; expected an object whose values are strings", lint.TypeName(v.Got)), ""
	case "client_id":
		return fmt.Sprintf("client_id is %s; expected a string", lint.TypeName(v.Got)), ""
	}
	return fmt.Sprintf("%s is %s; expected a string", name, show(v.Got)), ""
}
