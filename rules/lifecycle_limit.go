package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// LifecycleLimit is the ID of the rule that says the lifecycle state
// reached its bound and began to forget.
const LifecycleLimit = "lifecycle-limit"

const limitHint = "raise --max-lifecycle-pairs (about 60 bytes a pair), or split the input by client ID across runs, all of a client's records in one run (docs/memory.md)"

func limitMessage(maxPairs int) string {
	return fmt.Sprintf("the lifecycle state holds its bound of %d (client, study) pairs (--max-lifecycle-pairs): from this record on it forgets the oldest pair for each new one; "+
		"unenroll-without-enroll is no longer reported (an unenroll could belong to a forgotten enrollment), "+
		"and the other lifecycle rules miss what concerns forgotten pairs", maxPairs)
}

func init() {
	register(&lint.Rule{
		ID:            LifecycleLimit,
		Severity:      lint.SeverityInfo,
		Summary:       "the lifecycle state reached --max-lifecycle-pairs and forgets the oldest (client, study) pairs from here on",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `The lifecycle rules (unenroll-without-enroll, duplicate-enroll,
branch-mismatch, addon-mismatch, event-after-unenroll) remember what each
client's records said of each study. So that memory does not grow with the
input, they remember at most --max-lifecycle-pairs (client, study) pairs
(1,000,000 by default; max-lifecycle-pairs in .normlint.yaml), at about 60
bytes a pair (docs/memory.md). This finding, reported once per run at the
record that found the state full, says the bound was reached; the summary
counts the pairs forgotten (lifecycle_pairs_forgotten in the JSON output).

From that record on, the oldest pair is forgotten for each new one.
unenroll-without-enroll is no longer reported, since an unenroll could
belong to a forgotten enrollment; the other lifecycle rules still report
what they see, but miss what concerns forgotten pairs (a second enroll, a
branch or version mismatch, an event after an unenrollment that was
forgotten). Their findings stay true: the bound loses findings, it never
makes false ones.

Raise the bound if memory allows, or split the input by client ID across
runs so that all of a client's records are in one run (for example
ORDER BY or PARTITION BY client_id into several exports); each run then
needs only its own clients' pairs. The example below fires with
--max-lifecycle-pairs 1: one client, two studies.`,
			Spec:    "docs/memory.md (how memory scales) and docs/lifecycle.md (what the lifecycle remembers); data-collection.rst, Enrollment (the normandy category), as the lifecycle rules cite it",
			Firefox: "any: the bound is normlint's, not Firefox's",
			Bad:     `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-one", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-two", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}]`,
			Good:    `[{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-one", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1"}, {"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-one", "extra": {"didResetValue": "true", "reason": "recipe-not-seen"}, "client_id": "c1"}]`,
		},
	})
}
