package schemas

import (
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/normlint/normlint/lint"
)

// memo remembers the violations of recently validated documents. Real
// exports repeat the same events over and over (one study, one reason, many
// clients), and schema validation is most of what a record costs. The key is
// the document without its timestamp and client_id when those are
// well-typed: they never change the outcome then.
type memo struct {
	seed   maphash.Seed
	shards [memoShards]memoShard
}

const (
	memoShards   = 16
	memoPerShard = 1024
)

type memoShard struct {
	mu sync.Mutex
	m  map[string][]lint.Violation
}

func newMemo() *memo {
	return &memo{seed: maphash.MakeSeed()}
}

var keyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// lookup returns the remembered violations of doc, or a key to store them
// under.
func (m *memo) lookup(kind lint.Kind, doc map[string]any) (vs []lint.Violation, key string, ok bool) {
	bp := keyBufs.Get().(*[]byte)
	b := append((*bp)[:0], byte(kind))
	b = appendDoc(b, doc)
	if slices.Contains(b[1:], 0) {
		// Strings are quoted (a NUL in one is escaped), so a raw NUL means
		// a value of no JSON type: never share results for it.
		*bp = b
		keyBufs.Put(bp)
		return nil, "", false
	}
	sh := &m.shards[maphash.Bytes(m.seed, b)%memoShards]
	sh.mu.Lock()
	vs, ok = sh.m[string(b)]
	sh.mu.Unlock()
	if !ok {
		key = string(b)
	}
	*bp = b
	keyBufs.Put(bp)
	return vs, key, ok
}

func (m *memo) store(key string, vs []lint.Violation) {
	sh := &m.shards[maphash.String(m.seed, key)%memoShards]
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= memoPerShard {
		// Forgetting everything at once keeps the memo bounded without the
		// bookkeeping of an LRU; hot documents return within a few records.
		sh.m = make(map[string][]lint.Violation, memoPerShard)
	}
	sh.m[key] = vs
	sh.mu.Unlock()
}

// appendDoc writes a canonical encoding of the top-level document, leaving
// out a well-typed timestamp and client_id.
func appendDoc(b []byte, doc map[string]any) []byte {
	keys := make([]string, 0, len(doc))
	for k, v := range doc {
		switch k {
		case "timestamp":
			if f, ok := v.(float64); ok && f == math.Trunc(f) && !math.IsInf(f, 0) {
				continue
			}
		case "client_id":
			if _, ok := v.(string); ok {
				continue
			}
		}
		keys = append(keys, k)
	}
	return appendMembers(b, keys, doc)
}

// appendMembers writes the members named by keys, in sorted order.
func appendMembers(b []byte, keys []string, m map[string]any) []byte {
	slices.Sort(keys)
	b = append(b, '{')
	for _, k := range keys {
		b = strconv.AppendQuote(b, k)
		b = append(b, ':')
		b = appendValue(b, m[k])
		b = append(b, ',')
	}
	return append(b, '}')
}

// appendValue writes a canonical encoding of any decoded JSON value: equal
// values, equal bytes.
func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, 'n')
	case bool:
		if v {
			return append(b, 't')
		}
		return append(b, 'f')
	case float64:
		b = append(b, '#')
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case string:
		return strconv.AppendQuote(b, v)
	case []any:
		b = append(b, '[')
		for _, e := range v {
			b = appendValue(b, e)
			b = append(b, ',')
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		return appendMembers(b, keys, v)
	}
	// Not a decoded JSON value: the NUL marks the key as unusable.
	return append(b, 0)
}
