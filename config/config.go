package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/normlint/normlint/lint"
	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file Find looks for; AltFileName is
// accepted too, for those whose editors prefer .yml. In one directory
// FileName wins over AltFileName.
const (
	FileName    = ".normlint.yaml"
	AltFileName = ".normlint.yml"
)

// The configuration's own rules, reported by Problems. They are known rule
// IDs to the configuration whatever the catalog passed to Load, so that
// `rules:` can turn them off or change their severity.
const (
	UnusedWaiver  = "unused-waiver"
	ExpiredWaiver = "expired-waiver"
)

// dateLayout is the format of a waiver's expires.
const dateLayout = "2006-01-02"

// Config is a loaded, valid configuration. Its methods are safe for
// concurrent use.
type Config struct {
	// Path is the file's path as given to Load or Parse (Find returns an
	// absolute one).
	Path string
	// Dir is the absolute directory of the file: path globs are relative
	// to it.
	Dir string
	// FailLevel is the file's fail-level; nil when unset.
	FailLevel *lint.Severity
	// MinSeverity is the lowest severity check shows; nil when unset.
	MinSeverity *lint.Severity
	// Paths are what a run reads when the command line names no path, as
	// written (relative to Dir).
	Paths []string
	// Severity overrides the default severity of the rules set to error,
	// warning or info.
	Severity map[string]lint.Severity
	// Disabled has an entry for every rule the file sets: true for off,
	// false for anything else (on or a severity).
	Disabled map[string]bool
	// Exclude holds the exclude globs as written.
	Exclude []string
	// InputFormats holds the input-formats entries in file order.
	InputFormats []InputFormat
	// Waivers holds the waivers in file order.
	Waivers []*Waiver

	exclude []glob
	mu      sync.Mutex
	rels    map[string]string // file as given -> path relative to Dir ("" outside)
}

// InputFormat forces the input format of the files a glob matches.
type InputFormat struct {
	// Glob is the entry's path pattern, as written.
	Glob string
	// Format is an --input-format name.
	Format string
	// Line and Column locate the entry in the file.
	Line, Column int

	glob glob
}

// Waiver accepts known findings of one rule without disabling it. Empty
// fields match everything.
type Waiver struct {
	Rule, Reason string
	// Path is a glob over the finding's file, relative to the
	// configuration's directory.
	Path string
	// Pointer is a glob over the finding's JSON pointer.
	Pointer string
	// Value must equal the finding's Identity (the study's slug or name,
	// or the uptake source).
	Value string
	// Expires is the last day the waiver applies (midnight UTC of that
	// date); zero means it never expires.
	Expires time.Time
	// Line and Column locate the waiver (its first key) in the file.
	Line, Column int
	// Matched counts the findings the waiver accepted in this run.
	Matched int

	index   int // in the file's list, from 0
	lapsed  int // findings it matched after it expired (reported again)
	path    glob
	pointer glob
}

// Expired reports whether the waiver no longer applies on the calendar
// day of today (in today's own location: pass time.Now() for the local
// date). The expires day itself is still covered.
func (w *Waiver) Expired(today time.Time) bool {
	if w.Expires.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(w.Expires)
}

// Error is one problem in a configuration file.
type Error struct {
	File string
	// Line and Column (1-based, columns counting characters) of the
	// offending value, or of the key for key problems, or of the mapping
	// that lacks a required key.
	Line, Column int
	Message      string
}

// Error renders "file:line:column: message", the compiler form editors
// and CI problem matchers read.
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// Errors is every problem of a configuration file, sorted by position. Load
// and Parse return it as their error (use errors.As with a variable of type
// Errors); like go/scanner.ErrorList, it is a slice, not a pointer.
type Errors []*Error

// Error renders one problem per line.
func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As reach a single *Error.
func (l Errors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Find walks up from dir to the filesystem root and returns the first
// configuration file found, as an absolute path: in each directory
// FileName, then AltFileName. Only regular files (or links to them)
// count.
func Find(dir string) (path string, ok bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		for _, name := range []string{FileName, AltFileName} {
			p := filepath.Join(abs, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, true
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", false
		}
		abs = parent
	}
}

// Load reads and validates a configuration file. rules lists the catalog's
// rule IDs and formats the accepted --input-format names; a nil list
// accepts any name. A file that cannot be read is the os error; an invalid
// one is Errors, with every problem found.
func Load(path string, rules, formats []string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("cannot read configuration %s: %w", path, pe.Err)
		}
		return nil, fmt.Errorf("cannot read configuration %s: %w", path, err)
	}
	return Parse(path, data, rules, formats)
}

