package rules

import "hash/maphash"

// boundedSet is a set of 64-bit hashes, each with a few bits of its own,
// holding at most max of them: past it the oldest is forgotten for each
// new one. The lifecycle keeps the fingerprints of the events it read
// (duplicate-event) and the enrollments seen in each pipeline
// (mirrored-pipelines) in one each, so that neither grows with the input:
// about 30 bytes a hash (a map entry and its place in the ring).
type boundedSet struct {
	max  int
	seed maphash.Seed
	m    map[uint64]uint8
	// ring holds the hashes in the order they came, the oldest at next
	// once it is full.
	ring []uint64
	next int
}

func newBoundedSet(maxHashes int) *boundedSet {
	return &boundedSet{max: maxHashes, seed: maphash.MakeSeed(), m: map[uint64]uint8{}}
}

// hash hashes strings as one tuple (each ended by a zero byte, which no
// document id, place or study holds).
func (b *boundedSet) hash(parts ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(b.seed)
	for _, p := range parts {
		h.WriteString(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// mix folds numbers into a hash.
func (b *boundedSet) mix(h uint64, xs ...uint64) uint64 {
	for _, x := range xs {
		h ^= x
		h *= 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

// get returns a hash's bits, and whether the set holds it.
func (b *boundedSet) get(h uint64) (uint8, bool) {
	v, ok := b.m[h]
	return v, ok
}

// put sets a hash's bits, and reports whether an older hash was forgotten
// to make room for it.
func (b *boundedSet) put(h uint64, v uint8) bool {
	if _, ok := b.m[h]; ok {
		b.m[h] = v
		return false
	}
	forgot := false
	if len(b.ring) < b.max {
		b.ring = append(b.ring, h)
	} else {
		delete(b.m, b.ring[b.next])
		b.ring[b.next] = h
		b.next = (b.next + 1) % b.max
		forgot = true
	}
	b.m[h] = v
	return forgot
}
