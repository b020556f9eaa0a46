package report

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	case lint.SeverityInfo:
		return "note"
	}
	return "none"
}

// camelCase turns a rule ID into a SARIF rule name: unknown-event becomes
// UnknownEvent.
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

// ruleKind tags a rule with how it works.
func ruleKind(r *lint.Rule) string {
	switch {
	case r.NewStream != nil:
		return "lifecycle"
	case r.Check != nil:
		return "record"
	case r.Message != nil:
		return "schema"
	}
	return "input"
}

func sarifRule(r *lint.Rule, docsURL string) sarifDescriptor {
	summary := r.Summary
	if summary == "" {
		summary = r.ID
	}
	full := unwrap(r.Doc.Rationale)
	if full == "" {
		full = summary
	}
	d := sarifDescriptor{
		ID:                   r.ID,
		Name:                 camelCase(r.ID),
		ShortDescription:     &sarifText{Text: sentence(summary)},
		FullDescription:      &sarifText{Text: sentence(full)},
		Help:                 &sarifText{Text: helpText(r, docsURL), Markdown: helpMarkdown(r, docsURL)},
		DefaultConfiguration: &sarifConfig{Level: sarifLevel(r.Severity)},
		Properties:           &sarifRuleTags{Tags: []string{"normandy-telemetry", ruleKind(r)}},
	}
	if docsURL != "" {
		d.HelpURI = docsURL + r.ID
	}
	return d
}

// sentence ends s with a period unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// helpText is the rule's documentation as plain text: rationale, spec,
// Firefox versions, and the failing and passing examples.
func helpText(r *lint.Rule, docsURL string) string {
	var b strings.Builder
	b.WriteString(sentence(firstNonEmpty(unwrap(r.Doc.Rationale), r.Summary, r.ID)))
	if r.Doc.Spec != "" {
		b.WriteString("\n\nSpec: " + sentence(unwrap(r.Doc.Spec)))
	}
	if r.Doc.Firefox != "" {
		b.WriteString("\n\nFirefox: " + sentence(unwrap(r.Doc.Firefox)))
	}
	if r.Doc.Bad != "" {
		b.WriteString("\n\nThis input makes the rule fire:\n" + r.Doc.Bad)
	}
	if r.Doc.Good != "" {
		b.WriteString("\n\nThis one does not:\n" + r.Doc.Good)
	}
	if docsURL != "" {
		b.WriteString("\n\nDocumentation: " + docsURL + r.ID)
	}
	return b.String()
}

// helpMarkdown is helpText in GitHub-flavoured Markdown, with the prose
// escaped and the examples in code blocks.
func helpMarkdown(r *lint.Rule, docsURL string) string {
	var b strings.Builder
	b.WriteString(markdownEscape(sentence(firstNonEmpty(strings.TrimSpace(r.Doc.Rationale), r.Summary, r.ID))))
	if r.Doc.Spec != "" {
		b.WriteString("\n\n**Spec:** " + markdownEscape(sentence(r.Doc.Spec)))
	}
	if r.Doc.Firefox != "" {
		b.WriteString("\n\n**Firefox:** " + markdownEscape(sentence(r.Doc.Firefox)))
	}
	if r.Doc.Bad != "" {
		b.WriteString("\n\nThis input makes the rule fire:\n\n" + codeBlock(r.Doc.Bad))
	}
	if r.Doc.Good != "" {
		b.WriteString("\n\nThis one does not:\n\n" + codeBlock(r.Doc.Good))
	}
	if docsURL != "" {
		b.WriteString("\n\n[Documentation](" + docsURL + r.ID + ")")
	}
	return b.String()
}

// unwrap joins the hard-wrapped lines of each paragraph: SARIF plain text
// separates paragraphs with line breaks but carries no other layout.
func unwrap(s string) string {
	paras := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// markdownEscape backslash-escapes the characters that Markdown would read
// as markup (emphasis, code, links, HTML, headings, tables).
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// codeBlock fences s, with a fence longer than any backtick run in s.
func codeBlock(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "json\n" + s + "\n" + fence
}

// sarifMessage makes s a SARIF plain-text message string: braces doubled
// (they would otherwise read as placeholders) and, where the text holds
// something that reads as an embedded link, square brackets escaped.
func sarifMessage(s string) string {
	s = strings.ReplaceAll(s, "{", "{{")
	s = strings.ReplaceAll(s, "}", "}}")
	if strings.Contains(s, "](") {
		s = strings.ReplaceAll(s, `\`, `\\`)
		s = strings.ReplaceAll(s, "[", `\[`)
		s = strings.ReplaceAll(s, "]", `\]`)
	}
	return s
}

// linkText escapes the text of an embedded link.
func linkText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "[", `\[`)
	return strings.ReplaceAll(s, "]", `\]`)
}
