package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/normlint/normlint/lint"
)

// JSONVersion is the version of the JSON output document; it changes only
// when a change would break a consumer.
const JSONVersion = 1

// jsonFormat renders one document {"version", "diagnostics", "summary"}, streamed
// so that a run with many findings does not hold them all in memory.
type jsonFormat struct {
	w     *bufio.Writer
	count int
	// buf is reused for each diagnostic.
	buf []byte
}

// newJSON writes to w.
func newJSON(w io.Writer) *jsonFormat { return &jsonFormat{w: bufio.NewWriter(w)} }

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

type jsonDiagnostic struct {
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Pointer  string        `json:"pointer"`
	Record   int           `json:"record"`
	Hint     string        `json:"hint,omitempty"`
	Related  []jsonRelated `json:"related,omitempty"`
	Waived   bool          `json:"waived,omitempty"`
}

type jsonSummary struct {
	Files               int            `json:"files"`
	UnreadableFiles     int            `json:"unreadable_files"`
	SkippedFiles        int            `json:"skipped_files"`
	Records             int            `json:"records"`
	NormandyRecords     int            `json:"normandy_records"`
	SkippedRecords      int            `json:"skipped_records"`
	RecordsWithFindings int            `json:"records_with_findings"`
	CleanRecords        int            `json:"clean_records"`
	Formats             map[string]int `json:"formats"`
	Errors              int            `json:"errors"`
	Warnings            int            `json:"warnings"`
	Infos               int            `json:"infos"`
	Waived              int            `json:"waived"`
	Baselined           int            `json:"baselined"`
	BaselineStale       int            `json:"baseline_stale"`
	Omitted             map[string]int `json:"omitted,omitempty"`
	Hidden              int            `json:"hidden,omitempty"`
	// LifecyclePairsForgotten is left out when 0, so that a run within
	// the bound writes what it always did.
	LifecyclePairsForgotten int `json:"lifecycle_pairs_forgotten,omitempty"`
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Start implements lint.Reporter.
func (j *jsonFormat) Start(lint.RunInfo) error {
	_, err := j.w.WriteString(`{"version": 1, "diagnostics": [`)
	return err
}

// Diagnostic implements lint.Reporter.
func (j *jsonFormat) Diagnostic(d *lint.Diagnostic) error {
	j.buf = j.buf[:0]
	if j.count > 0 {
		j.buf = append(j.buf, ',')
	}
	j.count++
	j.buf = append(j.buf, "\n  "...)
	j.buf = appendDiagnostic(j.buf, d)
	_, err := j.w.Write(j.buf)
	return err
}

// File implements lint.Reporter.
func (j *jsonFormat) File(lint.FileResult) error { return nil }

// Finish implements lint.Reporter.
func (j *jsonFormat) Finish(s lint.Summary) error {
	formats := s.Formats
	if formats == nil {
		formats = map[string]int{}
	}
	b, err := marshal(jsonSummary{Files: s.Files, UnreadableFiles: s.Unreadable, SkippedFiles: s.SkippedFiles, Records: s.Records,
		NormandyRecords: s.NormandyRecords, SkippedRecords: s.SkippedRecords, RecordsWithFindings: s.RecordsWithFindings,
		CleanRecords: s.CleanRecords, Formats: formats, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos,
		Waived: s.Waived, Baselined: s.Baselined, BaselineStale: s.BaselineStale, Omitted: s.Omitted, Hidden: s.Hidden,
		LifecyclePairsForgotten: s.LifecyclePairsForgotten})
	if err != nil {
		return err
	}
	if j.count > 0 {
		_, _ = j.w.WriteString("\n")
	}
	_, _ = j.w.WriteString("], \"summary\": ")
	_, _ = j.w.Write(b)
	_, _ = j.w.WriteString("}\n")
	return j.w.Flush()
}
