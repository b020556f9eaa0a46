package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

// This file also holds what the tests of every format share: a fixed run
// (fixtureRun) and golden files (testdata/*.golden, rewritten by
// `go test ./lint/report/ -update`).

var update = flag.Bool("update", false, "rewrite the golden files of lint/report/testdata")

// fixtureCwd is the working directory the SARIF fixture is relative to.
const fixtureCwd = "/work/repo"

// The fixture's inputs: a JSON Lines file with an error (with hint), a
// warning with related places, infos and a message full of characters to
// escape; a second file with a name to escape and two findings with the
// same fingerprint; an unreadable file; a file outside the working
// directory; standard input; a clean file.
const (
	fileA     = "samples/a.jsonl"
	fileB     = "sub dir/b,1:ü%.json"
	fileC     = "missing.json"
	fileD     = "/elsewhere/c.json"
	fileStdin = "<stdin>"
	fileClean = "samples/clean.json"
)

// nastyMessage holds every character some format must escape.
const nastyMessage = "slug \"50% off, a:b <x> & 'y' naïve — 日本\" spans lines\nsecond line\r{braces} bell\x07 and [x](1) ]]> end"

func fixtureInfo() lint.RunInfo {
	noop := func(*lint.Pass, *lint.Record) {}
	return lint.RunInfo{
		Tool:           "normlint",
		Version:        "1.2.3",
		DocsURL:        "https://github.com/normlint/normlint#",
		InformationURL: "https://github.com/normlint/normlint",
		Rules: []*lint.Rule{
			{ID: "invalid-reason", Severity: lint.SeverityError, Summary: "a reason that no Firefox sends for the event", Check: noop,
				Doc: lint.Doc{Rationale: "Firefox sends a fixed set of reasons.\nAnything else was not sent by Firefox.",
					Spec: "data-collection.rst, Enrollment", Firefox: "Every version.",
					Bad: `{"category": "normandy", "extra": {"reason": "nope"}}`, Good: `{"category": "normandy", "extra": {"reason": "recipe-not-seen"}}`}},
			{ID: "no-normandy-records", Severity: lint.SeverityInfo, Summary: "a file held no Normandy record at all"},
			{ID: "parse-error", Severity: lint.SeverityError, Summary: "the input is not valid JSON",
				Doc: lint.Doc{Rationale: "Sources are normandy/recipe/<id> and *processes*.*.events; my_var_name [sic] | pipes # hash `tick`"}},
			{ID: "slug-format", Severity: lint.SeverityWarning, Summary: "a slug contains whitespace, control characters or non-ASCII", Check: noop},
			{ID: "undocumented-event", Severity: lint.SeverityInfo, Summary: "a pair Firefox registers that the document does not describe",
				Message: func(*lint.Record, *lint.Violation) (string, string) { return "", "" }},
			{ID: "unenroll-without-enroll", Severity: lint.SeverityWarning, Summary: "an unenroll from a study that no earlier record enrolled in",
				NewStream: func() lint.Stream { return nil }, Doc: lint.Doc{Rationale: "An unenroll needs an enroll?"}},
		},
	}
}

func fixtureSummary() lint.Summary {
	return lint.Summary{Files: 5, Unreadable: 1, SkippedFiles: 1, Records: 15, NormandyRecords: 12, SkippedRecords: 2,
		RecordsWithFindings: 7, CleanRecords: 6, Formats: map[string]int{"records": 10, "event-ping": 5},
		Errors: 7, Warnings: 2, Infos: 2, Waived: 1, Baselined: 2, Omitted: map[string]int{"invalid-reason": 2}}
}

