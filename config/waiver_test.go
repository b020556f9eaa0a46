package config

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/normlint/normlint/lint"
)

// finding is a diagnostic every field of a waiver can match.
func finding() *lint.Diagnostic {
	return &lint.Diagnostic{
		Rule: "unknown-reason", Severity: lint.SeverityError,
		File: "samples/old/a.json", Line: 3, Column: 7,
		Pointer: "/extra/reason", Identity: "pref-old-study",
	}
}

var (
	day      = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	fullSpec = `waivers:
  - rule: unknown-reason
    reason: "Firefox 91 sent it (bug 1234567); fixed in 92"
    path: "samples/old/*.json"
    pointer: "/extra/reason"
    value: "pref-old-study"
    expires: 2027-01-31
`
)

func TestWaiveApplied(t *testing.T) {
	c := parse(t, fullSpec)
	// Files are given relative to the working directory; the
	// configuration lives in cfg/, so its globs start from there.
	d := finding()
	d.File = "cfg/samples/old/a.json"
	w, ok := c.Waive(d, day)
	if !ok || w != c.Waivers[0] {
		t.Fatalf("Waive = %v, %v; want the waiver", w, ok)
	}
	if _, ok := c.Waive(d, day); !ok || w.Matched != 2 {
		t.Errorf("Matched = %d after two findings, want 2", w.Matched)
	}
	if got := c.Problems(day, nil); len(got) != 0 {
		t.Errorf("Problems = %+v, want none", got)
	}
}

// TestWaiveNarrowing: each optional field narrows what the waiver accepts.
func TestWaiveNarrowing(t *testing.T) {
	tests := []struct {
		name  string
		field string // the waiver's narrowing line
		match func(d *lint.Diagnostic)
		miss  func(d *lint.Diagnostic)
	}{
		{"rule only", "", func(d *lint.Diagnostic) {}, func(d *lint.Diagnostic) { d.Rule = "invalid-reason" }},
		{"path", `path: "samples/old/*.json"`,
			func(d *lint.Diagnostic) {},
			func(d *lint.Diagnostic) { d.File = "samples/new/a.json" }},
		{"path at any depth", `path: "old"`,
			func(d *lint.Diagnostic) { d.File = "deep/old/x/a.json" },
			func(d *lint.Diagnostic) { d.File = "deep/older/a.json" }},
		{"pointer", `pointer: "/events/*/extra/reason"`,
			func(d *lint.Diagnostic) { d.Pointer = "/events/4/extra/reason" },
			func(d *lint.Diagnostic) { d.Pointer = "/events/4/extra/branch" }},
		{"pointer by last token", `pointer: reason`,
			func(d *lint.Diagnostic) { d.Pointer = "/payload/events/parent/0/5/reason" },
			func(d *lint.Diagnostic) { d.Pointer = "/extra" }},
		{"value", `value: pref-old-study`,
			func(d *lint.Diagnostic) {},
			func(d *lint.Diagnostic) { d.Identity = "pref-new-study" }},
		{"expires", `expires: 2026-06-01`,
			func(d *lint.Diagnostic) {},
			nil}, // covered by TestWaiveExpiry
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "waivers:\n  - rule: unknown-reason\n    reason: known\n"
			if tt.field != "" {
				src += "    " + tt.field + "\n"
			}
			// The configuration is in the working directory here.
			c, err := Parse(FileName, []byte(src), testRules, testFormats)
			if err != nil {
				t.Fatal(err)
			}
			d := finding()
			tt.match(d)
			if _, ok := c.Waive(d, day); !ok {
				t.Errorf("%+v not waived", d)
			}
			if tt.miss != nil {
				d = finding()
				tt.match(d)
				tt.miss(d)
				if w, ok := c.Waive(d, day); ok {
					t.Errorf("%+v waived by %+v", d, w)
				}
			}
			if c.Waivers[0].Matched != 1 {
				t.Errorf("Matched = %d, want 1", c.Waivers[0].Matched)
			}
		})
	}
}

