package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

func checkstyleOutput(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fixtureRun(newCheckstyle(&b)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckstyleGolden(t *testing.T) {
	golden(t, "fixture.checkstyle.xml.golden", checkstyleOutput(t))
}

type checkstyleDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func TestCheckstyleStructure(t *testing.T) {
	out := checkstyleOutput(t)
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<checkstyle version="4.3">`)) {
		t.Errorf("header: %q", out[:80])
	}
	var doc checkstyleDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if doc.Version != "4.3" {
		t.Errorf("version %q", doc.Version)
	}
	want := map[string]int{fileA: 4, fileB: 3, fileC: 1, fileD: 1, fileStdin: 1, fileClean: 0}
	total := 0
	for _, f := range doc.Files {
		if n, ok := want[f.Name]; !ok || n != len(f.Errors) {
			t.Errorf("file %q: %d errors, want %d", f.Name, len(f.Errors), n)
		}
		delete(want, f.Name)
		for _, e := range f.Errors {
			total++
			if e.Line < 1 || !strings.HasPrefix(e.Source, "normlint.") || e.Message == "" {
				t.Errorf("%s: %+v", f.Name, e)
			}
			switch e.Severity {
			case "error", "warning", "info":
			default:
				t.Errorf("severity %q", e.Severity)
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("files missing: %v", want)
	}
	if total != 10 {
		t.Errorf("%d errors, want 10", total)
	}
	a := doc.Files[0]
	e := a.Errors[2]
	wantMsg := strings.ReplaceAll(nastyMessage, "\x07", "\uFFFD") + " (at /value); hint: use {the} recipe's slug, e.g. a,b:c 100%"
	if e.Message != wantMsg || e.Line != 3 || e.Column != 85 || e.Severity != "warning" || e.Source != "normlint.slug-format" {
		t.Errorf("got %+v\nwant message %q", e, wantMsg)
	}
	if !strings.Contains(a.Errors[3].Message, "; see sub dir/b,1:ü%.json:2:5 (/events/0): an enroll in [another] study") {
		t.Errorf("related: %q", a.Errors[3].Message)
	}
	if c := doc.Files[2]; c.Errors[0].Source != "normlint.unreadable-input" || !strings.Contains(c.Errors[0].Message, "no such file") {
		t.Errorf("unreadable: %+v", c)
	}
}

func TestCheckstyleEmptyRun(t *testing.T) {
	var b bytes.Buffer
	c := newCheckstyle(&b)
	_ = c.Start(lint.RunInfo{})
	if err := c.Finish(lint.Summary{}); err != nil {
		t.Fatal(err)
	}
	var doc checkstyleDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil || len(doc.Files) != 0 {
		t.Errorf("%v %s", err, b.Bytes())
	}
}
