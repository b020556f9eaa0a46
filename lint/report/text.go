package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/normlint/normlint/lint"
)

// textFormat renders diagnostics in the compiler form editors and CI problem
// matchers parse: "file:line:col: severity: message [rule]", a hint line
// where there is one, and a closing summary.
type textFormat struct {
	w     *bufio.Writer
	color bool
	// hints remembers where each rule's hint was first shown, by rule and
	// text: a hint repeated on every line is noise, so later findings with
	// the same hint point back to it. A hint that differs (a did-you-mean)
	// is shown in full.
	hints map[[2]string]string
}

// newText writes to w, with ANSI colour when color is set.
func newText(w io.Writer, color bool) *textFormat {
	return &textFormat{w: bufio.NewWriter(w), color: color, hints: map[[2]string]string{}}
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

func (t *textFormat) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + ansiReset
}

func (t *textFormat) severity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return t.paint(ansiBold+ansiRed, "error")
	case lint.SeverityWarning:
		return t.paint(ansiBold+ansiYellow, "warning")
	}
	return t.paint(ansiBold+ansiBlue, s.String())
}

// Start implements lint.Reporter.
func (t *textFormat) Start(lint.RunInfo) error { return nil }

// Diagnostic implements lint.Reporter.
func (t *textFormat) Diagnostic(d *lint.Diagnostic) error {
	waived := ""
	if d.Waived {
		waived = " " + t.paint(ansiDim, "(waived)")
	}
	fmt.Fprintf(t.w, "%s: %s: %s %s%s\n", t.paint(ansiBold, fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)),
		t.severity(d.Severity), d.Message, t.paint(ansiDim, "["+d.Rule+"]"), waived)
	if d.Pointer != "" {
		fmt.Fprintf(t.w, "    %s %s\n", t.paint(ansiCyan, "at"), d.Pointer)
	}
	if d.Hint != "" {
		key := [2]string{d.Rule, d.Hint}
		if first, ok := t.hints[key]; ok {
			fmt.Fprintf(t.w, "    %s %s\n", t.paint(ansiCyan, "hint:"), t.paint(ansiDim, "as at "+first))
		} else {
			t.hints[key] = fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
			fmt.Fprintf(t.w, "    %s %s\n", t.paint(ansiCyan, "hint:"), d.Hint)
		}
	}
	for _, r := range d.Related {
		fmt.Fprintf(t.w, "    %s %s:%d:%d (%s): %s\n", t.paint(ansiCyan, "see"), r.File, r.Line, r.Column, r.Pointer, r.Message)
	}
	return nil
}

// File implements lint.Reporter.
func (t *textFormat) File(lint.FileResult) error { return nil }

// Finish implements lint.Reporter.
func (t *textFormat) Finish(s lint.Summary) error {
	fmt.Fprintf(t.w, "%s %s", t.paint(ansiBold, "normlint:"), recordCounts(s))
	if len(s.Formats) > 0 {
		names := make([]string, 0, len(s.Formats))
		for f := range s.Formats {
			names = append(names, f)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, f := range names {
			parts[i] = fmt.Sprintf("%s %d", f, s.Formats[f])
		}
		fmt.Fprintf(t.w, "; formats: %s", strings.Join(parts, ", "))
	}
	fmt.Fprintf(t.w, "\n%s %s\n", t.paint(ansiBold, "findings:"), findingCounts(s))
	if s.BaselineStale > 0 {
		fmt.Fprintf(t.w, "%s %d baseline %s no longer match: write the baseline again to shrink it\n", t.paint(ansiBold, "baseline:"),
			s.BaselineStale, plural(s.BaselineStale, "entry", "entries"))
	}
	if len(s.Omitted) > 0 {
		rules := make([]string, 0, len(s.Omitted))
		for r := range s.Omitted {
			rules = append(rules, r)
		}
		sort.Strings(rules)
		parts := make([]string, len(rules))
		total := 0
		for i, r := range rules {
			parts[i] = fmt.Sprintf("%s %d", r, s.Omitted[r])
			total += s.Omitted[r]
		}
		fmt.Fprintf(t.w, "%s %d more %s not shown (--max-per-rule): %s\n", t.paint(ansiBold, "omitted:"), total, plural(total, "finding", "findings"), strings.Join(parts, ", "))
	}
	if s.LifecyclePairsForgotten > 0 {
		fmt.Fprintf(t.w, "%s the state reached --max-lifecycle-pairs: %d (client, study) %s forgotten, oldest first; unenroll-without-enroll was not reported after that (lifecycle-limit)\n",
			t.paint(ansiBold, "lifecycle:"), s.LifecyclePairsForgotten, plural(s.LifecyclePairsForgotten, "pair", "pairs"))
	}
	if s.Hidden > 0 {
		fmt.Fprintf(t.w, "%s %d %s below the minimum severity not shown (--min-severity, --quiet)\n", t.paint(ansiBold, "hidden:"), s.Hidden, plural(s.Hidden, "finding", "findings"))
	}
	return t.w.Flush()
}

// SummaryLine is a run's summary on one line, as the github format ends
// and as the command line prints it when every output goes to a file.
func SummaryLine(s lint.Summary) string {
	return "normlint: " + recordCounts(s) + "; " + findingCounts(s)
}

// recordCounts words what a run read; every summary shares it so that they
// never disagree.
func recordCounts(s lint.Summary) string {
	var b strings.Builder
	inputs := s.Files + s.Unreadable
	fmt.Fprintf(&b, "%d %s", inputs, plural(inputs, "file", "files"))
	if s.Unreadable > 0 {
		fmt.Fprintf(&b, " (%d unreadable)", s.Unreadable)
	}
	if s.SkippedFiles > 0 {
		fmt.Fprintf(&b, " (%d other %s skipped)", s.SkippedFiles, plural(s.SkippedFiles, "file", "files"))
	}
	fmt.Fprintf(&b, ", %d %s (%d Normandy, %d skipped); %d with findings, %d clean",
		s.Records, plural(s.Records, "record", "records"), s.NormandyRecords, s.SkippedRecords, s.RecordsWithFindings, s.CleanRecords)
	return b.String()
}

// findingCounts words what a run found.
func findingCounts(s lint.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s, %d %s, %d %s",
		s.Errors, plural(s.Errors, "error", "errors"), s.Warnings, plural(s.Warnings, "warning", "warnings"), s.Infos, plural(s.Infos, "info", "infos"))
	if s.Waived > 0 {
		fmt.Fprintf(&b, "; %d waived", s.Waived)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", s.Baselined)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
