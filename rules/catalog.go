package rules

import (
	"sort"

	"github.com/normlint/normlint/lint"
)

// All returns the catalog, sorted by ID. Each call returns fresh values, so
// a caller may adjust severities without affecting others.
func All() []*lint.Rule {
	out := make([]*lint.Rule, len(catalog))
	for i, r := range catalog {
		c := *r
		c.Doc = docs[r.ID]
		out[i] = &c
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule with that ID.
func ByID(id string) (*lint.Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// undocumented yields to every error-level judgement of the same value.
var undocumentedYields = []string{InvalidReason, InvalidExtraValue, UnknownReason, InvalidUptakeStatus, MalformedRecord, ExtraNotString}

// catalog is the one list every rule is registered in.
var catalog = []*lint.Rule{
	{ID: ParseError, Severity: lint.SeverityError,
		Summary: "the input is not valid JSON (in JSON Lines: that line only), repeats an object key, or is not valid UTF-8"},
	{ID: UnrecognizedInput, Severity: lint.SeverityError,
		Summary: "a valid JSON value matches no supported input shape"},
	{ID: MalformedRecord, Severity: lint.SeverityError,
		Summary: "a record has the wrong shape: tuple length, timestamp, category/method/object or extra of the wrong type, unknown record key",
		Message: malformedMessage},
	{ID: UnknownEvent, Severity: lint.SeverityError,
		Summary: "a normandy (method, object) pair that no Firefox registers: Firefox drops the event",
		Message: unknownEventMessage, Yields: []string{MalformedRecord}},
	{ID: UndocumentedEvent, Severity: lint.SeverityInfo,
		Summary: "a pair Firefox registers that the data-collection document does not describe",
		Message: undocumentedEventMessage, Yields: []string{MalformedRecord, UnknownEvent}},
	{ID: UnknownExtraKey, Severity: lint.SeverityError,
		Summary: "an extra key not registered for the event's method: Firefox drops the whole event",
		Message: unknownExtraKeyMessage},
	{ID: ExtraNotString, Severity: lint.SeverityError,
		Summary: "an extra value that is not a string: Firefox drops the event",
		Message: extraNotStringMessage},
	{ID: MissingExtra, Severity: lint.SeverityError,
		Summary: "an extra that Firefox always sends for the event is absent",
		Message: missingExtraMessage},
	{ID: MissingSlug, Severity: lint.SeverityError,
		Summary: "the event's value (the study's slug or name) is absent, null or empty",
		Message: missingSlugMessage},
	{ID: SlugFormat, Severity: lint.SeverityWarning,
		Summary: "a slug contains whitespace, control characters or non-ASCII",
		Check:   checkSlugFormat},
	{ID: UnknownReason, Severity: lint.SeverityError,
		Summary: `a reason of "unknown": the spec calls it a bug`,
		Check:   checkUnknownReason,
		// Where Firefox never sends "unknown", it is simply an invalid
		// reason, and the spec's words about it do not apply.
		Yields: []string{InvalidReason, UnknownExtraKey}},
	{ID: InvalidReason, Severity: lint.SeverityError,
		Summary: "a reason that no Firefox sends for the event",
		Message: invalidReasonMessage, Yields: []string{ExtraNotString, UnknownExtraKey}},
	{ID: InvalidExtraValue, Severity: lint.SeverityError,
		Summary: "an enumerated extra (experimentType, didResetValue, previousState, prefType, ...) with a value Firefox never sends",
		Message: invalidExtraValueMessage, Yields: []string{ExtraNotString, UnknownExtraKey}},
	{ID: EnrollFailure, Severity: lint.SeverityInfo,
		Summary: "an add-on study enrollment failed: the spec says to consider it a bug",
		Check:   checkEnrollFailure},
	{ID: PersonalData, Severity: lint.SeverityError,
		Summary: "a value looks like personal data: an e-mail address, a home-directory path, a URL with a query string",
		Check:   checkPersonalData},
	{ID: ValueTooLong, Severity: lint.SeverityError,
		Summary: "the value or an extra value is over 80 bytes: Firefox would have truncated it",
		Check:   checkLength(false)},
	{ID: TruncatedValue, Severity: lint.SeverityWarning,
		Summary: "the value or an extra value is exactly 80 bytes: Firefox probably cut it",
		Check:   checkLength(true)},
	{ID: TooManyExtraKeys, Severity: lint.SeverityError,
		Summary: "more than 10 extra keys",
		Message: tooManyExtraKeysMessage},
	{ID: AddonIDFormat, Severity: lint.SeverityWarning,
		Summary: "addonId is neither an add-on ID (name@domain or {GUID}) nor __NO_ADDON__",
		Message: addonIDMessage, Yields: []string{ExtraNotString, PersonalData}},
	{ID: AddonVersionFormat, Severity: lint.SeverityWarning,
		Summary: "addonVersion is neither a toolkit version string nor __NO_ADDON__",
		Message: addonVersionMessage, Yields: []string{ExtraNotString}},
	{ID: InvalidUptakeSource, Severity: lint.SeverityError,
		Summary: "the uptake source is not normandy/runner, normandy/action/<ClassName> or normandy/recipe/<id>",
		Message: invalidSourceMessage},
	{ID: InvalidUptakeStatus, Severity: lint.SeverityError,
		Summary: "the uptake status is not a Normandy status for the source's family",
		Message: invalidStatusMessage},
	{ID: UndocumentedStatus, Severity: lint.SeverityInfo,
		Summary: "an uptake status Firefox sends that the data-collection document does not list",
		Message: undocumentedStatusMessage, Yields: undocumentedYields},
	{ID: UndocumentedValue, Severity: lint.SeverityInfo,
		Summary: "a reason or enumerated extra value Firefox sends that the data-collection document does not list",
		Message: undocumentedValueMessage, Yields: undocumentedYields},
	{ID: NoNormandyRecords, Severity: lint.SeverityInfo,
		Summary: "a file held no Normandy record at all"},
	{ID: UnenrollWithoutEnroll, Severity: lint.SeverityWarning,
		Summary:   "an unenroll from a study that no earlier record of the client enrolled in",
		NewStream: newLifecycle, StreamGroup: lifecycleGroup},
	{ID: DuplicateEnroll, Severity: lint.SeverityWarning,
		Summary:   "a second enroll in the same study by the same client with no unenroll between",
		NewStream: newLifecycle, StreamGroup: lifecycleGroup},
	{ID: BranchMismatch, Severity: lint.SeverityError,
		Summary:   "a preference_study unenroll whose branch differs from the branch of the enrollment",
		NewStream: newLifecycle, StreamGroup: lifecycleGroup},
	{ID: AddonMismatch, Severity: lint.SeverityWarning,
		Summary:   "an addon_study unenroll whose addonVersion differs from its enrollment's, with no update between",
		NewStream: newLifecycle, StreamGroup: lifecycleGroup},
	{ID: EventAfterUnenroll, Severity: lint.SeverityWarning,
		Summary:   "an update, expPrefChanged or graduate for a study after the client unenrolled from it",
		NewStream: newLifecycle, StreamGroup: lifecycleGroup},
	{ID: TimestampOrder, Severity: lint.SeverityWarning,
		Summary: "timestamps going backwards within one event list of one ping",
		Check:   checkTimestampOrder},
	{ID: UnusedWaiver, Severity: lint.SeverityWarning,
		Summary: "a waiver in the configuration matched no finding in the run"},
	{ID: ExpiredWaiver, Severity: lint.SeverityError,
		Summary: "a waiver in the configuration is past its expires date and no longer applies"},
	{ID: InvalidHistogram, Severity: lint.SeverityError,
		Summary: "the uptake histogram of a main ping is not a categorical histogram of counts over its 24 labels"},
}
