package config

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

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
	switch n := top["max-lifecycle-pairs"].(type) {
	case int:
		b.cfg.MaxLifecyclePairs = max(n, 0)
	case int64:
		b.cfg.MaxLifecyclePairs = int(max(n, 0))
	case uint64:
		b.cfg.MaxLifecyclePairs = int(min(n, 1<<31-1))
	}
	b.buildFirefoxVersion(top)
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
	b.buildRequire(top)
}

// buildRequire keeps the required items, each one that rules.Documented
// lists: anything else could never be seen, and the gate never pass.
func (b *builder) buildRequire(top map[string]any) {
	l, _ := top["require"].([]any)
	docs := rules.Documented()
	for i, v := range l {
		s, ok := v.(string)
		if !ok || s == "" {
			continue
		}
		if !slices.Contains(docs, s) {
			at := b.doc.places[fmt.Sprintf("/require/%d", i)].value
			b.doc.add(at, fmt.Sprintf("required item %q is not a documented status, event or reason%s", s, didYouMean(s, docs)))
			continue
		}
		b.cfg.Require = append(b.cfg.Require, s)
	}
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
			case w.Rule == unusedWaiver || w.Rule == expiredWaiver:
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

// buildFirefoxVersion reads firefox-version, written as --firefox-version
// takes it (a bare integer too, as YAML reads 134).
func (b *builder) buildFirefoxVersion(top map[string]any) {
	var text string
	switch v := top["firefox-version"].(type) {
	case string:
		text = v
	case int:
		text = fmt.Sprint(v)
	case int64:
		text = fmt.Sprint(v)
	case uint64:
		text = fmt.Sprint(v)
	default:
		return
	}
	r, err := rules.ParseFirefoxRange(text)
	if err != nil {
		b.doc.add(b.doc.places["/firefox-version"].value, err.Error())
		return
	}
	b.cfg.FirefoxVersion = r
}