// TestWaiveFirstWins: waivers are tried in file order; the first that
// matches takes the finding, so a waiver shadowed by an earlier one shows
// up as unused.
func TestWaiveFirstWins(t *testing.T) {
	c := parse(t, "waivers:\n  - {rule: unknown-reason, reason: broad}\n  - {rule: unknown-reason, reason: narrow, value: pref-old-study}\n")
	if w, ok := c.Waive(finding(), day); !ok || w.Reason != "broad" {
		t.Errorf("Waive = %+v, %v", w, ok)
	}
	got := c.Problems(day, nil)
	if len(got) != 1 || got[0].Rule != unusedWaiver || got[0].Pointer != "/waivers/1" || got[0].Line != 3 {
		t.Errorf("Problems = %+v", got)
	}
}

func TestUnusedWaiver(t *testing.T) {
	src := "fail-level: error\nwaivers:\n  - rule: missing-slug\n    reason: known\n  - rule: unknown-reason\n    reason: known\n    path: \"samples/*.json\"\n    value: other-study\n"
	c := parse(t, src)
	c.Waive(&lint.Diagnostic{Rule: "missing-slug"}, day)
	got := c.Problems(day, nil)
	want := lint.Diagnostic{
		Rule: unusedWaiver, Severity: lint.SeverityWarning,
		Message: "waiver 2 (unknown-reason) matched no finding in this run",
		Hint:    "remove the waiver if the finding is gone, or correct its path or value",
		File:    "cfg/.normlint.yaml", Line: 5, Column: 5, Pointer: "/waivers/1",
	}
	if len(got) != 1 || fmt.Sprint(got[0]) != fmt.Sprint(want) {
		t.Errorf("Problems =\n%+v\nwant\n%+v", got, want)
	}
}

func TestUnusedWaiverOfDisabledRule(t *testing.T) {
	c := parse(t, "rules:\n  missing-slug: off\nwaivers:\n  - rule: missing-slug\n    reason: known\n")
	got := c.Problems(day, nil)
	if len(got) != 1 || got[0].Message != "waiver 1 (missing-slug) matched no finding in this run: rule missing-slug is off in this file" ||
		got[0].Hint != "remove the waiver if the finding is gone" {
		t.Errorf("Problems = %+v", got)
	}
}

// TestWaiveExpiry: a waiver applies through its expires day, in the
// caller's time zone, and not after.
func TestWaiveExpiry(t *testing.T) {
	c := parse(t, "waivers:\n  - rule: unknown-reason\n    reason: known\n    expires: 2027-01-31\n")
	tokyo := time.FixedZone("JST", 9*3600)
	la := time.FixedZone("PST", -8*3600)
	tests := []struct {
		today  time.Time
		waived bool
	}{
		{time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 1, 31, 23, 59, 59, 0, time.UTC), true}, // the whole day
		{time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 1, 31, 23, 0, 0, 0, la), true},   // still the 31st in Los Angeles (Feb 1 in UTC)
		{time.Date(2027, 2, 1, 1, 0, 0, 0, tokyo), false}, // already Feb 1 in Tokyo (Jan 31 in UTC)
		{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if _, ok := c.Waive(finding(), tt.today); ok != tt.waived {
			t.Errorf("Waive on %v = %v, want %v", tt.today, ok, tt.waived)
		}
		if got := c.Waivers[0].Expired(tt.today); got == tt.waived {
			t.Errorf("Expired(%v) = %v", tt.today, got)
		}
	}
}

