package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/normlint/normlint/lint"
)

// sarifFormat renders one SARIF 2.1.0 log with a single run, for GitHub code
// scanning and other SARIF viewers.
//
//   - tool.driver carries the whole catalog (RunInfo.Rules) with each rule's
//     summary, rationale, a plain-text and a Markdown help built from its
//     Doc, helpUri (RunInfo.DocsURL + ID) and its effective level.
//   - Result locations are relative to the working directory given to
//     newSARIF, under the uriBaseId %SRCROOT%, which run.originalUriBaseIds
//     resolves to that directory; a file outside it gets an absolute file://
//     URI and a name that is not a path ("<stdin>") a bare relative
//     reference. Columns count code points (run.columnKind).
//   - The JSON pointer of a finding is its logical location (kind "value",
//     the SARIF 2.1.0 kind for a JSON value; left out for the whole value,
//     pointer "").
//   - partialFingerprints["normlintFingerprint/v1"] hashes the rule, the
//     artifact URI, the pointer with array indexes wildcarded and the
//     record's identity (the study's slug or the uptake source), followed by
//     ":N" for the Nth result of the run with that hash, so that code
//     scanning tracks a finding across runs even when records move.
//   - Message strings follow SARIF's plain-text rules: "{" and "}" are
//     doubled (§3.11.5), and related locations are embedded links
//     "[...](id)", which is how GitHub shows them.
//   - Unreadable inputs become error notifications of invocations[0], whose
//     executionSuccessful is false when any input could not be read.
//
// Results are streamed as they arrive; what is kept until Finish is small:
// the list of inputs (run.artifacts), the unreadable-input notifications and
// one counter per distinct fingerprint.
type sarifFormat struct {
	w       *bufio.Writer
	cwd     string
	rules   map[string]int
	count   int
	seen    map[[16]byte]int
	files   []string
	fileSet map[string]bool
	notes   []sarifNotification
}

// newSARIF writes to w. cwd is the directory that relative input names are
// relative to and that %SRCROOT% stands for (normally the working
// directory, the repository's root in CI); "" means the process's working
// directory.
func newSARIF(w io.Writer, cwd string) *sarifFormat {
	return &sarifFormat{w: bufio.NewWriter(w), cwd: cwd, rules: map[string]int{}, seen: map[[16]byte]int{}, fileSet: map[string]bool{}}
}

// SARIFSchema is the $schema of the log.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// sarifFingerprintKey names normlint's partial fingerprint (versioned as
// SARIF suggests, so that a change of the recipe can take a new name).
const sarifFingerprintKey = "normlintFingerprint/v1"

// sarifUnreadable is the notification descriptor of an unreadable input.
// It is not a rule of the catalog.
const sarifUnreadable = "unreadable-input"

const srcRoot = "%SRCROOT%"

// sarifJSON marshals v indented, every line but the first prefixed by
// prefix, without HTML escaping.
func sarifJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Start implements lint.Reporter.
func (s *sarifFormat) Start(info lint.RunInfo) error {
	if s.cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return fmt.Errorf("sarif: %w", err)
		}
		s.cwd = wd
	} else if abs, err := filepath.Abs(s.cwd); err == nil {
		s.cwd = abs
	}
	name := info.Tool
	if name == "" {
		name = "normlint"
	}
	driver := sarifDriver{Name: name, Version: info.Version, InformationURI: info.InformationURL, Rules: []sarifDescriptor{},
		Notifications: []sarifDescriptor{{ID: sarifUnreadable, Name: camelCase(sarifUnreadable),
			ShortDescription:     &sarifText{Text: "An input could not be read."},
			FullDescription:      &sarifText{Text: "An input could not be read (missing, unreadable, or not a file); the other inputs are still checked."},
			DefaultConfiguration: &sarifConfig{Level: "error"}}}}
	for i, r := range info.Rules {
		s.rules[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule(r, info.DocsURL))
	}
	tool, err := sarifJSON(map[string]any{"driver": driver}, "      ")
	if err != nil {
		return err
	}
	base, err := sarifJSON(map[string]any{srcRoot: map[string]string{"uri": dirURI(s.cwd)}}, "      ")
	if err != nil {
		return err
	}
	fmt.Fprintf(s.w, "{\n  \"$schema\": %q,\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n", SARIFSchema)
	fmt.Fprintf(s.w, "      \"tool\": %s,\n      \"originalUriBaseIds\": %s,\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [", tool, base)
	return nil
}

// fileURI is the file:// URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is the file:// URI of a directory, ending in "/".
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// isPathName tells a file name from a name that stands for something else
// ("<stdin>").
func isPathName(name string) bool {
	bracketed := strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">")
	return name != "" && !bracketed
}

// artifact locates an input by its name: relative to %SRCROOT% when it is
// under the working directory, an absolute file:// URI otherwise, and a
// bare relative reference for names that are not paths.
func (s *sarifFormat) artifact(name string) sarifArtifactLocation {
	if !isPathName(name) {
		return sarifArtifactLocation{URI: url.PathEscape(name)}
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.cwd, p)
	}
	p = filepath.Clean(p)
	rel, err := filepath.Rel(s.cwd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return sarifArtifactLocation{URI: fileURI(p)}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
}

func (s *sarifFormat) location(file string, line, col int, pointer string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: s.artifact(file)}}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
		if col > 0 {
			loc.PhysicalLocation.Region.StartColumn = col
		}
	}
	if pointer != "" {
		toks := lint.SplitPointer(pointer)
		loc.LogicalLocations = []sarifLogical{{Name: toks[len(toks)-1], FullyQualifiedName: pointer, Kind: "value"}}
	}
	return loc
}

