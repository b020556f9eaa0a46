package diff

import (
	"fmt"
	"io"
	"testing"

	"github.com/normlint/normlint/audit"
)

// benchReport is a report of a large export: 1000 sources, 500 studies,
// 2000 finding groups; shift moves some counts between the two sides.
func benchReport(shift int) *audit.Report {
	r := &audit.Report{Version: audit.Version, Examples: 3, Uptake: map[string]*audit.Uptake{}, Studies: map[string]*audit.Study{},
		Findings: map[string]int{}, Severities: map[string]int{}}
	for i := range 1000 {
		u := &audit.Uptake{Family: "recipe", Statuses: map[string]int{"success": 900 - shift*(i%3), "apply_error": 100 + shift*(i%3)},
			InvalidRules: map[string]string{}}
		u.Success, u.Failure, u.Total = 900-shift*(i%3), 100+shift*(i%3), 1000
		u.Clients = audit.Clients{Total: 800, Success: 700, Failure: 100 + shift*(i%3), Rated: 800}
		r.Uptake[fmt.Sprintf("normandy/recipe/%d", i)] = u
	}
	for i := range 500 {
		r.Studies[fmt.Sprintf("preference_study pref-%d", i)] = &audit.Study{Object: "preference_study", Slug: fmt.Sprintf("pref-%d", i),
			Enrollments: 100, Branches: map[string]int{"control": 50, "treatment": 50 - shift},
			Unenrollments: map[string]int{"recipe-not-seen": 10 + shift}, EnrollFailures: map[string]int{}, Events: map[string]int{"enroll/preference_study": 100}}
	}
	for i := range 2000 {
		r.Fingerprints = append(r.Fingerprints, &audit.Fingerprint{Rule: "missing-slug", Severity: "error", Pointer: "/value",
			Identity: fmt.Sprintf("id-%d", i+shift*100), Count: 1})
		r.Locations = append(r.Locations, &audit.Location{Rule: "missing-slug", Severity: "error", Pointer: fmt.Sprintf("/%d/value", i%7), Count: 1, Examples: []string{"a.json:1"}})
	}
	r.Findings["missing-slug"] = 2000
	whole := &audit.Report{}
	whole.Merge(r)
	return whole
}

// BenchmarkCompare compares two large reports and renders the text.
func BenchmarkCompare(b *testing.B) {
	old, cur := benchReport(0), benchReport(5)
	b.ReportAllocs()
	for b.Loop() {
		res := Compare(old, cur, Options{MinChange: 0.02})
		if err := Render(io.Discard, res, "text"); err != nil {
			b.Fatal(err)
		}
	}
}
