package schemas

import (
	"errors"
	"slices"
	"sort"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/normlint/normlint/lint"
)

// Validate checks a record's canonical document against the schema for its
// kind and returns the folded violations, sorted by pointer, rule and
// keyword: the validator's own error order follows map iteration and is not
// stable. A record of a class whose verdict is known takes it from the fast
// path (fast.go) without building its document.
func (s *Set) Validate(r *lint.Record) []lint.Violation {
	fp := s.fast[r.Kind]
	if fp == nil {
		return s.validateFull(r)
	}
	bp := keyBufs.Get().(*[]byte)
	key, ok := fp.appendKey((*bp)[:0], r)
	vs, known := []lint.Violation(nil), false
	if ok {
		vs, known = fp.cache.get(key)
	}
	if !known {
		vs = s.validateFull(r)
		if ok && fp.reusable(r, vs) {
			fp.cache.remember(key, vs)
		}
	}
	*bp = key
	keyBufs.Put(bp)
	return vs
}

// Full returns a validator of the same schemas without the fast path:
// every record goes through the full validator (--no-fast-path).
func (s *Set) Full() lint.Validator { return fullValidator{s} }

type fullValidator struct{ s *Set }

func (f fullValidator) Validate(r *lint.Record) []lint.Violation { return f.s.validateFull(r) }

// validateFull validates the record's document with the full validator,
// remembering the results of recent documents.
func (s *Set) validateFull(r *lint.Record) []lint.Violation {
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
	cached, key, ok := s.memo.lookup(r.Kind, r.Doc())
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
	err := sch.Validate(any(r.Doc()))
	if err == nil {
		return nil
	}
	var verr *jsonschema.ValidationError
	ok := errors.As(err, &verr)
	if !ok {
		// The library reports every failure as a *ValidationError; anything
		// else means the document could not be read as JSON at all.
		return []lint.Violation{{Rule: lint.RuleMalformedRecord, Got: r.Doc()}}
	}
	f := &folder{set: s, doc: r.Doc(), out: map[foldKey]*lint.Violation{}}
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
