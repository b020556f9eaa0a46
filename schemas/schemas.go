package schemas

import (
	"bytes"
	"embed"
	"fmt"
	"hash/maphash"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/normlint/normlint/lint"
)

//go:embed *.schema.json
var embedded embed.FS

const (
	// suffix ends every embedded schema file name; Names strips it.
	suffix = ".schema.json"
	// baseURL is the $id prefix of every embedded schema. The .invalid TLD
	// can never resolve, so a $ref that escapes the embedded set cannot
	// silently reach the network, and the refusing loader reports it.
	baseURL = "https://normlint.invalid/schemas/"

	// ruleKeyword names the catalog rule a schema node enforces.
	ruleKeyword = "x-normlint-rule"
	// pointerKeyword, on an annotated node, fixes the record pointer its
	// violations are reported at. unknown-event and undocumented-event use
	// it: the (method, object) pair is checked by keywords that look at
	// /object, but the catalog reports the pair at /method.
	pointerKeyword = "x-normlint-pointer"

	eventName  = "normandy-event"
	uptakeName = "uptake"
)

// ErasKeyword is the member, at the top of a schema, that lists what the
// schema accepts although only some Firefox versions send it, with those
// versions and the source file that sends it. Validation ignores it;
// package rules reads it for --firefox-version and the documentation.
const ErasKeyword = "x-normlint-eras"

// Names lists the embedded schemas, sorted, without the ".schema.json"
// suffix: the names `normlint schema` accepts.
func Names() []string {
	entries, err := fs.Glob(embedded, "*"+suffix)
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e, suffix))
	}
	sort.Strings(names)
	return names
}

// Source returns the embedded bytes of the named schema, so that users see
// exactly what normlint validates against.
func Source(name string) ([]byte, bool) {
	b, err := embedded.ReadFile(name + suffix)
	if err != nil {
		return nil, false
	}
	return b, true
}

// Set is the compiled schema set. It is immutable once built, so one Set is
// shared by every goroutine.
type Set struct {
	schemas map[string]*jsonschema.Schema // by name
	docs    map[string]any                // parsed schema documents by $id
	nodes   map[string]*node              // annotated schema nodes by location
	memo    *memo
	// fast is the fast path of each kind's schema; a kind whose schema the
	// fast path cannot read is absent, and slow says why.
	fast map[lint.Kind]*fastPath
	slow map[lint.Kind]string
}

// node is an annotated schema node: the unit violations are folded into.
type node struct {
	loc     string // canonical location, url#pointer (RFC 6901, not URL-escaped)
	rule    string
	pointer string // pointerKeyword, or ""
	want    []any  // enum and const values in the node's own subtree
}

var (
	loadOnce sync.Once
	loaded   *Set
)

// Load returns the embedded schemas, compiled on first use. The schemas
// ship with the binary and the tests compile them, so a failure here is a
// build defect and panics.
func Load() *Set {
	loadOnce.Do(func() {
		s, err := compile(embeddedFiles())
		if err != nil {
			panic(fmt.Sprintf("schemas: embedded schemas do not compile: %v", err))
		}
		for _, n := range []string{eventName, uptakeName} {
			if s.schemas[n] == nil {
				panic("schemas: embedded schema " + n + " is missing")
			}
		}
		loaded = s
	})
	return loaded
}

// embeddedFiles returns every embedded schema by name.
func embeddedFiles() map[string][]byte {
	files := map[string][]byte{}
	for _, name := range Names() {
		b, _ := Source(name)
		files[name] = b
	}
	return files
}

// refusingLoader is the compiler's only URL loader: every schema normlint
// uses is embedded, so a $ref that leaves the set is a defect to report, not
// a document to fetch. (The draft metaschemas ship inside the library and
// never reach the loader.)
type refusingLoader struct{}

func (refusingLoader) Load(u string) (any, error) {
	return nil, fmt.Errorf("refusing to load %q: normlint schemas may only refer to each other", u)
}

// newCompiler returns a compiler that never loads anything from outside.
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(refusingLoader{})
	return c
}

// compile builds a Set from schema files by name. Each file is registered
// under its $id before any is compiled, so that they may refer to each other.
func compile(files map[string][]byte) (*Set, error) {
	s := &Set{
		schemas: map[string]*jsonschema.Schema{},
		docs:    map[string]any{},
		nodes:   map[string]*node{},
		memo:    newMemo(),
	}
	c := newCompiler()
	ids := map[string]string{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[name]))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		obj, _ := doc.(map[string]any)
		id, _ := obj["$id"].(string)
		if id == "" {
			return nil, fmt.Errorf("%s: no $id", name)
		}
		if err := c.AddResource(id, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ids[name] = id
		s.docs[id] = doc
	}
	for _, name := range names {
		sch, err := c.Compile(ids[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s.schemas[name] = sch
	}
	for _, name := range names {
		id := ids[name]
		s.index(id, s.docs[id], nil)
	}
	s.fast, s.slow = map[lint.Kind]*fastPath{}, map[lint.Kind]string{}
	for kind, name := range map[lint.Kind]string{lint.KindEvent: eventName, lint.KindUptake: uptakeName} {
		id, ok := ids[name]
		if !ok {
			continue
		}
		fp, why := s.compileFast(id)
		if fp == nil {
			s.slow[kind] = why
			continue
		}
		fp.cache.seed = maphash.MakeSeed()
		s.fast[kind] = fp
	}
	return s, nil
}

// Subschema-holding keywords of draft 2020-12, by the shape of their value.
var (
	schemaKeywords = map[string]bool{
		"not": true, "if": true, "then": true, "else": true, "items": true,
		"contains": true, "additionalProperties": true, "propertyNames": true,
		"unevaluatedProperties": true, "unevaluatedItems": true,
		"contentSchema": true,
	}
	schemaMapKeywords = map[string]bool{
		"properties": true, "patternProperties": true, "$defs": true,
		"definitions": true, "dependentSchemas": true,
	}
	schemaListKeywords = map[string]bool{
		"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true,
	}
)

// index records every annotated schema node of a document. Only positions
// that hold schemas are visited, so a property named like the annotation
// keyword cannot pass for one.
func (s *Set) index(id string, v any, ptr []string) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	if rule, ok := obj[ruleKeyword].(string); ok {
		n := &node{loc: location(id, ptr), rule: rule}
		n.pointer, _ = obj[pointerKeyword].(string)
		n.want = s.collect(id, obj, map[string]bool{})
		s.nodes[n.loc] = n
	}
	for k, sub := range obj {
		switch {
		case schemaKeywords[k]:
			s.index(id, sub, with(ptr, k))
		case schemaMapKeywords[k]:
			m, _ := sub.(map[string]any)
			for name, sch := range m {
				s.index(id, sch, with(ptr, k, name))
			}
		case schemaListKeywords[k]:
			l, _ := sub.([]any)
			for i, sch := range l {
				s.index(id, sch, with(ptr, k, fmt.Sprint(i)))
			}
		}
	}
}

