package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/normlint/normlint/lint"
)

// checkstyleFormat renders checkstyle XML (version 4.3), which reviewdog, Jenkins
// Warnings, Danger and many code-review bots read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="every-rule.jsonl">
//	    <error line="12" column="142" severity="error" message="..." source="normlint.invalid-reason"/>
//	  </file>
//	</checkstyle>
//
// Like checkstyle itself, it lists every input, an input without findings
// as an empty <file/>. severity is error, warning or info; message is the
// finding's message followed by "(at POINTER)", "; hint: ..." and
// "; see file:line:col ..." for related places, on one line; source is
// "normlint." + rule ID. An input that could not be read gets one error at
// line 1 with source "normlint.unreadable-input" (not a rule of the
// catalog).
//
// Nothing is buffered: each <error> is written as its finding arrives.
type checkstyleFormat struct {
	w    *bufio.Writer
	open string
	any  bool
}

// newCheckstyle writes to w.
func newCheckstyle(w io.Writer) *checkstyleFormat { return &checkstyleFormat{w: bufio.NewWriter(w)} }

type checkstyleError struct {
	XMLName  xml.Name `xml:"error"`
	Line     int      `xml:"line,attr"`
	Column   int      `xml:"column,attr,omitempty"`
	Severity string   `xml:"severity,attr"`
	Message  string   `xml:"message,attr"`
	Source   string   `xml:"source,attr"`
}

// checkstyleMessage is the finding on one line.
func checkstyleMessage(d *lint.Diagnostic) string {
	var b strings.Builder
	b.WriteString(d.Message)
	if d.Pointer != "" {
		b.WriteString(" (at " + d.Pointer + ")")
	}
	if d.Hint != "" {
		b.WriteString("; hint: " + d.Hint)
	}
	for _, r := range d.Related {
		b.WriteString("; see " + relatedText(r))
	}
	return b.String()
}

// attr escapes s for an attribute value in double quotes.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Start implements lint.Reporter.
func (c *checkstyleFormat) Start(lint.RunInfo) error {
	_, _ = c.w.WriteString(xml.Header)
	_, err := c.w.WriteString(`<checkstyle version="4.3">`)
	return err
}

func (c *checkstyleFormat) openFile(name string) {
	if c.any && c.open == name {
		return
	}
	c.closeFile()
	fmt.Fprintf(c.w, "\n  <file name=\"%s\">", attr(name))
	c.open, c.any = name, true
}

func (c *checkstyleFormat) closeFile() {
	if c.any {
		_, _ = c.w.WriteString("\n  </file>")
		c.any = false
	}
}

func (c *checkstyleFormat) write(e checkstyleError) error {
	b, err := xml.Marshal(e)
	if err != nil {
		return err
	}
	_, _ = c.w.WriteString("\n    ")
	// encoding/xml writes empty elements as <error ...></error>.
	_, err = c.w.Write(append(b[:len(b)-len("></error>")], "/>"...))
	return err
}

// Diagnostic implements lint.Reporter.
func (c *checkstyleFormat) Diagnostic(d *lint.Diagnostic) error {
	c.openFile(d.File)
	return c.write(checkstyleError{Line: d.Line, Column: d.Column, Severity: d.Severity.String(),
		Message: checkstyleMessage(d), Source: "normlint." + d.Rule})
}

// File implements lint.Reporter.
func (c *checkstyleFormat) File(f lint.FileResult) error {
	if reported := c.any && c.open == f.File; f.Err == nil && !reported {
		c.closeFile()
		fmt.Fprintf(c.w, "\n  <file name=\"%s\"/>", attr(f.File))
		return nil
	}
	if f.Err != nil {
		c.openFile(f.File)
		if err := c.write(checkstyleError{Line: 1, Severity: "error",
			Message: fmt.Sprintf("cannot read %s: %v", f.File, f.Err), Source: "normlint." + junitUnreadable}); err != nil {
			return err
		}
	}
	c.closeFile()
	return nil
}

// Finish implements lint.Reporter.
func (c *checkstyleFormat) Finish(lint.Summary) error {
	c.closeFile()
	_, _ = c.w.WriteString("\n</checkstyle>\n")
	return c.w.Flush()
}