// Parse validates a configuration read from path (used for positions and
// for Dir). An empty file, or one of comments only, is a valid empty
// configuration.
func Parse(path string, data []byte, rules, formats []string) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	c := &Config{
		Path:     path,
		Dir:      dir,
		Severity: map[string]lint.Severity{},
		Disabled: map[string]bool{},
	}
	root, err := decodeYAML(data)
	if err != nil {
		return nil, Errors{syntaxError(path, data, err)}
	}
	if root == nil {
		return c, nil
	}
	d := newDocument(path, root)
	if d.values > maxValues {
		d.add(d.places[""].value, fmt.Sprintf("the configuration expands to more than %d values (YAML aliases?)", maxValues))
		return nil, d.sorted()
	}
	d.validate(formats)
	b := &builder{doc: d, cfg: c, rules: known(rules, UnusedWaiver, ExpiredWaiver), formats: known(formats)}
	b.build()
	if len(d.errs) > 0 {
		return nil, d.sorted()
	}
	return c, nil
}

// known is a set of names; nil (accept anything) when names is nil.
func known(names []string, more ...string) map[string]bool {
	if names == nil {
		return nil
	}
	m := map[string]bool{}
	for _, n := range append(slices.Clone(names), more...) {
		m[n] = true
	}
	return m
}

// sorted returns the problems by position, without duplicates (a value
// can fail two keywords that say the same thing, like an empty reason).
func (d *document) sorted() Errors {
	out := slices.Clone(d.errs)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
	return slices.CompactFunc(out, func(a, b *Error) bool {
		return a.Line == b.Line && a.Column == b.Column && a.Message == b.Message
	})
}

// builder fills a Config from a document, checking what the schema cannot.
// It reads only values of the right type: a wrong one was reported by the
// schema already.
type builder struct {
	doc     *document
	cfg     *Config
	rules   map[string]bool
	formats map[string]bool
}

var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

func (b *builder) build() {
	top, _ := b.doc.value.(map[string]any)
	if s, ok := top["fail-level"].(string); ok && slices.Contains(failLevels, s) {
		sev, _ := lint.ParseSeverity(s)
		b.cfg.FailLevel = &sev
	}
	if s, ok := top["min-severity"].(string); ok && slices.Contains(minSeverities, s) {
		sev, _ := lint.ParseSeverity(s)
		b.cfg.MinSeverity = &sev
	}
	if l, ok := top["paths"].([]any); ok {
		for _, v := range l {
			if s, ok := v.(string); ok && s != "" {
				b.cfg.Paths = append(b.cfg.Paths, s)
			}
		}
	}
	b.buildRules(top)
	if l, ok := top["exclude"].([]any); ok {
		for i, v := range l {
			s, ok := v.(string)
			if !ok || s == "" {
				continue
			}
			if b.checkPathGlob(fmt.Sprintf("/exclude/%d", i), "exclude pattern", s) {
				b.cfg.Exclude = append(b.cfg.Exclude, s)
				b.cfg.exclude = append(b.cfg.exclude, newPathGlob(s))
			}
		}
	}
	b.buildInputFormats(top)
	b.buildWaivers(top)
}

func (b *builder) buildRules(top map[string]any) {
	m, _ := top["rules"].(map[string]any)
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		key := b.doc.places[lint.JoinPointer("/rules", id)].key
		if !b.checkRule(key, id) {
			continue
		}
		s, _ := m[id].(string)
		switch s {
		case "off":
			b.cfg.Disabled[id] = true
		case "on":
			b.cfg.Disabled[id] = false
		case "error", "warning", "info":
			sev, _ := lint.ParseSeverity(s)
			b.cfg.Severity[id] = sev
			b.cfg.Disabled[id] = false
		}
	}
}

// checkRule reports an ID that is not in the catalog, with the closest one.
func (b *builder) checkRule(n *yaml.Node, id string) bool {
	if b.rules == nil || b.rules[id] {
		return true
	}
	msg := fmt.Sprintf("unknown rule %q", id)
	if h := didYouMean(id, sortedKeys(b.rules)); h != "" {
		msg += h
	} else {
		msg += ": `normlint rules` lists the rule IDs"
	}
	b.doc.add(n, msg)
	return false
}

