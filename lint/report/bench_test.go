package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/normlint/normlint/lint"
)

// benchDiagnostics are n findings spread over files of 100, with a hint on
// every other one and a related location on every tenth: what a QA audit
// of a large export hands the reporter.
func benchDiagnostics(n int) []lint.Diagnostic {
	ds := make([]lint.Diagnostic, n)
	for i := range ds {
		d := lint.Diagnostic{Rule: "invalid-reason", Severity: lint.SeverityError,
			Message: fmt.Sprintf(`reason "recipe-not-found-%d" is not one Firefox sends for unenroll/preference_study`, i%7),
			File:    fmt.Sprintf("exports/day-%03d.jsonl", i/100), Line: i%100 + 1, Column: 142,
			Pointer: "/extra/reason", Record: i%100 + 1, Identity: fmt.Sprintf("pref-study-%d", i%50)}
		if i%2 == 0 {
			d.Hint = `did you mean "recipe-not-seen"?`
		}
		if i%10 == 0 {
			d.Rule, d.Severity = "unenroll-without-enroll", lint.SeverityWarning
			d.Related = []lint.Related{{File: d.File, Line: 1, Column: 36, Pointer: "/method", Message: "the client's first record"}}
		}
		ds[i] = d
	}
	return ds
}

// BenchmarkReporters measures each output format on the same findings,
// per finding, with the files' ends and the summary.
func BenchmarkReporters(b *testing.B) {
	const n = 10000
	ds := benchDiagnostics(n)
	sum := lint.Summary{Files: n / 100, Records: n * 3, NormandyRecords: n * 3, RecordsWithFindings: n,
		CleanRecords: n * 2, Formats: map[string]int{"records": n * 3}, Errors: n * 9 / 10, Warnings: n / 10}
	for _, f := range Formats() {
		b.Run(f.Name, func(b *testing.B) {
			// Reporters may keep a finding's pointer: each run gets its own
			// copy, made without allocating.
			work := make([]lint.Diagnostic, n)
			b.ReportAllocs()
			for b.Loop() {
				copy(work, ds)
				rep := f.New(io.Discard, Options{})
				if err := rep.Start(fixtureInfo()); err != nil {
					b.Fatal(err)
				}
				for i := range work {
					d := &work[i]
					if err := rep.Diagnostic(d); err != nil {
						b.Fatal(err)
					}
					if i%100 == 99 {
						if err := rep.File(lint.FileResult{File: d.File, Records: 300, Findings: 100}); err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := rep.Finish(sum); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/finding")
		})
	}
}
