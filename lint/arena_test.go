package lint

import (
	"bytes"
	"testing"
)

// TestBatchArena: the lines a batch hands out never overlap, a line cannot
// grow into the next one, a long line gets memory of its own, and a reset
// batch reuses its memory.
func TestBatchArena(t *testing.T) {
	var b batch
	var lines [][]byte
	for i := 0; i < 3000; i++ {
		n := 1 + i%700
		s := b.alloc(n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("alloc(%d): len %d cap %d", n, len(s), cap(s))
		}
		for j := range s {
			s[j] = byte(i)
		}
		lines = append(lines, s)
	}
	for i, s := range lines {
		if !bytes.Equal(s, bytes.Repeat([]byte{byte(i)}, len(s))) {
			t.Fatalf("line %d was overwritten", i)
		}
	}
	if long := b.alloc(arenaChunk); len(long) != arenaChunk {
		t.Fatalf("a long line: %d bytes", len(long))
	}
	b.reset()
	before := cap(b.arena)
	b.alloc(10)
	if cap(b.arena) != before || before == 0 {
		t.Errorf("a reset batch does not reuse its memory: cap %d, then %d", before, cap(b.arena))
	}
}