// fingerprint is the stable part of a result's partial fingerprint.
func fingerprint(rule, uri, pointer, identity string) [16]byte {
	h := sha256.New()
	for _, part := range []string{rule, uri, lint.PointerTemplate(pointer, lint.TemplateIndexes), identity} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	var out [16]byte
	copy(out[:], h.Sum(nil))
	return out
}

func (s *sarifFormat) noteFile(name string) {
	if !s.fileSet[name] {
		s.fileSet[name] = true
		s.files = append(s.files, name)
	}
}

// Diagnostic implements lint.Reporter.
func (s *sarifFormat) Diagnostic(d *lint.Diagnostic) error {
	s.noteFile(d.File)
	text := sentence(d.Message)
	if d.Hint != "" {
		text += "\nHint: " + sentence(d.Hint)
	}
	text = sarifMessage(text)
	loc := s.location(d.File, d.Line, d.Column, d.Pointer)
	res := sarifResult{RuleID: d.Rule, Level: sarifLevel(d.Severity), Locations: []sarifLocation{loc},
		Properties: sarifResultProps{Record: d.Record}}
	if i, ok := s.rules[d.Rule]; ok {
		res.RuleIndex = &i
	}
	for i, r := range d.Related {
		id := i + 1
		rl := s.location(r.File, r.Line, r.Column, r.Pointer)
		rl.ID = &id
		label := r.Message
		if label == "" {
			label = "related location"
		} else {
			rl.Message = &sarifText{Text: sarifMessage(sentence(r.Message))}
		}
		res.RelatedLocations = append(res.RelatedLocations, rl)
		text += "\nSee [" + linkText(sarifMessage(label)) + "](" + strconv.Itoa(id) + ")."
	}
	res.Message = sarifText{Text: text}
	fp := fingerprint(d.Rule, loc.PhysicalLocation.ArtifactLocation.URI, d.Pointer, d.Identity)
	s.seen[fp]++
	res.PartialFingerprints = map[string]string{sarifFingerprintKey: hex.EncodeToString(fp[:]) + ":" + strconv.Itoa(s.seen[fp])}
	b, err := sarifJSON(res, "        ")
	if err != nil {
		return err
	}
	if s.count > 0 {
		_ = s.w.WriteByte(',')
	}
	s.count++
	_, _ = s.w.WriteString("\n        ")
	_, err = s.w.Write(b)
	return err
}

// File implements lint.Reporter.
func (s *sarifFormat) File(f lint.FileResult) error {
	s.noteFile(f.File)
	if f.Err != nil {
		s.notes = append(s.notes, sarifNotification{Level: "error",
			Message:    sarifText{Text: sarifMessage(sentence(fmt.Sprintf("cannot read %s: %v", f.File, f.Err)))},
			Locations:  []sarifLocation{{PhysicalLocation: &sarifPhysical{ArtifactLocation: s.artifact(f.File)}}},
			Descriptor: &sarifDescriptorRef{ID: sarifUnreadable, Index: 0}})
	}
	return nil
}

// Finish implements lint.Reporter.
func (s *sarifFormat) Finish(sum lint.Summary) error {
	if s.count > 0 {
		_, _ = s.w.WriteString("\n      ")
	}
	_, _ = s.w.WriteString("],\n")
	arts := make([]sarifArtifact, 0, len(s.files))
	for _, f := range s.files {
		arts = append(arts, sarifArtifact{Location: s.artifact(f), Roles: []string{"analysisTarget"}})
	}
	if len(arts) > 0 {
		b, err := sarifJSON(arts, "      ")
		if err != nil {
			return err
		}
		fmt.Fprintf(s.w, "      \"artifacts\": %s,\n", b)
	}
	notes := s.notes
	if len(sum.Omitted) > 0 {
		ids := make([]string, 0, len(sum.Omitted))
		for id := range sum.Omitted {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			n := sum.Omitted[id]
			notes = append(notes, sarifNotification{Level: "note", Message: sarifText{Text: fmt.Sprintf(
				"%d more %s of rule %s %s left out of this log by the per-rule cap.", n, plural(n, "finding", "findings"), id, plural(n, "was", "were"))}})
		}
	}
	inv, err := sarifJSON([]sarifInvocation{{ExecutionSuccessful: sum.Unreadable == 0 && len(s.notes) == 0, ToolExecutionNotifications: notes}}, "      ")
	if err != nil {
		return err
	}
	fmt.Fprintf(s.w, "      \"invocations\": %s,\n", inv)
	props, err := sarifJSON(map[string]any{"summary": sarifSummary{Files: sum.Files, UnreadableFiles: sum.Unreadable, SkippedFiles: sum.SkippedFiles,
		Records: sum.Records, NormandyRecords: sum.NormandyRecords, SkippedRecords: sum.SkippedRecords, RecordsWithFindings: sum.RecordsWithFindings,
		CleanRecords: sum.CleanRecords, Errors: sum.Errors, Warnings: sum.Warnings, Infos: sum.Infos, Waived: sum.Waived, Baselined: sum.Baselined,
		Omitted: sum.Omitted, Hidden: sum.Hidden, LifecyclePairsForgotten: sum.LifecyclePairsForgotten}}, "      ")
	if err != nil {
		return err
	}
	fmt.Fprintf(s.w, "      \"properties\": %s\n    }\n  ]\n}\n", props)
	return s.w.Flush()
}
