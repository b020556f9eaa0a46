package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/normlint/normlint/lint"
)

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
			d.Rule, d.Severity = expiredWaiver, lint.SeverityError
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
			d.Rule, d.Severity = unusedWaiver, lint.SeverityWarning
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