// collect gathers the enum and const values a node allows, for "did you
// mean" hints. It follows $ref, but not into "if" (a condition, not an
// allowed value), "not", or nodes annotated with a rule of their own (their
// values belong to that rule). Keys are visited in sorted order so that the
// result does not depend on map iteration.
func (s *Set) collect(id string, obj map[string]any, seen map[string]bool) []any {
	var out []any
	add := func(vals ...any) {
		for _, v := range vals {
			if !slices.ContainsFunc(out, func(w any) bool { return fmt.Sprint(w) == fmt.Sprint(v) }) {
				out = append(out, v)
			}
		}
	}
	var visit func(id string, v any, top bool)
	visit = func(id string, v any, top bool) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if _, annotated := m[ruleKeyword]; annotated && !top {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub := m[k]
			switch {
			case k == "enum":
				l, _ := sub.([]any)
				add(l...)
			case k == "const":
				add(sub)
			case k == "$ref":
				ref, _ := sub.(string)
				tid, tptr, ok := s.resolve(id, ref)
				if !ok || seen[location(tid, tptr)] {
					continue
				}
				seen[location(tid, tptr)] = true
				visit(tid, lookup(s.docs[tid], tptr), false)
			case k == "if" || k == "not":
			case schemaKeywords[k]:
				visit(id, sub, false)
			case schemaMapKeywords[k] && k != "$defs" && k != "definitions":
				sm, _ := sub.(map[string]any)
				names := make([]string, 0, len(sm))
				for n := range sm {
					names = append(names, n)
				}
				sort.Strings(names)
				for _, n := range names {
					visit(id, sm[n], false)
				}
			case schemaListKeywords[k]:
				l, _ := sub.([]any)
				for _, item := range l {
					visit(id, item, false)
				}
			}
		}
	}
	visit(id, obj, true)
	return out
}

// resolve turns a $ref found in document id into the target document and
// pointer, if the target is embedded.
func (s *Set) resolve(id, ref string) (string, []string, bool) {
	base, err := url.Parse(id)
	if err != nil {
		return "", nil, false
	}
	u, err := base.Parse(ref)
	if err != nil {
		return "", nil, false
	}
	frag := u.Fragment
	u.Fragment = ""
	target := u.String()
	if _, ok := s.docs[target]; !ok {
		return "", nil, false
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return "", nil, false // anchors are not used by normlint's schemas
	}
	return target, lint.SplitPointer(frag), true
}

// splitLocation splits a schema URL as the library writes it (url#frag,
// each fragment token URL-path-escaped) into the document URL and the
// unescaped pointer tokens.
func splitLocation(s string) (string, []string) {
	id, frag, _ := strings.Cut(s, "#")
	toks := lint.SplitPointer(frag)
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return id, toks
}

// location is the canonical key of a schema node.
func location(id string, ptr []string) string {
	return id + "#" + lint.JoinPointer("", ptr...)
}

// lookup returns the value at pointer tokens within v, or nil.
func lookup(v any, toks []string) any {
	for _, t := range toks {
		switch c := v.(type) {
		case map[string]any:
			v = c[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}

// valueAt returns the record value at an RFC 6901 pointer.
func valueAt(doc map[string]any, ptr string) (any, bool) {
	var v any = doc
	for _, t := range lint.SplitPointer(ptr) {
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[t]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// with returns toks extended by more, never sharing toks' backing array.
func with(toks []string, more ...string) []string {
	out := make([]string, 0, len(toks)+len(more))
	return append(append(out, toks...), more...)
}

func hasPrefix(toks, prefix []string) bool {
	return len(toks) >= len(prefix) && slices.Equal(toks[:len(prefix)], prefix)
}

// Loading returns a validator of the embedded schemas that starts compiling
// them at once, in the background. Compiling takes about 10 ms, most of it
// the library checking the schemas against their metaschema, which it
// cannot be told to skip; meanwhile a run finds and reads its inputs and
// skims the rows that hold no Normandy record. The first record validated
// waits for the compilation.
func Loading() lint.Validator {
	go Load()
	return loading{}
}

type loading struct{}

// Validate implements lint.Validator.
func (loading) Validate(r *lint.Record) []lint.Violation { return Load().Validate(r) }

// Full is Set.Full, once the schemas are compiled (--no-fast-path).
func (loading) Full() lint.Validator { return fullLoading{} }

type fullLoading struct{}

func (fullLoading) Validate(r *lint.Record) []lint.Violation { return Load().Full().Validate(r) }
