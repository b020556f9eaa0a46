package schemas

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/normlint/normlint/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
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

// Validate checks a record's canonical document against the schema for its
// kind and returns the folded violations, sorted by pointer, rule and
// keyword: the validator's own error order follows map iteration and is not
// stable.
func (s *Set) Validate(r *lint.Record) []lint.Violation {
	var sch *jsonschema.Schema
	switch r.Kind {
	case lint.KindEvent:
		sch = s.schemas[eventName]
	case lint.KindUptake:
		sch = s.schemas[uptakeName]
	}
	if sch == nil {
		return nil
	}
	cached, key, ok := s.memo.lookup(r.Kind, r.Doc)
	if ok {
		return cached
	}
	vs := s.validate(sch, r)
	if key != "" {
		s.memo.store(key, vs)
	}
	return vs
}

// validate runs the validator and folds its error tree.
func (s *Set) validate(sch *jsonschema.Schema, r *lint.Record) []lint.Violation {
	err := sch.Validate(any(r.Doc))
	if err == nil {
		return nil
	}
	var verr *jsonschema.ValidationError
	ok := errors.As(err, &verr)
	if !ok {
		// The library reports every failure as a *ValidationError; anything
		// else means the document could not be read as JSON at all.
		return []lint.Violation{{Rule: "malformed-record", Got: r.Doc}}
	}
	f := &folder{set: s, doc: r.Doc, out: map[foldKey]*lint.Violation{}}
	f.walk(verr, nil)
	return f.result()
}

// folder turns one validation error tree into violations.
type folder struct {
	set *Set
	doc map[string]any
	out map[foldKey]*lint.Violation
}

// foldKey identifies a violation: one per annotated node and reported
// member.
type foldKey struct {
	node    string
	pointer string
	key     bool
}

// scope is entered when the walk follows a $ref. Errors inside the target
// that find no annotation between their node and the target take the one of
// the referring site: a shared definition (a set of reasons, say) is judged
// by the rule of the node that uses it.
type scope struct {
	root  []string // pointer of the $ref target within doc
	doc   string   // URL of the target's document
	outer *node    // annotated node of the referring site
}

// walk visits an error and its causes.
func (f *folder) walk(e *jsonschema.ValidationError, sc *scope) {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group:
		for _, c := range e.Causes {
			f.walk(c, sc)
		}
	case *kind.Reference:
		inner := f.enter(e, k, sc)
		for _, c := range e.Causes {
			f.walk(c, inner)
		}
	case *kind.AllOf, *kind.AnyOf, *kind.OneOf:
		if len(e.Causes) == 0 { // oneOf matched twice: a plain failure
			f.leaf(e, sc)
			return
		}
		// A combinator under one annotated node, with no other annotation
		// below it, is one constraint of that node: report it once, with
		// the node's allowed values, rather than once per branch.
		owner := f.annotated(e.SchemaURL, sc)
		if owner != nil && f.ownedBy(e, sc, owner) {
			f.emit(owner, e.InstanceLocation, keywordOf(e), nil, false, e)
			return
		}
		for _, c := range e.Causes {
			f.walk(c, sc)
		}
	default:
		f.leaf(e, sc)
	}
}

// enter returns the scope for the causes of a $ref error.
func (f *folder) enter(e *jsonschema.ValidationError, k *kind.Reference, sc *scope) *scope {
	id, ptr := splitLocation(k.URL)
	return &scope{root: ptr, doc: id, outer: f.annotated(e.SchemaURL, sc)}
}

// ownedBy reports whether every failing keyword under e folds into owner.
func (f *folder) ownedBy(e *jsonschema.ValidationError, sc *scope, owner *node) bool {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.AllOf, *kind.AnyOf, *kind.OneOf:
		if len(e.Causes) == 0 {
			return f.annotated(e.SchemaURL, sc) == owner
		}
		for _, c := range e.Causes {
			if !f.ownedBy(c, sc, owner) {
				return false
			}
		}
		return true
	case *kind.Reference:
		inner := f.enter(e, k, sc)
		for _, c := range e.Causes {
			if !f.ownedBy(c, inner, owner) {
				return false
			}
		}
		return true
	default:
		return f.annotated(e.SchemaURL, sc) == owner
	}
}

