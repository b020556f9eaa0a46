package schemas

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"regexp"
	"slices"
	"sort"
)

// The fast path. Most records of an export are valid or have the same few
// findings, and most of what a record costs is the generic validator. So
// Validate first computes a record's class: its structure, with every
// string (and member name) replaced by what the schema can observe of it.
// Two records of one class make every keyword of the schema give the same
// answer at the same places, so they get the same verdict: once the full
// validator has found one record of a class clean, every later record of
// that class is cleared without it.
//
// A class with violations shares them only where the class fixes what
// they say (class.go, reusable): where their pointers name only members
// the schemas list, and where the offending value is absent or a string
// the schema lists at its place (an undocumented method, the reason
// "unknown"). Such violations are reused; any others (an unlisted reason,
// an unexpected key) send every record of the class to the full validator,
// which words its findings as always. A value the fast path cannot class
// does the same. And a schema holding a keyword this compiler does not
// understand gets no fast path at all (understoodKeywords lists the ones it
// does).
//
// What a keyword can observe of a value, and so what a class keeps:
//
//   - type: the JSON type, an integral number apart from another;
//   - const and enum (of strings): equality with each listed string, so a
//     string listed at the value's place is kept exactly;
//   - pattern: which of the patterns of the value's place match;
//   - minLength and maxLength: which of the length bounds of the value's
//     place the string's length (in code points) passes;
//   - properties, required, additionalProperties, maxProperties,
//     minProperties: which members an object has, by name; a name that no
//     schema lists (in properties or required) only ever meets
//     additionalProperties, so all such names are one class;
//   - allOf, anyOf, oneOf, not, if, then, else, $ref: combine the answers
//     of other keywords at the same place.
//
// The place of a value is its path from the record's root; the compiler
// walks the schema following properties (into a member of that name) and
// additionalProperties (into any member), so it knows, for every place,
// every string test that can reach a value there.

// understoodKeywords are the keywords the fast path's compiler reads. Any
// other keyword it meets in a schema (a validation keyword or a nested
// $id) makes it give up on that schema: its records always take the full
// path.
var understoodKeywords = map[string]bool{
	// annotations: no effect on validation
	"$schema": true, "$comment": true, "title": true, "description": true,
	ruleKeyword: true, pointerKeyword: true, "$defs": true,
	// which Firefox versions send which value (read by package rules)
	ErasKeyword: true,
	// assertions
	"type": true, "const": true, "enum": true, "pattern": true,
	"minLength": true, "maxLength": true, "required": true,
	"maxProperties": true, "minProperties": true,
	// applicators
	"properties": true, "additionalProperties": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true,
	"if": true, "then": true, "else": true, "$ref": true,
}

// place holds the string tests a schema can apply to the values at one
// place of a record, and the places below it.
type place struct {
	consts   map[string]bool
	patterns []*regexp.Regexp
	// bounds are the length thresholds, sorted: a string is classed by how
	// many it reaches (minLength n is the threshold n, maxLength n the
	// threshold n+1).
	bounds []int
	// members are the places of named members; any is the place every
	// member reaches (additionalProperties), merged into each named one
	// once compiled.
	members map[string]*place
	any     *place
	// cache remembers which patterns recent strings match: the same
	// sources, add-on IDs and versions recur from record to record, and a
	// regular expression costs more than the rest of a record's class.
	cache *matchCache
}

func (p *place) member(name string) *place {
	if p.members == nil {
		p.members = map[string]*place{}
	}
	if p.members[name] == nil {
		p.members[name] = &place{}
	}
	return p.members[name]
}

func (p *place) anyMember() *place {
	if p.any == nil {
		p.any = &place{}
	}
	return p.any
}

// fastPath is the compiled fast path of one schema.
type fastPath struct {
	root *place
	// names are the member names some schema lists: kept exactly in a
	// class, every other name is one class.
	names map[string]bool
	cache verdicts
}

// fastCompiler walks one schema document.
type fastCompiler struct {
	set      *Set
	fp       *fastPath
	visited  map[visit]bool
	patterns map[string]*regexp.Regexp
	// unknown is the first keyword not understood, "" if none.
	unknown string
}

type visit struct {
	loc string
	at  *place
}

// compileFast compiles the fast path of the schema whose $id is id; it
// returns nil and the offending keyword when the schema holds one it does
// not understand.
func (s *Set) compileFast(id string) (*fastPath, string) {
	c := &fastCompiler{
		set:      s,
		fp:       &fastPath{root: &place{}, names: map[string]bool{}},
		visited:  map[visit]bool{},
		patterns: map[string]*regexp.Regexp{},
	}
	c.walk(id, nil, s.docs[id], c.fp.root, true)
	if c.unknown != "" {
		return nil, c.unknown
	}
	finish(c.fp.root)
	return c.fp, ""
}

