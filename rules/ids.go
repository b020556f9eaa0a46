// Package rules is normlint's catalog: every named check with its ID,
// default severity, documentation and check. The command line hands All to
// the engine; schema-backed rules have no Check of their own but word the
// violations that the schemas report under their ID.
package rules

import "github.com/normlint/normlint/lint"

// Rule IDs. They are stable: a retired rule keeps its ID as a no-op so that
// configurations naming it still parse. The IDs that the engine and the
// input adapters raise themselves are package lint's; these name them.
const (
	ParseError          = lint.RuleParseError
	UnrecognizedInput   = lint.RuleUnrecognizedInput
	MalformedRecord     = lint.RuleMalformedRecord
	UnknownEvent        = "unknown-event"
	UndocumentedEvent   = "undocumented-event"
	UnknownExtraKey     = "unknown-extra-key"
	ExtraNotString      = "extra-not-string"
	MissingExtra        = "missing-extra"
	MissingSlug         = "missing-slug"
	SlugFormat          = "slug-format"
	UnknownReason       = "unknown-reason"
	InvalidReason       = "invalid-reason"
	InvalidExtraValue   = "invalid-extra-value"
	EnrollFailure       = "enroll-failure"
	PersonalData        = "personal-data"
	ValueTooLong        = "value-too-long"
	TruncatedValue      = "truncated-value"
	TooManyExtraKeys    = "too-many-extra-keys"
	AddonIDFormat       = "addon-id-format"
	AddonVersionFormat  = "addon-version-format"
	InvalidUptakeSource = "invalid-uptake-source"
	InvalidUptakeStatus = "invalid-uptake-status"
	UndocumentedStatus  = "undocumented-status"
	UndocumentedValue   = "undocumented-value"
	NoNormandyRecords   = lint.RuleNoNormandyRecords
	InvalidHistogram    = lint.RuleInvalidHistogram

	UnenrollWithoutEnroll = "unenroll-without-enroll"
	DuplicateEnroll       = "duplicate-enroll"
	BranchMismatch        = "branch-mismatch"
	AddonMismatch         = "addon-mismatch"
	EventAfterUnenroll    = "event-after-unenroll"
	TimestampOrder        = "timestamp-order"

	UnusedWaiver  = "unused-waiver"
	ExpiredWaiver = "expired-waiver"
)
