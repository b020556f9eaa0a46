package baseline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/normlint/normlint/lint"
)

// Version is the version of the baseline file format.
const Version = 1

// Entry is one fingerprint and how many findings have it.
type Entry struct {
	Rule     string `json:"rule"`
	File     string `json:"file"`
	Pointer  string `json:"pointer"`
	Identity string `json:"identity,omitempty"`
	Count    int    `json:"count"`
}

type key struct{ rule, file, pointer, identity string }

// fileDoc is the file's JSON shape.
type fileDoc struct {
	Version int     `json:"version"`
	Tool    string  `json:"tool"`
	Entries []Entry `json:"entries"`
}

func fingerprint(d *lint.Diagnostic) key {
	return key{d.Rule, filepath.ToSlash(filepath.Clean(d.File)), lint.PointerTemplate(d.Pointer, lint.TemplateRecord), identityKey(d.Identity)}
}

// identityKey keeps personal data out of the baseline file: an identity
// that looks like it (a slug that is an e-mail address) is stored as its
// redacted form, which still tells it apart from others.
func identityKey(id string) string {
	if what := lint.PersonalData(id, false); what != "" {
		return lint.Redacted(id, what)
	}
	return id
}

// Recorder collects findings for --write-baseline.
type Recorder struct {
	counts map[key]int
}

// NewRecorder starts an empty baseline.
func NewRecorder() *Recorder { return &Recorder{counts: map[key]int{}} }

// Add records a finding.
func (r *Recorder) Add(d *lint.Diagnostic) { r.counts[fingerprint(d)]++ }

// Len is the number of findings recorded.
func (r *Recorder) Len() int {
	n := 0
	for _, c := range r.counts {
		n += c
	}
	return n
}

// Write saves the baseline, sorted so that it diffs well in review.
func (r *Recorder) Write(path string) error {
	doc := fileDoc{Version: Version, Tool: "normlint", Entries: []Entry{}}
	for k, c := range r.counts {
		doc.Entries = append(doc.Entries, Entry{Rule: k.rule, File: k.file, Pointer: k.pointer, Identity: k.identity, Count: c})
	}
	sort.Slice(doc.Entries, func(i, j int) bool {
		a, b := doc.Entries[i], doc.Entries[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		return a.Identity < b.Identity
	})
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Baseline is a loaded baseline file being matched against a run.
type Baseline struct {
	left map[key]int
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc fileDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s is not a normlint baseline: %w", path, err)
	}
	if doc.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (write it again with --write-baseline)", path, doc.Version, Version)
	}
	b := &Baseline{left: map[key]int{}}
	for _, e := range doc.Entries {
		if e.Rule == "" || e.Count < 1 {
			return nil, fmt.Errorf("%s: an entry without a rule or count", path)
		}
		b.left[key{e.Rule, e.File, e.Pointer, e.Identity}] += e.Count
	}
	return b, nil
}

// Known reports whether a finding is in the baseline, using up one count
// of its entry.
func (b *Baseline) Known(d *lint.Diagnostic) bool {
	k := fingerprint(d)
	if b.left[k] > 0 {
		b.left[k]--
		return true
	}
	return false
}

// Stale counts the baseline's findings that no longer occurred: the file
// can shrink by that many.
func (b *Baseline) Stale() int {
	n := 0
	for _, c := range b.left {
		n += c
	}
	return n
}