// fixtureRun drives rep through the fixture's run, as the engine would.
func fixtureRun(rep lint.Reporter) error {
	ds := []lint.Diagnostic{
		{Rule: "invalid-reason", Severity: lint.SeverityError, Message: `reason "recipe-not-found" is not one Firefox sends for unenroll/preference_study`,
			Hint: `did you mean "recipe-not-seen"?`, File: fileA, Line: 2, Column: 142, Pointer: "/extra/reason", Record: 2, Identity: "pref-a"},
		{Rule: "undocumented-event", Severity: lint.SeverityInfo, Message: "graduate/preference_rollout is an event Firefox sends",
			File: fileA, Line: 3, Column: 36, Pointer: "/method", Record: 3, Identity: "rollout-b"},
		{Rule: "slug-format", Severity: lint.SeverityWarning, Message: nastyMessage, Hint: "use {the} recipe's slug, e.g. a,b:c 100%",
			File: fileA, Line: 3, Column: 85, Pointer: "/value", Record: 3, Identity: "50% off"},
		{Rule: "unenroll-without-enroll", Severity: lint.SeverityWarning, Message: `preference_study unenrolls from "pref-h", but no earlier record enrolls in it`,
			File: fileA, Line: 4, Column: 36, Pointer: "/method", Record: 4, Identity: "pref-h",
			Related: []lint.Related{
				{File: fileA, Line: 1, Column: 1, Message: "the client's first record"},
				{File: fileB, Line: 2, Column: 5, Pointer: "/events/0", Message: "an enroll in [another] study"},
			}},
	}
	ds2 := []lint.Diagnostic{
		{Rule: "parse-error", Severity: lint.SeverityError, Message: "invalid JSON: trailing comma before '}'",
			Hint: "fix the JSON at this position", File: fileB, Line: 1, Column: 150, Record: 1},
		{Rule: "invalid-reason", Severity: lint.SeverityError, Message: `reason "x" is not one Firefox sends`,
			File: fileB, Line: 7, Column: 9, Pointer: "/payload/events/parent/3/5/reason", Record: 2, Identity: "pref-b"},
		{Rule: "invalid-reason", Severity: lint.SeverityError, Message: `reason "x" is not one Firefox sends`,
			File: fileB, Line: 8, Column: 9, Pointer: "/payload/events/parent/4/5/reason", Record: 3, Identity: "pref-b"},
	}
	dD := lint.Diagnostic{Rule: "no-normandy-records", Severity: lint.SeverityInfo, Message: "the file holds 2 records, none of them Normandy's",
		Hint: "leave it out of the run", File: fileD, Line: 1, Column: 1}
	dStdin := lint.Diagnostic{Rule: "parse-error", Severity: lint.SeverityError, Message: "invalid JSON: unexpected end of input",
		File: fileStdin, Line: 1, Column: 3, Record: 1}

	if err := rep.Start(fixtureInfo()); err != nil {
		return err
	}
	for i := range ds {
		if err := rep.Diagnostic(&ds[i]); err != nil {
			return err
		}
	}
	steps := []func() error{
		func() error { return rep.File(lint.FileResult{File: fileA, Records: 5, Findings: len(ds)}) },
		func() error {
			for i := range ds2 {
				if err := rep.Diagnostic(&ds2[i]); err != nil {
					return err
				}
			}
			return rep.File(lint.FileResult{File: fileB, Records: 3, Findings: len(ds2)})
		},
		func() error {
			return rep.File(lint.FileResult{File: fileC, Err: errors.New("open missing.json: no such file or directory")})
		},
		func() error {
			if err := rep.Diagnostic(&dD); err != nil {
				return err
			}
			return rep.File(lint.FileResult{File: fileD, Records: 2, Findings: 1})
		},
		func() error {
			if err := rep.Diagnostic(&dStdin); err != nil {
				return err
			}
			return rep.File(lint.FileResult{File: fileStdin, Records: 1, Findings: 1})
		},
		func() error { return rep.File(lint.FileResult{File: fileClean, Records: 4}) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return rep.Finish(fixtureSummary())
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint/report/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./lint/report/ -update rewrites it); got:\n%s", path, got)
	}
}