func TestExpiredWaiver(t *testing.T) {
	c := parse(t, "waivers:\n  - rule: missing-slug\n    reason: known\n  - rule: unknown-reason\n    reason: known\n    expires: 2026-05-31\n")
	for range 3 {
		if w, ok := c.Waive(finding(), day); ok {
			t.Fatalf("an expired waiver waived: %+v", w)
		}
	}
	if c.Waivers[1].Matched != 0 {
		t.Errorf("Matched = %d", c.Waivers[1].Matched)
	}
	got := c.Problems(day, nil)
	if len(got) != 2 {
		t.Fatalf("Problems = %+v", got)
	}
	if got[0].Rule != unusedWaiver || got[0].Pointer != "/waivers/0" {
		t.Errorf("first problem = %+v", got[0])
	}
	want := lint.Diagnostic{
		Rule: expiredWaiver, Severity: lint.SeverityError,
		Message: "waiver 2 (unknown-reason) expired on 2026-05-31 and no longer applies: the 3 findings it matched are reported again",
		Hint:    "fix the findings and remove the waiver, or set a later expires date if the reason still holds",
		File:    "cfg/.normlint.yaml", Line: 4, Column: 5, Pointer: "/waivers/1",
	}
	if fmt.Sprint(got[1]) != fmt.Sprint(want) {
		t.Errorf("expired problem =\n%+v\nwant\n%+v", got[1], want)
	}
	// An expired waiver that matched nothing is one problem, not two.
	c = parse(t, "waivers:\n  - {rule: unknown-reason, reason: known, expires: 2020-01-01}\n")
	got = c.Problems(day, nil)
	if len(got) != 1 || got[0].Rule != expiredWaiver || strings.Contains(got[0].Message, "reported again") {
		t.Errorf("Problems = %+v", got)
	}
}

// TestExpiredFallsThrough: an expired waiver does not stop a later valid
// one from applying, and is then not charged with the finding.
func TestExpiredFallsThrough(t *testing.T) {
	c := parse(t, "waivers:\n  - {rule: unknown-reason, reason: old, expires: 2020-01-01}\n  - {rule: unknown-reason, reason: new}\n")
	if w, ok := c.Waive(finding(), day); !ok || w.Reason != "new" {
		t.Errorf("Waive = %+v, %v", w, ok)
	}
	if got := c.Problems(day, nil); len(got) != 1 || got[0].Message != "waiver 1 (unknown-reason) expired on 2020-01-01 and no longer applies" {
		t.Errorf("Problems = %+v", got)
	}
}

// TestProblemsSettings: the file's rules settings apply to its own rules.
func TestProblemsSettings(t *testing.T) {
	src := "waivers:\n  - {rule: unknown-reason, reason: r}\n  - {rule: missing-slug, reason: r, expires: 2020-01-01}\n"
	c := parse(t, "rules: {unused-waiver: error, expired-waiver: warning}\n"+src)
	got := c.Problems(day, nil)
	if len(got) != 2 || got[0].Severity != lint.SeverityError || got[1].Severity != lint.SeverityWarning {
		t.Errorf("Problems = %+v", got)
	}
	c = parse(t, "rules: {unused-waiver: off}\n"+src)
	if got := c.Problems(day, nil); len(got) != 1 || got[0].Rule != expiredWaiver {
		t.Errorf("Problems = %+v", got)
	}
}

// TestWaiveConcurrent: Waive may be called from several goroutines (run
// with -race).
func TestWaiveConcurrent(t *testing.T) {
	c := parse(t, fullSpec+"  - {rule: missing-slug, reason: r, path: \"**/*.json\"}\n")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 100 {
				c.Waive(&lint.Diagnostic{Rule: "missing-slug", File: fmt.Sprintf("cfg/f%d-%d.json", i, j%10)}, day)
				c.Excluded("x.json")
				c.FormatFor("x.json")
			}
		}()
	}
	wg.Wait()
	if c.Waivers[1].Matched != 800 {
		t.Errorf("Matched = %d, want 800", c.Waivers[1].Matched)
	}
}

func TestNoWaivers(t *testing.T) {
	var c Config
	if _, ok := c.Waive(finding(), day); ok {
		t.Error("an empty config waived")
	}
	if c.Excluded("a.json") || c.FormatFor("a.json") != "" || len(c.Problems(day, nil)) != 0 {
		t.Error("an empty config did something")
	}
}
