package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// PersonalData is the ID of the rule against values that look like personal
// data.
const PersonalData = "personal-data"

func init() {
	register(&lint.Rule{
		ID:       PersonalData,
		Severity: lint.SeverityError,
		Summary:  "a value looks like personal data: an e-mail address, a home-directory path, a URL with a query string",
		Check:    checkPersonalData,
		Doc: lint.Doc{
			Rationale: `A value or extra looks like personal data: an e-mail address, a path
inside a user's home directory (/home/NAME, /Users/NAME, C:\Users\NAME) or
a URL with a query string. Normandy deliberately limits what it records
(the document notes that failure reasons are restricted so as not to leak
personally identifiable information), so such a value signals a leak in the
client or data mixed in from elsewhere. An addonId of the form name@domain
is an add-on ID, not an e-mail, and is not reported.

Do not share the file further; remove or redact the value and find where
it came from.`,
			Spec: "data-collection.rst, Enrollment › Add-on Studies › Enroll Failure (reason \"is purposely limited to avoid leaking personally identifiable information\"); docs/telemetry-reference.md §3.3 (error-string reasons, detail)",
			Firefox: `No era sends personal data in Normandy events by design. The riskiest
fields are error strings (file names in enrollFailed/updateFailed reasons
since dynamic registration, cut to 80 characters by the add-on study code
in toolkit/components/normandy/) and the detail extra, registered from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "a.person@example.org", "experimentType": "exp"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"branch": "control", "experimentType": "exp"}}`,
		},
	})
}

// checkPersonalData looks for what the spec keeps out of failure reasons.
// An addonId is never read as an e-mail address: name@domain is the add-on
// ID format.
func checkPersonalData(p *lint.Pass, r *lint.Record) {
	for s := range stringValues(r) {
		what := lint.PersonalData(s.val, s.key == "addonId")
		if what == "" {
			continue
		}
		if what == "a home-directory path" {
			what += ", which names the user"
		}
		p.Report(s.ptr(), fmt.Sprintf("%s looks like it contains %s: Normandy telemetry must not carry personal data", field(s.ptr()), what),
			"the spec limits failure reasons to file name, line and error name precisely to avoid leaking this")
	}
}
