package lint

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNamesNormandy: the fast search agrees with bytes.Contains, also on
// text with many a "y" (where it hands over) and matches at either end.
func TestNamesNormandy(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	const letters = "normandyyx\"_"
	check := func(s string) {
		t.Helper()
		if got, want := namesNormandy([]byte(s)), bytes.Contains([]byte(s), normandyBytes); got != want {
			t.Fatalf("namesNormandy(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"", "normandy", "normand", "ormandy", "xormandy", "Normandy", "nXrmandy", "xnormandy", "normandyx", "normandnormandy",
		strings.Repeat("y", 40) + "normandy", strings.Repeat("dy", 30) + "normandy" + "y", strings.Repeat("y", 40)} {
		check(s)
	}
	for i := 0; i < 20000; i++ {
		b := make([]byte, r.IntN(120))
		for j := range b {
			b[j] = letters[r.IntN(len(letters))]
		}
		if r.IntN(4) == 0 && len(b) >= 8 {
			copy(b[r.IntN(len(b)-7):], "normandy")
		}
		check(string(b))
	}
	// Another word, another rare byte.
	for i := 0; i < 5000; i++ {
		b := make([]byte, r.IntN(60))
		for j := range b {
			b[j] = "abcab"[r.IntN(5)]
		}
		for _, rare := range []int{0, 1, 2, 3} {
			if got, want := ContainsRare(b, "abca", rare), bytes.Contains(b, []byte("abca")); got != want {
				t.Fatalf("ContainsRare(%q, \"abca\", %d) = %v, want %v", b, rare, got, want)
			}
		}
	}
}