func (b *builder) buildInputFormats(top map[string]any) {
	l, _ := top["input-formats"].([]any)
	for i, v := range l {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		ptr := fmt.Sprintf("/input-formats/%d", i)
		p, okPath := m["path"].(string)
		f, okFormat := m["format"].(string)
		if !okPath || !okFormat || p == "" || f == "" {
			continue
		}
		good := b.checkPathGlob(ptr+"/path", "path", p)
		if b.formats != nil && !b.formats[f] {
			msg := fmt.Sprintf("unknown input format %q", f)
			if h := didYouMean(f, sortedKeys(b.formats)); h != "" {
				msg += h
			} else {
				msg += ": expected " + lint.OrList(sortedKeys(b.formats))
			}
			b.doc.add(b.doc.places[ptr+"/format"].value, msg)
			good = false
		}
		if good {
			n := b.doc.places[ptr].value
			b.cfg.InputFormats = append(b.cfg.InputFormats, InputFormat{
				Glob: p, Format: f, Line: n.Line, Column: n.Column, glob: newPathGlob(p)})
		}
	}
}

func (b *builder) buildWaivers(top map[string]any) {
	l, _ := top["waivers"].([]any)
	for i, v := range l {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		ptr := fmt.Sprintf("/waivers/%d", i)
		n := b.doc.places[ptr].value
		w := &Waiver{Line: n.Line, Column: n.Column, index: i}
		good := true
		str := func(key string) string {
			s, _ := m[key].(string)
			return s
		}
		w.Rule, w.Reason, w.Value = str("rule"), str("reason"), str("value")
		if w.Rule == "" || strings.TrimSpace(w.Reason) == "" {
			good = false // reported by the schema
		}
		if w.Rule != "" {
			at := b.doc.places[ptr+"/rule"].value
			switch {
			case w.Rule == UnusedWaiver || w.Rule == ExpiredWaiver:
				b.doc.add(at, fmt.Sprintf("a waiver cannot accept %s, a problem of the configuration itself: fix the waiver it names, or set `rules: {%s: off}`", w.Rule, w.Rule))
				good = false
			case !b.checkRule(at, w.Rule):
				good = false
			}
		}
		if s := str("path"); s != "" {
			w.Path, w.path = s, newPathGlob(s)
			good = b.checkPathGlob(ptr+"/path", "path", s) && good
		}
		if s := str("pointer"); s != "" {
			w.Pointer, w.pointer = s, newPointerGlob(s)
			good = b.checkPointerGlob(ptr+"/pointer", s) && good
		}
		if s := str("expires"); datePattern.MatchString(s) {
			t, err := time.Parse(dateLayout, s)
			if err != nil {
				b.doc.add(b.doc.places[ptr+"/expires"].value, fmt.Sprintf("expires %q is not a date (YYYY-MM-DD)", s))
				good = false
			}
			w.Expires = t
		}
		if good {
			b.cfg.Waivers = append(b.cfg.Waivers, w)
		}
	}
}

// checkPathGlob reports a malformed path glob, or one that can never match
// a path below the configuration's directory.
func (b *builder) checkPathGlob(ptr, what, s string) bool {
	at := b.doc.places[ptr].value
	g := newPathGlob(s)
	if err := ValidatePattern(g.expr); err != nil {
		b.doc.add(at, fmt.Sprintf("%s %q is not a valid glob: %v", what, s, err))
		return false
	}
	if e := g.expr; e == ".." || strings.HasPrefix(e, "../") || strings.Contains(e, "/../") || strings.HasSuffix(e, "/..") {
		b.doc.add(at, fmt.Sprintf("%s %q can never match: paths are relative to the configuration's directory and cannot leave it", what, s))
		return false
	}
	return true
}

