package rules

import "github.com/normlint/normlint/lint"

// ParseError is the ID of the rule against input that is not JSON (or not
// UTF-8, or repeats a key). The engine raises it, under package lint's ID.
const ParseError = lint.RuleParseError

func init() {
	register(&lint.Rule{
		ID:       ParseError,
		Severity: lint.SeverityError,
		Summary:  "the input is not valid JSON (in JSON Lines: that line only), repeats an object key, or is not valid UTF-8",
		Doc: lint.Doc{
			Rationale: `The input could not be read as JSON, so nothing in it can be checked.
normlint reads a file as one JSON value, or as JSON Lines (one value per
line); in JSON Lines only the broken line is lost and the other lines are
still linted. Duplicate object keys and byte sequences that are not valid
UTF-8 count as parse errors too: parsers disagree about which duplicate wins
and how to repair bad bytes, so the record would mean different things to
different consumers.

Fix the JSON at the reported position. Common causes are trailing commas,
single quotes, comments, unquoted keys and a file truncated mid-record.`,
			Spec:    "normlint input formats (README); RFC 8259 (JSON), with duplicate names rejected and I-JSON's (RFC 7493) valid-UTF-8 requirement; JSON Lines (one RFC 8259 value per line, in the spirit of RFC 7464 JSON text sequences)",
			Firefox: "",
			Bad:     `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"},}`,
			Good:    `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}
