package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/normlint/normlint/lint"
)

// junitFormat renders a JUnit XML report for CI test tabs (GitLab, Jenkins,
// GitHub test reporters): a <testsuites name="normlint"> with one
// <testsuite> per input, named by the input's path.
//
// Test cases. Each record that has findings is one test case, named
// "record N" (N is the record's number in its file; findings about the file
// as a whole make the test case "file"), with classname the input's path.
// Every error and warning finding is a <failure> of its test case
// (type = rule ID, message = the finding's message, body = the text
// format's lines: "file:line:col: severity: message [rule]", the pointer, the
// hint and related places); info findings do not fail: they are written to
// the test case's <system-out>, so a record with info findings only passes.
// Each readable input also gets one passing test case "clean records",
// whose <system-out> says how many of its records have no findings; a CI
// dashboard thus sees the same test names from run to run. An input that
// could not be read gets a test case "read" with an <error> (type
// "unreadable-input", which is not a rule of the catalog).
//
// Counts follow JUnit's meaning, so that they add up in every consumer:
// tests counts test cases (records with findings, plus "clean records",
// plus "read"), failures the test cases with at least one failure and
// errors those with an error, in every <testsuite> and, summed, in
// <testsuites>. How many records an input holds and how many findings it
// has are the testsuite's properties "records" and "findings".
//
// Buffering: a file's findings are held until the file completes, then its
// <testsuite> is written out. The root element's counts are only known at
// the end, so the rendered suites are spooled, in memory up to a few
// megabytes and in a temporary file beyond that, and copied to w by Finish.
type junitFormat struct {
	w       io.Writer
	spool   spool
	files   map[string]*junitFile
	order   []string
	tests   int
	failed  int
	errored int
}

// newJUnit writes to w.
func newJUnit(w io.Writer) *junitFormat {
	return &junitFormat{w: w, files: map[string]*junitFile{}, spool: spool{limit: 8 << 20}}
}

// junitUnreadable is the type of the error of an unreadable input.
const junitUnreadable = "unreadable-input"

type junitFile struct {
	cases    map[int]*junitCase
	findings int
}

type junitCase struct {
	name      string
	errors    []junitProblem
	failures  []junitProblem
	systemOut string
}

type junitProblem struct {
	message, typ, body string
}

// xmlText escapes s for character data, with encoding/xml's escaping but
// line breaks kept as they are, for readable bodies.
func xmlText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = attr(l)
	}
	return strings.Join(lines, "\n")
}

// diagnosticLines renders a finding as the text format does, without
// colour: "file:line:col: severity: message [rule]", then indented lines
// for the pointer, the hint and related places.
func diagnosticLines(d *lint.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", d.File, d.Line, d.Column, d.Severity, d.Message, d.Rule)
	if d.Pointer != "" {
		fmt.Fprintf(&b, "    at %s\n", d.Pointer)
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
	}
	for _, r := range d.Related {
		fmt.Fprintf(&b, "    see %s\n", relatedText(r))
	}
	return b.String()
}

// relatedText is "file:line:col (pointer): message".
func relatedText(r lint.Related) string {
	s := fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
	if r.Pointer != "" {
		s += " (" + r.Pointer + ")"
	}
	if r.Message != "" {
		s += ": " + r.Message
	}
	return s
}

// Start implements lint.Reporter.
func (j *junitFormat) Start(lint.RunInfo) error { return nil }

func (j *junitFormat) file(name string) *junitFile {
	f := j.files[name]
	if f == nil {
		f = &junitFile{cases: map[int]*junitCase{}}
		j.files[name] = f
		j.order = append(j.order, name)
	}
	return f
}

// Diagnostic implements lint.Reporter.
func (j *junitFormat) Diagnostic(d *lint.Diagnostic) error {
	f := j.file(d.File)
	f.findings++
	c := f.cases[d.Record]
	if c == nil {
		name := fmt.Sprintf("record %d", d.Record)
		if d.Record <= 0 {
			name = "file"
		}
		c = &junitCase{name: name}
		f.cases[d.Record] = c
	}
	if d.Severity >= lint.SeverityWarning {
		c.failures = append(c.failures, junitProblem{message: d.Message, typ: d.Rule, body: diagnosticLines(d)})
	} else {
		c.systemOut += diagnosticLines(d)
	}
	return nil
}

// File implements lint.Reporter.
func (j *junitFormat) File(r lint.FileResult) error {
	f := j.file(r.File)
	delete(j.files, r.File)
	j.removeOrder(r.File)
	return j.writeSuite(r, f)
}

func (j *junitFormat) removeOrder(name string) {
	for i, n := range j.order {
		if n == name {
			j.order = append(j.order[:i], j.order[i+1:]...)
			return
		}
	}
}

