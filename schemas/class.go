package schemas

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/normlint/normlint/lint"
)

// Class keys. A key is a byte string; each value writes a tag byte, then
// what the schema can observe of it (see fast.go). Strings and counts of
// the key are length-prefixed, and the number of pattern results and
// bounds at a place is fixed by the place, so no two different classes
// share a key.
const (
	tagNull    = 'z'
	tagBool    = 'b'
	tagInt     = 'i'
	tagNumber  = 'n'
	tagString  = 's' // a string no test reaches
	tagConst   = '=' // a string one of the place's constants, then it
	tagOther   = 'o' // another string, then '0' or '1' per pattern and the bounds reached
	tagObject  = '{'
	tagArray   = '['
	tagName    = 'k' // a listed member name, then it
	tagAnyName = '?' // a member name no schema lists
	tagNoExtra = 'x'
)

// topNames are the typed top-level members of a record, in the order the
// key writes them.
var topNames = [...]string{"category", "method", "object", "value", "source", "status", "timestamp", "client_id"}

// appendKey appends the class of r to b; ok is false when some value
// cannot be classed (the record then takes the full path).
func (fp *fastPath) appendKey(b []byte, r *lint.Record) (_ []byte, ok bool) {
	b = append(b, byte(r.Kind))
	fields := [...]*lint.Field{&r.Category, &r.Method, &r.Object, &r.Value, &r.Source, &r.Status, &r.Time, &r.Client}
	for i, f := range fields {
		if f.Kind == lint.Absent {
			continue
		}
		if b, ok = fp.appendMember(b, fp.root, topNames[i], *f); !ok {
			return b, false
		}
	}
	for _, m := range r.Others {
		if b, ok = fp.appendMember(b, fp.root, m.Name, m.Value); !ok {
			return b, false
		}
	}
	if !r.HasExtra() {
		return append(b, tagNoExtra), true
	}
	b = fp.appendName(b, "extra")
	at := fp.root.at("extra")
	if r.ExtraValue.Kind != lint.Absent {
		return fp.appendField(b, at, r.ExtraValue)
	}
	b = append(b, tagObject)
	b = binary.AppendUvarint(b, uint64(len(r.Extras)))
	for _, m := range r.Extras {
		if b, ok = fp.appendMember(b, at, m.Name, m.Value); !ok {
			return b, false
		}
	}
	return b, true
}

// at returns the place of the member called name of a value at p (nil
// when no test reaches it).
func (p *place) at(name string) *place {
	if p == nil {
		return nil
	}
	if m := p.members[name]; m != nil {
		return m
	}
	return p.any
}

func (fp *fastPath) appendMember(b []byte, p *place, name string, f lint.Field) ([]byte, bool) {
	b = fp.appendName(b, name)
	return fp.appendField(b, p.at(name), f)
}

func (fp *fastPath) appendName(b []byte, name string) []byte {
	if !fp.names[name] {
		return append(b, tagAnyName)
	}
	b = append(b, tagName)
	b = binary.AppendUvarint(b, uint64(len(name)))
	return append(b, name...)
}

func (fp *fastPath) appendField(b []byte, p *place, f lint.Field) ([]byte, bool) {
	if f.Kind == lint.String {
		return p.appendString(b, f.Str), true
	}
	return fp.appendValue(b, p, f.Raw)
}

// appendString classes a string at place p.
func (p *place) appendString(b []byte, s string) []byte {
	if p == nil || (len(p.consts) == 0 && len(p.patterns) == 0 && len(p.bounds) == 0) {
		return append(b, tagString)
	}
	if p.consts[s] {
		b = append(b, tagConst)
		b = binary.AppendUvarint(b, uint64(len(s)))
		return append(b, s...)
	}
	b = append(b, tagOther)
	if p.cache != nil {
		bits, ok := p.cache.get(s)
		if !ok {
			for i, re := range p.patterns {
				if re.MatchString(s) {
					bits |= 1 << i
				}
			}
			p.cache.put(s, bits)
		}
		for i := range p.patterns {
			b = append(b, '0'+byte(bits>>i&1))
		}
	} else {
		for _, re := range p.patterns {
			m := byte('0')
			if re.MatchString(s) {
				m = '1'
			}
			b = append(b, m)
		}
	}
	if len(p.bounds) > 0 {
		n := utf8.RuneCountInString(s)
		reached := 0
		for _, t := range p.bounds {
			if n >= t {
				reached++
			}
		}
		b = binary.AppendUvarint(b, uint64(reached))
	}
	return b
}

