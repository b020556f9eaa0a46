package schemas

import (
	"hash/maphash"
	"sync/atomic"
)

// maxCachedPatterns is how many patterns a place's match cache records, one
// bit each.
const maxCachedPatterns = 64

// matchCache is a small direct-mapped cache from a string to the patterns
// it matches at one place. Workers share it without locks: a slot holds an
// immutable entry that a writer replaces whole, so a reader sees an old
// entry or a new one, and compares its string before trusting it.
type matchCache struct {
	seed  maphash.Seed
	slots [256]atomic.Pointer[matchEntry]
}

type matchEntry struct {
	s    string
	bits uint64
}

func (c *matchCache) slot(s string) *atomic.Pointer[matchEntry] {
	return &c.slots[maphash.String(c.seed, s)%uint64(len(c.slots))]
}

func (c *matchCache) get(s string) (uint64, bool) {
	if e := c.slot(s).Load(); e != nil && e.s == s {
		return e.bits, true
	}
	return 0, false
}

func (c *matchCache) put(s string, bits uint64) {
	if len(s) > 256 {
		return // long strings rarely recur; keep the cache small
	}
	c.slot(s).Store(&matchEntry{s: s, bits: bits})
}
