package schemas

import (
	"hash/maphash"
	"strconv"
	"testing"
)

// TestMatchCacheNeverLies fills the cache within and far past its slots: a
// lookup misses or returns the bits stored for that very string.
func TestMatchCacheNeverLies(t *testing.T) {
	c := &matchCache{seed: maphash.MakeSeed()}
	hits := 0
	for _, n := range []int{100, 100, 5000, 5000} {
		for i := 0; i < n; i++ {
			s := "normandy/recipe/" + strconv.Itoa(i)
			if bits, ok := c.get(s); ok {
				hits++
				if bits != uint64(i) {
					t.Fatalf("%s: cached bits %d, stored %d", s, bits, i)
				}
				continue
			}
			c.put(s, uint64(i))
		}
	}
	if hits == 0 {
		t.Error("the cache never hit")
	}
	long := string(make([]byte, 300))
	c.put(long, 1)
	if _, ok := c.get(long); ok {
		t.Error("a long string was cached")
	}
}
