package report

import (
	"testing"

	"github.com/normlint/normlint/lint"
)

// encodeStd is the diagnostic as encoding/json writes it, the reference
// appendDiagnostic keeps to.
func encodeStd(t *testing.T, d *lint.Diagnostic) string {
	t.Helper()
	jd := jsonDiagnostic{Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message, File: d.File,
		Line: d.Line, Column: d.Column, Pointer: d.Pointer, Record: d.Record, Hint: d.Hint, Waived: d.Waived}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated(r))
	}
	b, err := marshal(jd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameAsStd(t *testing.T, d *lint.Diagnostic) {
	t.Helper()
	if got, want := string(appendDiagnostic(nil, d)), encodeStd(t, d); got != want {
		t.Errorf("appendDiagnostic wrote\n%s\nencoding/json writes\n%s", got, want)
	}
}

func TestAppendDiagnosticIsEncodingJSON(t *testing.T) {
	odd := "quote \" backslash \\ <tag> & ' \b\f\n\r\t \x00\x01\x1f\x7f é 😀 \u2028\u2029 \xff\xfe bad \xe2\x82 end"
	for _, d := range []*lint.Diagnostic{
		{Rule: "invalid-reason", Severity: lint.SeverityError, Message: odd, File: "a.json", Line: 1, Column: 2, Pointer: "/extra/reason", Record: 3},
		{Rule: "r", Severity: lint.SeverityInfo, Message: "", File: odd, Pointer: odd, Hint: odd, Waived: true, Line: -1, Column: 1 << 40},
		{Rule: "r", Severity: lint.SeverityWarning, Related: []lint.Related{{File: "b", Line: 4, Column: 5, Pointer: "/method", Message: odd}, {}}},
	} {
		sameAsStd(t, d)
	}
}

func FuzzAppendDiagnostic(f *testing.F) {
	f.Add("message \"x\" \u2028", "file.json", "/a~1b", "hint", "related", 1, 2, true)
	f.Fuzz(func(t *testing.T, msg, file, ptr, hint, rel string, line, col int, waived bool) {
		d := &lint.Diagnostic{Rule: "rule", Severity: lint.SeverityError, Message: msg, File: file, Line: line, Column: col,
			Pointer: ptr, Record: line + col, Hint: hint, Waived: waived}
		if rel != "" {
			d.Related = []lint.Related{{File: file, Line: col, Column: line, Pointer: rel, Message: msg + rel}}
		}
		sameAsStd(t, d)
	})
}