// checkPointerGlob reports a malformed pointer glob, or one that can never
// match a JSON pointer.
func (b *builder) checkPointerGlob(ptr, s string) bool {
	at := b.doc.places[ptr].value
	if err := ValidatePattern(s); err != nil {
		b.doc.add(at, fmt.Sprintf("pointer %q is not a valid glob: %v", s, err))
		return false
	}
	if strings.Contains(s, "/") && !strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "**") {
		b.doc.add(at, fmt.Sprintf("pointer %q can never match: a JSON pointer starts with \"/\"; did you mean %q?", s, "/"+s))
		return false
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// matchesAny reports whether a waiver's path matches one of files. c.mu
// must be held.
func (c *Config) matchesAny(w *Waiver, files []string) bool {
	if w.Path == "" {
		return false
	}
	for _, f := range files {
		if w.path.matchPath(c.rel(f)) {
			return true
		}
	}
	return false
}

// rel returns a file's path relative to Dir with "/" separators, or "" when
// it is not below Dir. file is as given on the command line: relative to
// the working directory, or absolute. c.mu must be held.
func (c *Config) rel(file string) string {
	if r, ok := c.rels[file]; ok {
		return r
	}
	r := ""
	abs, err := filepath.Abs(file)
	dir, err2 := filepath.Abs(c.Dir)
	if err == nil && err2 == nil {
		if p, err := filepath.Rel(dir, abs); err == nil {
			p = filepath.ToSlash(p)
			if p != "." && p != ".." && !strings.HasPrefix(p, "../") {
				r = p
			}
		}
	}
	if c.rels == nil {
		c.rels = map[string]string{}
	}
	c.rels[file] = r
	return r
}

// Excluded reports whether a file (or a directory, so that a walk can skip
// it whole) matches an exclude glob. file is as given on the command line;
// a file outside the configuration's directory is never excluded.
func (c *Config) Excluded(file string) bool {
	if len(c.exclude) == 0 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rel := c.rel(file)
	for _, g := range c.exclude {
		if g.matchPath(rel) {
			return true
		}
	}
	return false
}

// FormatFor returns the input format of the first input-formats entry
// whose glob matches the file, or "" when none does.
func (c *Config) FormatFor(file string) string {
	if len(c.InputFormats) == 0 {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rel := c.rel(file)
	for _, f := range c.InputFormats {
		if f.glob.matchPath(rel) {
			return f.Format
		}
	}
	return ""
}

// Waive reports whether a diagnostic is waived on the given day, and by
// which waiver; the first waiver in file order that matches wins, and
// counts the match. An expired waiver never waives: a finding it would
// have matched is reported, and counted for its expired-waiver message.
func (c *Config) Waive(d *lint.Diagnostic, today time.Time) (*Waiver, bool) {
	if len(c.Waivers) == 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var lapsed *Waiver
	for _, w := range c.Waivers {
		if w.Rule != d.Rule || (w.Value != "" && w.Value != d.Identity) {
			continue
		}
		if w.Pointer != "" && !w.pointer.matchPointer(d.Pointer) {
			continue
		}
		if w.Path != "" && !w.path.matchPath(c.rel(d.File)) {
			continue
		}
		if w.Expired(today) {
			if lapsed == nil {
				lapsed = w
			}
			continue
		}
		w.Matched++
		return w, true
	}
	if lapsed != nil {
		lapsed.lapsed++
	}
	return nil, false
}

// Problems returns, after a run, an expired-waiver error for every waiver
// past its date and an unused-waiver warning for every other waiver that
// matched nothing, at the waiver's line and column in the configuration
// (File is c.Path, Pointer "/waivers/<index>", Record 0). The file's own
// rules settings apply to these two rules. "Unused" is relative to the
// run: a waiver for a file the run did not check is unused. So when named
// lists the files of a run over files named one by one (as a pre-commit
// hook passes them; nil otherwise), a waiver is reported unused only when
// its path matched one of them, and a waiver without a path never is.
func (c *Config) Problems(today time.Time, named []string) []lint.Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []lint.Diagnostic
	for _, w := range c.Waivers {
		if named != nil && !w.Expired(today) && w.Matched == 0 && !c.matchesAny(w, named) {
			continue // about files this run was not asked to check
		}
		d := lint.Diagnostic{
			File: c.Path, Line: w.Line, Column: w.Column,
			Pointer: fmt.Sprintf("/waivers/%d", w.index),
		}
		name := fmt.Sprintf("waiver %d (%s)", w.index+1, w.Rule)
		switch {
		case w.Expired(today):
			d.Rule, d.Severity = ExpiredWaiver, lint.SeverityError
			d.Message = fmt.Sprintf("%s expired on %s and no longer applies", name, w.Expires.Format(dateLayout))
			switch w.lapsed {
			case 0:
			case 1:
				d.Message += ": the finding it matched is reported again"
			default:
				d.Message += fmt.Sprintf(": the %d findings it matched are reported again", w.lapsed)
			}
			d.Hint = "fix the findings and remove the waiver, or set a later expires date if the reason still holds"
		case w.Matched == 0:
			d.Rule, d.Severity = UnusedWaiver, lint.SeverityWarning
			d.Message = name + " matched no finding in this run"
			if c.Disabled[w.Rule] {
				d.Message += fmt.Sprintf(": rule %s is off in this file", w.Rule)
			}
			d.Hint = "remove the waiver if the finding is gone"
			var narrow []string
			for _, f := range []struct{ name, value string }{{"path", w.Path}, {"pointer", w.Pointer}, {"value", w.Value}} {
				if f.value != "" {
					narrow = append(narrow, f.name)
				}
			}
			if len(narrow) > 0 {
				d.Hint += ", or correct its " + lint.OrList(narrow)
			}
			if named != nil {
				d.Hint += " (this run checked only the files named on the command line, so only waivers whose path matches one of them are judged)"
			}
		default:
			continue
		}
		if c.Disabled[d.Rule] {
			continue
		}
		if s, ok := c.Severity[d.Rule]; ok {
			d.Severity = s
		}
		out = append(out, d)
	}
	return out
}
