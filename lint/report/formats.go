package report

import (
	"io"

	"github.com/normlint/normlint/lint"
)

// Options are what a reporter may need besides its writer.
type Options struct {
	// Color asks for ANSI colour (text only).
	Color bool
	// StepSummary is the file GitHub Actions shows on the job's page
	// (GITHUB_STEP_SUMMARY), for the github format; "" for none.
	StepSummary string
}

// Format is an output format of `normlint check`.
type Format struct {
	Name string
	New  func(w io.Writer, o Options) lint.Reporter
}

// Formats lists the output formats, in the order help texts name them. A
// new format is one file implementing lint.Reporter and one entry here.
func Formats() []Format {
	return []Format{
		{"text", func(w io.Writer, o Options) lint.Reporter { return newText(w, o.Color) }},
		{"json", func(w io.Writer, _ Options) lint.Reporter { return newJSON(w) }},
		{"sarif", func(w io.Writer, _ Options) lint.Reporter { return newSARIF(w, "") }},
		{"junit", func(w io.Writer, _ Options) lint.Reporter { return newJUnit(w) }},
		{"github", func(w io.Writer, o Options) lint.Reporter { return newGitHub(w, o.StepSummary) }},
		{"checkstyle", func(w io.Writer, _ Options) lint.Reporter { return newCheckstyle(w) }},
	}
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}
