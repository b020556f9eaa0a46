package audit

import (
	"fmt"
	"io"
	"testing"
)

// benchReport is a report of the size a real export gives: the runner, 60
// recipes, 12 actions, 43 studies, 36 rules at 80 locations.
func benchReport() *Report {
	r := &Report{Uptake: map[string]*Uptake{}, Studies: map[string]*Study{}, Findings: map[string]int{}, Severities: map[string]int{}}
	r.Uptake["normandy/runner"] = &Uptake{Family: "runner", Total: 40000, Statuses: map[string]int{"success": 31000, "network_error": 8000, "signature_error": 1000}}
	for i := range 60 {
		r.Uptake[fmt.Sprintf("normandy/recipe/%d", 900+i)] = &Uptake{Family: "recipe", Total: 1800,
			Statuses: map[string]int{"success": 1400 - i, "backoff": 200, "apply_error": 150 + i, "content_error": 50}}
	}
	for i := range 12 {
		r.Uptake[fmt.Sprintf("normandy/action/Action%d", i)] = &Uptake{Family: "action", Total: 100, Statuses: map[string]int{"success": 90, "custom_1_error": 10}}
	}
	for i := range 43 {
		r.Studies[fmt.Sprintf("pref-study-release-%d", i)] = &Study{Object: "preference_study", Enrollments: 500 + i,
			Branches: map[string]int{"control": 250, "treatment": 250 + i}, Unenrollments: map[string]int{"recipe-not-seen": 100, "unknown": i % 3},
			EnrollFailures: map[string]int{}}
	}
	sev := []string{"error", "warning", "info"}
	for i := range 80 {
		rule := fmt.Sprintf("rule-%d", i%36)
		r.Findings[rule] += 10 + i
		r.Severities[sev[i%36%3]] += 10 + i
		r.Locations = append(r.Locations, &Location{Rule: rule, Severity: sev[i%36%3], Pointer: fmt.Sprintf("/extra/key%d", i), Count: 10 + i,
			Examples: []string{"export.jsonl:1", "export.jsonl:2", "export.jsonl:3"}})
	}
	r.Summary = Summary{Files: 1, Records: 500000, NormandyRecords: 480000, SkippedRecords: 20000}
	r.Coverage = Coverage{Documented: 29, Seen: []string{"a"}, Unseen: []string{"b"}}
	return r
}

// BenchmarkRenderHTML renders the page of a large report.
func BenchmarkRenderHTML(b *testing.B) {
	r := benchReport()
	b.ReportAllocs()
	for b.Loop() {
		if err := renderHTML(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
