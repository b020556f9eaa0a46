package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// Nearest returns the candidate closest to s when it is close enough to be
// a plausible typo (a different case, a prefix of three or more letters, or
// a few edits), for "did you mean" hints; "" when s is itself a candidate
// or nothing is close.
func Nearest(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	for _, c := range candidates {
		if c == s {
			return ""
		}
	}
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	for _, c := range candidates {
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			return c
		}
	}
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// OrList renders words as "a, b or c" (AndList as "a, b and c"), the one
// way every message of normlint lists alternatives.
func OrList(words []string) string { return joinWords(words, "or") }

// AndList renders words as "a, b and c".
func AndList(words []string) string { return joinWords(words, "and") }

// QuotedOrList renders words quoted: "a", "b" or "c".
func QuotedOrList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return joinWords(q, "or")
}

func joinWords(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// DidYouMean is `did you mean "x"?` when s is a plausible typo of one of
// candidates (see Nearest), or "".
func DidYouMean(s string, candidates []string) string {
	if best := Nearest(s, candidates); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return ""
}