// leaf reports a failing keyword that has no causes of its own.
func (f *folder) leaf(e *jsonschema.ValidationError, sc *scope) {
	owner := f.annotated(e.SchemaURL, sc)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		f.emit(owner, e.InstanceLocation, "required", k.Missing, false, e)
	case *kind.DependentRequired:
		f.emit(owner, e.InstanceLocation, "dependentRequired", k.Missing, false, e)
	case *kind.AdditionalProperties:
		// One violation per unexpected member, reported on its name, with
		// the names the object may have as the allowed values.
		names := f.set.propertyNames(e.SchemaURL)
		for _, p := range k.Properties {
			f.emitWant(owner, with(e.InstanceLocation, p), "additionalProperties", nil, true, names, e)
		}
	case *kind.PropertyNames:
		f.emit(owner, with(e.InstanceLocation, k.Property), "propertyNames", nil, true, e)
	default:
		f.emit(owner, e.InstanceLocation, keywordOf(e), nil, false, e)
	}
}

// emit records (or merges) the violation of owner at an instance location;
// its allowed values are those of owner's node.
func (f *folder) emit(owner *node, inst []string, keyword string, missing []string, key bool, e *jsonschema.ValidationError) {
	var want []any
	if owner != nil {
		want = owner.want
	}
	f.emitWant(owner, inst, keyword, missing, key, want, e)
}

// emitWant is emit with explicit allowed values.
func (f *folder) emitWant(owner *node, inst []string, keyword string, missing []string, key bool, want []any, e *jsonschema.ValidationError) {
	v := lint.Violation{
		Pointer:        lint.JoinPointer("", inst...),
		Key:            key,
		Keyword:        keyword,
		SchemaLocation: keywordLocation(e, keyword),
	}
	if owner != nil {
		v.Rule = owner.rule
		if owner.pointer != "" {
			v.Pointer, v.Key = owner.pointer, false
		}
	}
	if len(want) > 0 {
		v.Want = slices.Clone(want)
	}
	if missing != nil {
		v.Missing = slices.Clone(missing)
		sort.Strings(v.Missing)
	} else {
		v.Got, _ = valueAt(f.doc, v.Pointer)
	}
	k := foldKey{node: nodeOf(owner), pointer: v.Pointer, key: v.Key}
	prev, ok := f.out[k]
	if !ok {
		f.out[k] = &v
		return
	}
	// Several keywords of one node failed for one value (an if/then chain,
	// say). Keep the lowest keyword location so the result is stable, and
	// the union of what is missing.
	if v.SchemaLocation < prev.SchemaLocation {
		prev.Keyword, prev.SchemaLocation = v.Keyword, v.SchemaLocation
	}
	if v.Missing != nil {
		for _, m := range v.Missing {
			if !slices.Contains(prev.Missing, m) {
				prev.Missing = append(prev.Missing, m)
			}
		}
		sort.Strings(prev.Missing)
		prev.Got = nil
	}
}

// result returns the violations in a stable order.
func (f *folder) result() []lint.Violation {
	out := make([]lint.Violation, 0, len(f.out))
	for _, v := range f.out {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Keyword != b.Keyword {
			return a.Keyword < b.Keyword
		}
		if a.SchemaLocation != b.SchemaLocation {
			return a.SchemaLocation < b.SchemaLocation
		}
		return !a.Key && b.Key
	})
	return out
}

// propertyNames lists, sorted, the members the schema node at schemaURL
// declares in "properties".
func (s *Set) propertyNames(schemaURL string) []any {
	id, ptr := splitLocation(schemaURL)
	obj, _ := lookup(s.docs[id], ptr).(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}

// nodeOf is the fold key part of an owner.
func nodeOf(owner *node) string {
	if owner == nil {
		return ""
	}
	return owner.loc
}

// annotated finds the nearest annotated node at or above the schema node at
// schemaURL. Inside a $ref target the search stops at the target, falling
// back to the referring site's node.
func (f *folder) annotated(schemaURL string, sc *scope) *node {
	id, ptr := splitLocation(schemaURL)
	stop := 0
	inScope := sc != nil && id == sc.doc && hasPrefix(ptr, sc.root)
	if inScope {
		stop = len(sc.root)
	}
	for i := len(ptr); i >= stop; i-- {
		if n := f.set.nodes[location(id, ptr[:i])]; n != nil {
			return n
		}
	}
	if sc != nil {
		return sc.outer
	}
	return nil
}

// keywordOf names the keyword an error is about. The library leaves "not"
// and false schemas without a keyword path.
func keywordOf(e *jsonschema.ValidationError) string {
	switch e.ErrorKind.(type) {
	case *kind.Not:
		return "not"
	case *kind.FalseSchema:
		return "false"
	}
	if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
		return p[0]
	}
	return ""
}

// keywordLocation is the absolute keyword location of an error, for
// debugging output.
func keywordLocation(e *jsonschema.ValidationError, keyword string) string {
	id, ptr := splitLocation(e.SchemaURL)
	if keyword != "" && keyword != "false" {
		ptr = with(ptr, keyword)
	}
	return location(id, ptr)
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