func sarifOutput(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fixtureRun(newSARIF(&b, filepath.FromSlash(fixtureCwd))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSARIFGolden(t *testing.T) {
	golden(t, "fixture.sarif.golden", sarifOutput(t))
}

// The SARIF log's shape, read back as generic JSON.
func TestSARIFStructure(t *testing.T) {
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					Version        string `json:"version"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID               string            `json:"id"`
						Name             string            `json:"name"`
						ShortDescription map[string]string `json:"shortDescription"`
						FullDescription  map[string]string `json:"fullDescription"`
						Help             map[string]string `json:"help"`
						HelpURI          string            `json:"helpUri"`
						Default          map[string]any    `json:"defaultConfiguration"`
						Properties       struct {
							Tags []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]map[string]string `json:"originalUriBaseIds"`
			ColumnKind         string                       `json:"columnKind"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
						Kind               string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				RelatedLocations []struct {
					ID      int `json:"id"`
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
				} `json:"relatedLocations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful *bool `json:"executionSuccessful"`
				Notifications       []struct {
					Level   string `json:"level"`
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	out := sarifOutput(t)
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "normlint" || d.Version != "1.2.3" || d.InformationURI != "https://github.com/normlint/normlint" {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	info := fixtureInfo()
	if len(d.Rules) != len(info.Rules) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(info.Rules))
	}
	levels := map[string]string{"invalid-reason": "error", "slug-format": "warning", "undocumented-event": "note"}
	for i, r := range d.Rules {
		if r.ID != info.Rules[i].ID || r.ShortDescription["text"] == "" || r.FullDescription["text"] == "" || r.Help["text"] == "" ||
			r.HelpURI != info.DocsURL+r.ID || len(r.Properties.Tags) == 0 {
			t.Errorf("rule %d: %+v", i, r)
		}
		if want, ok := levels[r.ID]; ok && r.Default["level"] != want {
			t.Errorf("rule %s: level %v, want %s", r.ID, r.Default["level"], want)
		}
	}
	if d.Rules[5].Name != "UnenrollWithoutEnroll" {
		t.Errorf("name %q", d.Rules[5].Name)
	}
	if !strings.Contains(d.Rules[0].Help["text"], `{"category": "normandy", "extra": {"reason": "nope"}}`) {
		t.Errorf("help lacks the example: %q", d.Rules[0].Help["text"])
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"]["uri"]; got != "file:///work/repo/" {
		t.Errorf("%%SRCROOT%% is %q", got)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if len(run.Results) != 9 {
		t.Fatalf("%d results, want 9", len(run.Results))
	}
	fps := map[string]bool{}
	for i, r := range run.Results {
		if r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %v for %s", i, r.RuleIndex, r.RuleID)
		}
		if r.Message.Text == "" || len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %d: %+v", i, r)
		}
		fp := r.PartialFingerprints["normlintFingerprint/v1"]
		if fp == "" || fps[fp] {
			t.Errorf("result %d: fingerprint %q missing or repeated", i, fp)
		}
		fps[fp] = true
	}
	uris := []struct{ uri, base string }{}
	for _, r := range run.Results {
		al := r.Locations[0].PhysicalLocation.ArtifactLocation
		uris = append(uris, struct{ uri, base string }{al.URI, al.URIBaseID})
	}
	wantURIs := []struct{ uri, base string }{
		{"samples/a.jsonl", "%SRCROOT%"}, {"samples/a.jsonl", "%SRCROOT%"}, {"samples/a.jsonl", "%SRCROOT%"}, {"samples/a.jsonl", "%SRCROOT%"},
		{"sub%20dir/b,1:%C3%BC%25.json", "%SRCROOT%"}, {"sub%20dir/b,1:%C3%BC%25.json", "%SRCROOT%"}, {"sub%20dir/b,1:%C3%BC%25.json", "%SRCROOT%"},
		{"file:///elsewhere/c.json", ""}, {"%3Cstdin%3E", ""},
	}
	for i := range wantURIs {
		if uris[i] != wantURIs[i] {
			t.Errorf("result %d: uri %v, want %v", i, uris[i], wantURIs[i])
		}
	}
	// Same rule, file, pointer template and identity: same hash, numbered.
	f5, f6 := run.Results[5].PartialFingerprints["normlintFingerprint/v1"], run.Results[6].PartialFingerprints["normlintFingerprint/v1"]
	if !strings.HasSuffix(f5, ":1") || !strings.HasSuffix(f6, ":2") || strings.TrimSuffix(f5, ":1") != strings.TrimSuffix(f6, ":2") {
		t.Errorf("fingerprints %q and %q", f5, f6)
	}
	if ll := run.Results[0].Locations[0].LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != "/extra/reason" || ll[0].Kind == "" {
		t.Errorf("logical location %+v", ll)
	}
	if ll := run.Results[4].Locations[0].LogicalLocations; len(ll) != 0 {
		t.Errorf("an empty pointer has a logical location: %+v", ll)
	}
	if r := run.Results[3]; len(r.RelatedLocations) != 2 || r.RelatedLocations[1].ID != 2 ||
		!strings.Contains(r.Message.Text, `[an enroll in \[another\] study](2)`) {
		t.Errorf("related: %+v", r)
	}
	if txt := run.Results[2].Message.Text; !strings.Contains(txt, "{{braces}}") || !strings.Contains(txt, "Hint: use {{the}} recipe's slug") {
		t.Errorf("message %q", txt)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || *run.Invocations[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v", run.Invocations)
	}
	if n := run.Invocations[0].Notifications; len(n) != 2 || n[0].Level != "error" || !strings.Contains(n[0].Message.Text, "missing.json") {
		t.Errorf("notifications %+v", n)
	}
}

func TestSARIFArtifactURIs(t *testing.T) {
	s := newSARIF(nil, "/src/p q")
	if err := s.Start(lint.RunInfo{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, uri, base string }{
		{"a.json", "a.json", "%SRCROOT%"},
		{"./x/../a.json", "a.json", "%SRCROOT%"},
		{"/src/p q/dir/a #1?.json", "dir/a%20%231%3F.json", "%SRCROOT%"},
		{"c:d.json", "./c:d.json", "%SRCROOT%"},
		{"../other/a.json", "file:///src/other/a.json", ""},
		{"/src/p q2/a.json", "file:///src/p%20q2/a.json", ""},
		{"<stdin>", "%3Cstdin%3E", ""},
	} {
		got := s.artifact(c.name)
		if got.URI != c.uri || got.URIBaseID != c.base {
			t.Errorf("%q: got %+v, want %q %q", c.name, got, c.uri, c.base)
		}
	}
	if got := dirURI("/src/p q"); got != "file:///src/p%20q/" {
		t.Errorf("dirURI: %q", got)
	}
	if got := dirURI("/"); got != "file:///" {
		t.Errorf("dirURI(/): %q", got)
	}
}

func TestSARIFNoFindings(t *testing.T) {
	var b bytes.Buffer
	s := newSARIF(&b, fixtureCwd)
	if err := s.Start(fixtureInfo()); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(lint.Summary{}); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatalf("%v\n%s", err, b.Bytes())
	}
	res := v["runs"].([]any)[0].(map[string]any)["results"].([]any)
	if len(res) != 0 {
		t.Errorf("results %v", res)
	}
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{"unknown-event": "UnknownEvent", "addon-id-format": "AddonIdFormat", "x": "X"} {
		if got := camelCase(in); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
		}
	}
}
