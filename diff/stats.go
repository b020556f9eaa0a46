package diff

import (
	"math"
	"slices"
)

// Confidence is the confidence level of the tests and intervals.
const Confidence = 0.99

// z99 is the standard normal quantile of 0.995: a two-sided 99 % interval
// spans ±z99 standard errors.
const z99 = 2.5758293035489004

// Test is a two-proportion test of a change in a success rate.
type Test struct {
	// Basis is "clients" (a trial is a distinct client, a success one
	// that never failed) or "reports" (a trial is a success or failure
	// status) — see docs/diff.md.
	Basis      string `json:"basis"`
	OldSuccess int    `json:"old_successes"`
	OldTrials  int    `json:"old_trials"`
	NewSuccess int    `json:"new_successes"`
	NewTrials  int    `json:"new_trials"`
	// Difference is the new proportion minus the old one, with its 99 %
	// confidence interval [Low, High].
	Difference float64 `json:"difference"`
	Low        float64 `json:"ci_low"`
	High       float64 `json:"ci_high"`
	// Z is the test statistic; P its two-sided p-value, and PHolm that
	// p-value adjusted for the tests of its group (Holm).
	Z     float64 `json:"z"`
	P     float64 `json:"p"`
	PHolm float64 `json:"p_holm"`
	// Significant is PHolm below 1 − Confidence and |Difference| at least
	// the minimum change.
	Significant bool `json:"significant"`
}

// twoProportion tests whether x1 of n1 and x2 of n2 come from one
// proportion: the normal approximation with the pooled proportion for the
// statistic, and the unpooled standard error for the interval of the
// difference (Wald). Both n must be positive.
func twoProportion(x1, n1, x2, n2 int) (diff, low, high, z, p float64) {
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	diff = p2 - p1
	half := z99 * math.Sqrt(p1*(1-p1)/float64(n1)+p2*(1-p2)/float64(n2))
	// A difference of proportions lies in [−1, 1]: the approximate
	// interval, which can overshoot on small counts, is clipped to it.
	low, high = max(diff-half, -1), min(diff+half, 1)
	pooled := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(pooled * (1 - pooled) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		// Every trial of both sides succeeded, or every one failed:
		// nothing differs.
		return diff, low, high, 0, 1
	}
	z = diff / se
	p = math.Erfc(math.Abs(z) / math.Sqrt2)
	return diff, low, high, z, p
}

// holm adjusts p-values for a family of tests (Holm's step-down method):
// the i-th smallest of m is multiplied by m − i + 1 (i from 1), each
// adjusted value is at least the one before it, and none exceeds 1. A
// test is significant at level α when its adjusted value is below α,
// which controls the chance of any false alarm in the family at α.
func holm(ps []float64) []float64 {
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	out := make([]float64, len(ps))
	running := 0.0
	for rank, i := range order {
		adj := min(1, float64(len(ps)-rank)*ps[i])
		running = max(running, adj)
		out[i] = running
	}
	return out
}
