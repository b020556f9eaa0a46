package lint

import (
	"cmp"
	"sort"
	"strings"
)

// Diagnostic is one finding, located in the input. The shape follows
// hcl.Diagnostic and analysis.Diagnostic: a severity, what was found and what
// was expected (Message), an optional remedy (Hint), and a subject
// (File, Line, Column, Pointer).
type Diagnostic struct {
	Rule     string
	Severity Severity
	Message  string
	Hint     string
	// File is the input's name as given on the command line ("<stdin>" for
	// standard input).
	File string
	// Line and Column (1-based; columns count characters) of the offending
	// value, or of the member name for key problems.
	Line, Column int
	// Pointer is the RFC 6901 pointer into the file's JSON value (in JSON
	// Lines, into that line's value).
	Pointer string
	// Record is the 1-based number of the record in its file; 0 for findings
	// about the file as a whole.
	Record int
	// Related points at other places that explain the finding.
	Related []Related
	// Waived marks a finding a waiver accepted, shown only on request.
	Waived bool
	// Identity names what the record is about (the study's slug, or the
	// uptake source), for waivers and baseline fingerprints; empty when the
	// finding is not about a Normandy record.
	Identity string
}

// Related is a secondary location of a diagnostic.
type Related struct {
	File         string
	Line, Column int
	Pointer      string
	Message      string
}

// Summary counts what a run saw. Records = RecordsWithFindings +
// CleanRecords + SkippedRecords always holds: nothing is dropped silently.
type Summary struct {
	Files      int
	Unreadable int
	// SkippedFiles counts files a directory walk passed over (not JSON,
	// JSON Lines or their gzip).
	SkippedFiles int
	// Records counts every record read: Normandy records, records of other
	// categories or sources (skipped), and values that could not be read as
	// records (parse errors, unrecognized or malformed values).
	Records             int
	NormandyRecords     int
	SkippedRecords      int
	RecordsWithFindings int
	CleanRecords        int
	// Formats counts records per input format (adapter name).
	Formats  map[string]int
	Errors   int
	Warnings int
	Infos    int
	// Waived counts findings a configuration waiver accepted; Baselined
	// those a baseline file already knew; BaselineStale the baseline
	// entries that matched nothing (the file can shrink). None of them are
	// among Errors, Warnings and Infos.
	Waived        int
	Baselined     int
	BaselineStale int
	// Omitted counts, per rule, findings left out of the output by
	// --max-per-rule (they still count above and in the exit code).
	Omitted map[string]int
	// Hidden counts findings left out of the output because they are
	// below --min-severity (they still count above and in the exit code).
	Hidden int
	// LifecyclePairsForgotten counts the (client, study) pairs the
	// lifecycle rules forgot, oldest first, because their state reached
	// Config.MaxLifecyclePairs; 0 when it never did.
	LifecyclePairsForgotten int
}

// Add counts a diagnostic by severity.
func (s *Summary) Add(d *Diagnostic) {
	switch d.Severity {
	case SeverityError:
		s.Errors++
	case SeverityWarning:
		s.Warnings++
	case SeverityInfo:
		s.Infos++
	}
}

// Max returns the highest severity counted.
func (s *Summary) Max() Severity {
	switch {
	case s.Errors > 0:
		return SeverityError
	case s.Warnings > 0:
		return SeverityWarning
	case s.Infos > 0:
		return SeverityInfo
	}
	return SeverityNone
}

// RunInfo describes a run to reporters before any diagnostic arrives.
type RunInfo struct {
	Tool    string
	Version string
	// Rules is the catalog in use, with effective severities.
	Rules []*Rule
	// DocsURL is where a rule's documentation lives: DocsURL + rule ID is
	// the rule's anchor in README.
	DocsURL string
	// InformationURL is the tool's home page.
	InformationURL string
}

// FileResult is what a reporter learns when a file is done.
type FileResult struct {
	File     string
	Records  int
	Findings int
	// Err is set when the input could not be read at all.
	Err error
}

// Reporter renders a run. The engine calls Start once, then Diagnostic for
// every finding in final order (file, line, column, rule) interleaved with
// File as each file completes, then Finish once. A new output format is one
// more implementation of this interface.
type Reporter interface {
	Start(info RunInfo) error
	Diagnostic(d *Diagnostic) error
	File(f FileResult) error
	Finish(s Summary) error
}

// sortDiagnostics orders diagnostics by line, column, rule and message.
func sortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool { return lessDiagnostic(&ds[i], &ds[j]) })
}

func lessDiagnostic(a, b *Diagnostic) bool {
	return cmp.Or(
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Pointer, b.Pointer),
		strings.Compare(a.Message, b.Message),
	) < 0
}