// appendValue classes a decoded or plain value at place p.
func (fp *fastPath) appendValue(b []byte, p *place, v any) ([]byte, bool) {
	var ok bool
	switch v := v.(type) {
	case nil:
		return append(b, tagNull), true
	case bool:
		return append(b, tagBool), true
	case float64:
		// The validator's integer test (the number's decimal form is an
		// integer) is this one for every finite float64.
		if v == math.Trunc(v) && !math.IsInf(v, 0) {
			return append(b, tagInt), true
		}
		return append(b, tagNumber), true
	case string:
		return p.appendString(b, v), true
	case *lint.Object:
		b = append(b, tagObject)
		b = binary.AppendUvarint(b, uint64(len(v.Names)))
		for i, n := range v.Names {
			b = fp.appendName(b, n)
			if b, ok = fp.appendValue(b, p.at(n), v.Values[i]); !ok {
				return b, false
			}
		}
		return b, true
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, tagObject)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = fp.appendName(b, k)
			if b, ok = fp.appendValue(b, p.at(k), v[k]); !ok {
				return b, false
			}
		}
		return b, true
	case []any:
		// No keyword of an understood schema looks into an array's items:
		// only their types can matter to nothing, but keep them.
		b = append(b, tagArray)
		b = binary.AppendUvarint(b, uint64(len(v)))
		for _, e := range v {
			if b, ok = fp.appendValue(b, nil, e); !ok {
				return b, false
			}
		}
		return b, true
	}
	return b, false
}

// verdicts remembers the verdicts of classes: none for a class the full
// validator found clean, the violations of a class whose violations every
// record of the class shares (reusable). It is bounded: a shard that fills
// up forgets everything, and hot classes return within a few records.
type verdicts struct {
	seed   maphash.Seed
	shards [verdictShards]verdictShard
}

const (
	verdictShards   = 16
	verdictPerShard = 4096
)

type verdictShard struct {
	mu sync.RWMutex
	m  map[string][]lint.Violation
}

func (v *verdicts) shard(key []byte) *verdictShard {
	return &v.shards[maphash.Bytes(v.seed, key)%verdictShards]
}

// get returns the violations of a class, and whether it has a verdict.
func (v *verdicts) get(key []byte) ([]lint.Violation, bool) {
	sh := v.shard(key)
	sh.mu.RLock()
	vs, ok := sh.m[string(key)]
	sh.mu.RUnlock()
	return vs, ok
}

// remember records the verdict of a class.
func (v *verdicts) remember(key []byte, vs []lint.Violation) {
	sh := v.shard(key)
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= verdictPerShard {
		sh.m = make(map[string][]lint.Violation, 64)
	}
	sh.m[string(key)] = vs
	sh.mu.Unlock()
}

// reusable reports whether every record of r's class has exactly the
// violations vs. The class fixes which keywords fail where, so the
// violations differ only where they name something the class does not
// keep: a pointer through a member name no schema lists, or an offending
// value (Got) other than a string the schema lists at its place. Records
// of a class share the rest: rules, keywords, schema locations, allowed
// values, missing names.
func (fp *fastPath) reusable(r *lint.Record, vs []lint.Violation) bool {
	for i := range vs {
		v := &vs[i]
		toks := lint.SplitPointer(v.Pointer)
		for _, t := range toks {
			if !fp.names[t] {
				return false
			}
		}
		if len(v.Missing) > 0 {
			continue // Got is nil
		}
		if !fp.fixedValue(r, toks) {
			return false
		}
	}
	return true
}

// fixedValue reports whether the value at the canonical pointer toks is the
// same in every record of r's class: absent, or a string the schema lists
// at its place.
func (fp *fastPath) fixedValue(r *lint.Record, toks []string) bool {
	var f lint.Field
	var at *place
	switch {
	case len(toks) == 1 && toks[0] != "extra":
		f, at = r.Get(toks[0]), fp.root.at(toks[0])
	case len(toks) == 2 && toks[0] == "extra" && r.HasExtra() && r.ExtraValue.Kind == lint.Absent:
		for _, m := range r.Extras {
			if m.Name == toks[1] {
				f = m.Value
			}
		}
		at = fp.root.at("extra").at(toks[1])
	default:
		return false
	}
	switch f.Kind {
	case lint.Absent:
		return true
	case lint.String:
		return at != nil && at.consts[f.Str]
	}
	return false
}