func (j *junitFormat) writeSuite(r lint.FileResult, f *junitFile) error {
	nums := make([]int, 0, len(f.cases))
	for n := range f.cases {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var cases []*junitCase
	withFindings := 0
	for _, n := range nums {
		cases = append(cases, f.cases[n])
		if n > 0 {
			withFindings++
		}
	}
	if r.Err == nil || r.Records > 0 {
		clean := max(r.Records-withFindings, 0)
		cases = append(cases, &junitCase{name: "clean records",
			systemOut: fmt.Sprintf("records without findings: %d of %d\n", clean, r.Records)})
	}
	if r.Err != nil {
		msg := fmt.Sprintf("cannot read %s: %v", r.File, r.Err)
		cases = append(cases, &junitCase{name: "read", errors: []junitProblem{{message: msg, typ: junitUnreadable, body: msg + "\n"}}})
	}
	failures, errs := 0, 0
	for _, c := range cases {
		if len(c.failures) > 0 {
			failures++
		}
		if len(c.errors) > 0 {
			errs++
		}
	}
	j.tests += len(cases)
	j.failed += failures
	j.errored += errs

	var b strings.Builder
	fmt.Fprintf(&b, "\n  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">", attr(r.File), len(cases), failures, errs)
	fmt.Fprintf(&b, "\n    <properties>\n      <property name=\"records\" value=\"%d\"/>\n      <property name=\"findings\" value=\"%d\"/>\n    </properties>",
		r.Records, f.findings)
	for _, c := range cases {
		fmt.Fprintf(&b, "\n    <testcase classname=\"%s\" name=\"%s\"", attr(r.File), attr(c.name))
		if len(c.errors) == 0 && len(c.failures) == 0 && c.systemOut == "" {
			b.WriteString("/>")
			continue
		}
		b.WriteString(">")
		for _, p := range c.errors {
			fmt.Fprintf(&b, "\n      <error message=\"%s\" type=\"%s\">%s</error>", attr(p.message), attr(p.typ), xmlText(p.body))
		}
		for _, p := range c.failures {
			fmt.Fprintf(&b, "\n      <failure message=\"%s\" type=\"%s\">%s</failure>", attr(p.message), attr(p.typ), xmlText(p.body))
		}
		if c.systemOut != "" {
			fmt.Fprintf(&b, "\n      <system-out>%s</system-out>", xmlText(c.systemOut))
		}
		b.WriteString("\n    </testcase>")
	}
	b.WriteString("\n  </testsuite>")
	_, err := io.WriteString(&j.spool, b.String())
	return err
}

// Finish implements lint.Reporter.
func (j *junitFormat) Finish(lint.Summary) error {
	// Inputs whose completion was never reported (not expected from the
	// engine) still get their suite.
	for len(j.order) > 0 {
		name := j.order[0]
		f := j.files[name]
		n := 0
		for rec := range f.cases {
			if rec > 0 {
				n++
			}
		}
		if err := j.File(lint.FileResult{File: name, Records: n, Findings: f.findings}); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(j.w)
	_, _ = w.WriteString(xml.Header)
	fmt.Fprintf(w, `<testsuites name="normlint" tests="%d" failures="%d" errors="%d">`, j.tests, j.failed, j.errored)
	if err := j.spool.copyTo(w); err != nil {
		return err
	}
	_, _ = w.WriteString("\n</testsuites>\n")
	return w.Flush()
}

// spool holds output that cannot be written yet: in memory up to limit
// bytes, then in a temporary file.
type spool struct {
	limit   int
	mem     bytes.Buffer
	f       *os.File
	removed bool
	err     error
}

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.f == nil && s.mem.Len()+len(p) > s.limit {
		f, err := os.CreateTemp("", "normlint-*.spool")
		if err == nil {
			// Unlinked at once where the system allows it, so that nothing
			// is left behind if the process dies.
			s.removed = os.Remove(f.Name()) == nil
			if _, err = s.mem.WriteTo(f); err != nil {
				s.err = err
				return 0, err
			}
			s.f = f
		} else {
			s.limit = int(^uint(0) >> 1) // no temporary file: stay in memory
		}
	}
	if s.f != nil {
		n, err := s.f.Write(p)
		if err != nil {
			s.err = err
		}
		return n, err
	}
	return s.mem.Write(p)
}

// copyTo writes what was spooled to w and releases the spool.
func (s *spool) copyTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		_, err := s.mem.WriteTo(w)
		return err
	}
	f := s.f
	s.f = nil
	defer func() {
		_ = f.Close()
		if !s.removed {
			_ = os.Remove(f.Name())
		}
	}()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, f)
	return err
}
