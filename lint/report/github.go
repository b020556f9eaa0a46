package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/normlint/normlint/lint"
)

// githubFormat renders GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request's files:
//
//	::error file=every-rule.jsonl,line=12,col=142,title=invalid-reason::reason "recipe-not-found" is ...%0Aat /extra/reason%0Ahint: did you mean "recipe-not-seen"?
//
// Errors are ::error, warnings ::warning and infos ::notice. The message is
// the finding's message, then "at POINTER", "hint: ..." and "see ..." lines
// for related places, escaped as the runner requires (% CR LF in the
// message; also : and , in the properties). An unreadable input is an
// ::error on the file with title "unreadable-input" (not a rule of the
// catalog). File names are written as given: they match the repository's
// files when normlint runs from the workspace root with relative paths.
//
// The last line is a plain summary ("normlint: 3 files, ..."), not a
// command. GitHub shows only a limited number of annotations per step, so
// when stepSummary names a file (normally $GITHUB_STEP_SUMMARY), Finish
// also appends a Markdown summary to it: files and records, findings by
// severity and by rule.
//
// Nothing is buffered but one counter per rule.
type githubFormat struct {
	w           *bufio.Writer
	stepSummary string
	info        lint.RunInfo
	byRule      map[string]*ruleCount
}

type ruleCount struct {
	id  string
	sev lint.Severity
	n   int
}

// newGitHub writes workflow commands to w and, when stepSummary is not
// empty, appends a Markdown summary to the file it names at Finish (the
// file is created if need be, never truncated).
func newGitHub(w io.Writer, stepSummary string) *githubFormat {
	return &githubFormat{w: bufio.NewWriter(w), stepSummary: stepSummary, byRule: map[string]*ruleCount{}}
}

// ghEscapeData escapes a workflow command's message.
func ghEscapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// ghEscapeProperty escapes a workflow command's property value.
func ghEscapeProperty(s string) string {
	s = ghEscapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}

func ghCommand(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// Start implements lint.Reporter.
func (g *githubFormat) Start(info lint.RunInfo) error {
	g.info = info
	return nil
}

// Diagnostic implements lint.Reporter.
func (g *githubFormat) Diagnostic(d *lint.Diagnostic) error {
	rc := g.byRule[d.Rule]
	if rc == nil {
		rc = &ruleCount{id: d.Rule, sev: d.Severity}
		g.byRule[d.Rule] = rc
	}
	rc.n++
	lines := []string{d.Message}
	if d.Pointer != "" {
		lines = append(lines, "at "+d.Pointer)
	}
	if d.Hint != "" {
		lines = append(lines, "hint: "+d.Hint)
	}
	for _, r := range d.Related {
		lines = append(lines, "see "+relatedText(r))
	}
	props := []string{"file=" + ghEscapeProperty(d.File)}
	if d.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Line))
		if d.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Column))
		}
	}
	props = append(props, "title="+ghEscapeProperty(d.Rule))
	_, err := fmt.Fprintf(g.w, "::%s %s::%s\n", ghCommand(d.Severity), strings.Join(props, ","), ghEscapeData(strings.Join(lines, "\n")))
	return err
}

// File implements lint.Reporter.
func (g *githubFormat) File(f lint.FileResult) error {
	if f.Err == nil {
		return nil
	}
	_, err := fmt.Fprintf(g.w, "::error file=%s,title=%s::%s\n", ghEscapeProperty(f.File), junitUnreadable,
		ghEscapeData(fmt.Sprintf("cannot read %s: %v", f.File, f.Err)))
	return err
}

// Finish implements lint.Reporter.
func (g *githubFormat) Finish(s lint.Summary) error {
	fmt.Fprintln(g.w, SummaryLine(s))
	if err := g.w.Flush(); err != nil {
		return err
	}
	if g.stepSummary == "" {
		return nil
	}
	f, err := os.OpenFile(g.stepSummary, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	_, err = f.WriteString(g.markdown(s))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	return nil
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	return strings.ReplaceAll(markdownEscape(s), "\n", " ")
}

// markdown is the step summary: a heading, the counts, and tables of
// findings by severity and by rule.
func (g *githubFormat) markdown(s lint.Summary) string {
	var b strings.Builder
	name := g.info.Tool
	if name == "" {
		name = "normlint"
	}
	b.WriteString("## " + mdCell(name) + "\n\n")
	inputs := s.Files + s.Unreadable
	fmt.Fprintf(&b, "**%d %s**", inputs, plural(inputs, "file", "files"))
	if s.Unreadable > 0 {
		fmt.Fprintf(&b, " (%d unreadable)", s.Unreadable)
	}
	if s.SkippedFiles > 0 {
		fmt.Fprintf(&b, " (%d other %s skipped)", s.SkippedFiles, plural(s.SkippedFiles, "file", "files"))
	}
	fmt.Fprintf(&b, ", **%d %s** (%d Normandy, %d skipped): %d with findings, %d clean.\n\n",
		s.Records, plural(s.Records, "record", "records"), s.NormandyRecords, s.SkippedRecords, s.RecordsWithFindings, s.CleanRecords)

	b.WriteString("| severity | findings |\n|---|---:|\n")
	fmt.Fprintf(&b, "| error | %d |\n| warning | %d |\n| info | %d |\n", s.Errors, s.Warnings, s.Infos)
	if s.Waived > 0 {
		fmt.Fprintf(&b, "| waived | %d |\n", s.Waived)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(&b, "| baselined | %d |\n", s.Baselined)
	}

	// Findings left out by the per-rule cap still count.
	counts := map[string]*ruleCount{}
	for id, rc := range g.byRule {
		c := *rc
		counts[id] = &c
	}
	for id, n := range s.Omitted {
		c := counts[id]
		if c == nil {
			c = &ruleCount{id: id}
			for _, r := range g.info.Rules {
				if r.ID == id {
					c.sev = r.Severity
				}
			}
			counts[id] = c
		}
		c.n += n
	}
	if len(counts) > 0 {
		rows := make([]*ruleCount, 0, len(counts))
		for _, c := range counts {
			rows = append(rows, c)
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].sev != rows[j].sev {
				return rows[i].sev > rows[j].sev
			}
			if rows[i].n != rows[j].n {
				return rows[i].n > rows[j].n
			}
			return rows[i].id < rows[j].id
		})
		b.WriteString("\n| rule | severity | findings |\n|---|---|---:|\n")
		for _, c := range rows {
			rule := "`" + c.id + "`"
			if g.info.DocsURL != "" {
				rule = "[" + rule + "](" + g.info.DocsURL + c.id + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %d", rule, c.sev, c.n)
			if o := s.Omitted[c.id]; o > 0 {
				fmt.Fprintf(&b, " (%d not shown)", o)
			}
			b.WriteString(" |\n")
		}
	}
	b.WriteString("\n")
	return b.String()
}