// walk records what the schema at (id, ptr) tests at place at.
func (c *fastCompiler) walk(id string, ptr []string, v any, at *place, root bool) {
	if c.unknown != "" {
		return
	}
	loc := location(id, ptr)
	if c.visited[visit{loc, at}] {
		return
	}
	c.visited[visit{loc, at}] = true
	obj, ok := v.(map[string]any)
	if !ok {
		if _, isBool := v.(bool); !isBool {
			c.fail(loc, "a schema that is neither an object nor a boolean")
		}
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sub := obj[k]
		if k == "$id" && root {
			continue
		}
		if !understoodKeywords[k] {
			c.fail(loc, k)
			return
		}
		switch k {
		case "const":
			c.addConst(loc, at, sub)
		case "enum":
			l, ok := sub.([]any)
			if !ok {
				c.fail(loc, "enum")
			}
			for _, e := range l {
				c.addConst(loc, at, e)
			}
		case "pattern":
			c.addPattern(loc, at, sub)
		case "minLength", "maxLength":
			n, ok := integer(sub)
			if !ok {
				c.fail(loc, k)
				return
			}
			if k == "maxLength" {
				n++
			}
			if !slices.Contains(at.bounds, n) {
				at.bounds = append(at.bounds, n)
				slices.Sort(at.bounds)
			}
		case "required":
			l, _ := sub.([]any)
			for _, e := range l {
				if name, ok := e.(string); ok {
					c.fp.names[name] = true
				}
			}
		case "properties":
			m, _ := sub.(map[string]any)
			for name, sch := range m {
				c.fp.names[name] = true
				c.walk(id, with(ptr, k, name), sch, at.member(name), false)
			}
		case "additionalProperties":
			c.walk(id, with(ptr, k), sub, at.anyMember(), false)
		case "allOf", "anyOf", "oneOf":
			l, _ := sub.([]any)
			for i, sch := range l {
				c.walk(id, with(ptr, k, fmt.Sprint(i)), sch, at, false)
			}
		case "not", "if", "then", "else":
			c.walk(id, with(ptr, k), sub, at, false)
		case "$ref":
			ref, _ := sub.(string)
			tid, tptr, ok := c.set.resolve(id, ref)
			if !ok {
				c.fail(loc, "$ref "+ref)
				return
			}
			c.walk(tid, tptr, lookup(c.set.docs[tid], tptr), at, false)
		}
	}
}

func (c *fastCompiler) fail(loc, what string) {
	if c.unknown == "" {
		c.unknown = what + " at " + loc
	}
}

func (c *fastCompiler) addConst(loc string, at *place, v any) {
	s, ok := v.(string)
	if !ok {
		// Numbers, booleans and structures would need classes of their
		// own; no schema of normlint's lists them.
		c.fail(loc, "a const or enum value that is not a string")
		return
	}
	if at.consts == nil {
		at.consts = map[string]bool{}
	}
	at.consts[s] = true
}

func (c *fastCompiler) addPattern(loc string, at *place, v any) {
	src, ok := v.(string)
	if !ok {
		c.fail(loc, "pattern")
		return
	}
	re := c.patterns[src]
	if re == nil {
		// The validator compiles patterns with Go's regexp too, so both
		// read a pattern alike.
		var err error
		if re, err = regexp.Compile(src); err != nil {
			c.fail(loc, "pattern "+src)
			return
		}
		c.patterns[src] = re
	}
	for _, p := range at.patterns {
		if p == re {
			return
		}
	}
	at.patterns = append(at.patterns, re)
}

// integer reads a schema's integer (the loader keeps numbers as
// json.Number).
func integer(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil && i >= 0 && i < 1<<30
	case float64:
		return int(n), n == float64(int(n)) && n >= 0 && n < 1<<30
	}
	return 0, false
}

// finish merges the any-member place into every named member's place, all
// the way down: a member named in one schema's properties still meets
// another schema's additionalProperties.
func finish(p *place) {
	if p == nil {
		return
	}
	if len(p.patterns) > 0 && len(p.patterns) <= maxCachedPatterns && p.cache == nil {
		p.cache = &matchCache{seed: maphash.MakeSeed()}
	}
	for name, m := range p.members {
		p.members[name] = merge(m, p.any)
	}
	for _, m := range p.members {
		finish(m)
	}
	finish(p.any)
}

// merge returns a new place with the tests of both.
func merge(a, b *place) *place {
	if a == nil && b == nil {
		return nil
	}
	out := &place{}
	for _, p := range []*place{a, b} {
		if p == nil {
			continue
		}
		for s := range p.consts {
			if out.consts == nil {
				out.consts = map[string]bool{}
			}
			out.consts[s] = true
		}
		for _, re := range p.patterns {
			if !slices.Contains(out.patterns, re) {
				out.patterns = append(out.patterns, re)
			}
		}
		for _, n := range p.bounds {
			if !slices.Contains(out.bounds, n) {
				out.bounds = append(out.bounds, n)
			}
		}
	}
	slices.Sort(out.bounds)
	names := map[string]bool{}
	for _, p := range []*place{a, b} {
		if p != nil {
			for n := range p.members {
				names[n] = true
			}
		}
	}
	for n := range names {
		var am, bm *place
		if a != nil {
			am = a.members[n]
		}
		if b != nil {
			bm = b.members[n]
		}
		if out.members == nil {
			out.members = map[string]*place{}
		}
		out.members[n] = merge(am, bm)
	}
	var aa, ba *place
	if a != nil {
		aa = a.any
	}
	if b != nil {
		ba = b.any
	}
	out.any = merge(aa, ba)
	return out
}
