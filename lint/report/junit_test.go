package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

func junitOutput(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fixtureRun(newJUnit(&b)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestJUnitGolden(t *testing.T) {
	golden(t, "fixture.junit.xml.golden", junitOutput(t))
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Errors     int    `xml:"errors,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Errors []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// parseJUnit reads a report back and checks that its counts add up.
func parseJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	tests, failures, errs := 0, 0, 0
	for _, s := range doc.Suites {
		ft, ff, fe := 0, 0, 0
		for _, c := range s.Cases {
			ft++
			if len(c.Failures) > 0 {
				ff++
			}
			if len(c.Errors) > 0 {
				fe++
			}
			if c.Classname != s.Name {
				t.Errorf("suite %q: test case %q has classname %q", s.Name, c.Name, c.Classname)
			}
		}
		if s.Tests != ft || s.Failures != ff || s.Errors != fe {
			t.Errorf("suite %q: tests=%d failures=%d errors=%d, but it has %d test cases, %d failing, %d in error",
				s.Name, s.Tests, s.Failures, s.Errors, ft, ff, fe)
		}
		if s.Tests < 1 {
			t.Errorf("suite %q has no test case", s.Name)
		}
		tests += s.Tests
		failures += s.Failures
		errs += s.Errors
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errs {
		t.Errorf("testsuites: tests=%d failures=%d errors=%d, suites add up to %d %d %d", doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
	}
	return doc
}

func TestJUnitStructure(t *testing.T) {
	doc := parseJUnit(t, junitOutput(t))
	if doc.Name != "normlint" {
		t.Errorf("name %q", doc.Name)
	}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, "|"), strings.Join([]string{fileA, fileB, fileC, fileD, fileStdin, fileClean}, "|"); got != want {
		t.Fatalf("suites %s, want %s", got, want)
	}
	a := doc.Suites[0]
	var cases []string
	for _, c := range a.Cases {
		cases = append(cases, fmt.Sprintf("%s:%d:%v", c.Name, len(c.Failures), c.SystemOut != ""))
	}
	// Record 3 has a warning (failure) and an info (system-out); record 4
	// a warning; the info alone does not fail.
	if got := strings.Join(cases, " "); got != "record 2:1:false record 3:1:true record 4:1:false clean records:0:true" {
		t.Errorf("test cases of %s: %s", fileA, got)
	}
	if a.Properties[0].Name != "records" || a.Properties[0].Value != "5" || a.Properties[1].Value != "4" {
		t.Errorf("properties %+v", a.Properties)
	}
	if c := a.Cases[3]; c.SystemOut != "records without findings: 2 of 5\n" {
		t.Errorf("clean records: %q", c.SystemOut)
	}
	f := a.Cases[1].Failures[0]
	nasty := strings.ReplaceAll(nastyMessage, "\x07", "\uFFFD") // not an XML character
	if f.Message != nasty || f.Type != "slug-format" {
		t.Errorf("failure %q %q", f.Message, f.Type)
	}
	if !strings.HasPrefix(f.Body, "samples/a.jsonl:3:85: warning: "+nasty+" [slug-format]\n    at /value\n    hint: ") {
		t.Errorf("body %q", f.Body)
	}
	if out := a.Cases[1].SystemOut; !strings.Contains(out, "info: graduate/preference_rollout") {
		t.Errorf("system-out %q", out)
	}
	c := doc.Suites[2]
	if c.Tests != 1 || c.Errors != 1 || c.Cases[0].Name != "read" || c.Cases[0].Errors[0].Type != "unreadable-input" ||
		!strings.Contains(c.Cases[0].Errors[0].Message, "no such file") {
		t.Errorf("unreadable suite %+v", c)
	}
	d := doc.Suites[3]
	if d.Cases[0].Name != "file" || len(d.Cases[0].Failures) != 0 || d.Failures != 0 {
		t.Errorf("file-level info: %+v", d)
	}
	if clean := doc.Suites[5]; clean.Tests != 1 || clean.Cases[0].Name != "clean records" || clean.Failures != 0 {
		t.Errorf("clean file: %+v", clean)
	}
	if doc.Tests != 14 || doc.Failures != 7 || doc.Errors != 1 {
		t.Errorf("totals %d %d %d", doc.Tests, doc.Failures, doc.Errors)
	}
}

// A run larger than the spool's memory limit goes through a temporary file
// and comes out the same.
func TestJUnitSpill(t *testing.T) {
	run := func(limit int) []byte {
		var b bytes.Buffer
		j := newJUnit(&b)
		j.spool.limit = limit
		if err := j.Start(lint.RunInfo{}); err != nil {
			t.Fatal(err)
		}
		for f := 0; f < 50; f++ {
			name := fmt.Sprintf("f%02d.jsonl", f)
			for r := 1; r <= 20; r++ {
				d := lint.Diagnostic{Rule: "slug-format", Severity: lint.SeverityWarning, Message: "m & <m>", File: name, Line: r, Column: 1, Record: r}
				if err := j.Diagnostic(&d); err != nil {
					t.Fatal(err)
				}
			}
			if err := j.File(lint.FileResult{File: name, Records: 30, Findings: 20}); err != nil {
				t.Fatal(err)
			}
		}
		if err := j.File(lint.FileResult{File: "gone", Err: errors.New("gone")}); err != nil {
			t.Fatal(err)
		}
		if err := j.Finish(lint.Summary{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	inMemory, spilled := run(1<<30), run(1024)
	if !bytes.Equal(inMemory, spilled) {
		t.Fatal("the spilled report differs from the one kept in memory")
	}
	doc := parseJUnit(t, spilled)
	if doc.Tests != 50*21+1 || doc.Failures != 50*20 || doc.Errors != 1 {
		t.Errorf("totals %d %d %d", doc.Tests, doc.Failures, doc.Errors)
	}
}

// A finding of a file whose completion is never reported still gets its
// suite.
func TestJUnitUnfinishedFile(t *testing.T) {
	var b bytes.Buffer
	j := newJUnit(&b)
	_ = j.Start(lint.RunInfo{})
	d := lint.Diagnostic{Rule: "parse-error", Severity: lint.SeverityError, Message: "bad", File: "x.json", Line: 1, Column: 1, Record: 1}
	_ = j.Diagnostic(&d)
	if err := j.Finish(lint.Summary{}); err != nil {
		t.Fatal(err)
	}
	doc := parseJUnit(t, b.Bytes())
	if len(doc.Suites) != 1 || doc.Failures != 1 {
		t.Errorf("%s", b.Bytes())
	}
}

func TestJUnitEmptyRun(t *testing.T) {
	var b bytes.Buffer
	j := newJUnit(&b)
	_ = j.Start(lint.RunInfo{})
	if err := j.Finish(lint.Summary{}); err != nil {
		t.Fatal(err)
	}
	doc := parseJUnit(t, b.Bytes())
	if doc.Tests != 0 || len(doc.Suites) != 0 {
		t.Errorf("%s", b.Bytes())
	}
}

func TestSpoolCleansUp(t *testing.T) {
	s := spool{limit: 4}
	_, _ = s.Write([]byte("hello, "))
	_, _ = s.Write([]byte("world"))
	if s.f == nil {
		t.Fatal("no temporary file")
	}
	name := s.f.Name()
	var b bytes.Buffer
	if err := s.copyTo(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != "hello, world" {
		t.Errorf("%q", b.String())
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("%s is left behind: %v", name, err)
	}
}
