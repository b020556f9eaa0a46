package diff

import (
	"math"
	"slices"
	"testing"
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// The expected values are worked out by hand from the formulas of
// docs/diff.md, not by the code under test.
func TestTwoProportion(t *testing.T) {
	tests := []struct {
		name                  string
		x1, n1, x2, n2        int
		diff, low, high, z, p float64
		pTol                  float64
	}{
		// p1 = 0.95, p2 = 0.80; pooled 350/400 = 0.875;
		// SE0 = √(0.875 × 0.125 × (1/200 + 1/200)) = √0.00109375 = 0.0330719;
		// z = −0.15 / 0.0330719 = −4.53557; p = erfc(4.53557/√2) = 5.745e-6;
		// SE = √(0.95×0.05/200 + 0.80×0.20/200) = √0.0010375 = 0.0322102;
		// half-width 2.5758293 × 0.0322102 = 0.0829681.
		{"large", 190, 200, 160, 200, -0.15, -0.2329681, -0.0670319, -4.53557, 5.745e-6, 0.005e-6},
		// The same rates on a tenth of the trials: SE0 = √(0.875 × 0.125 ×
		// 0.1) = 0.1045825, z = −1.43427, p = 2 × (1 − Φ(1.43427)) = 0.15149;
		// SE = √(0.0475/20 + 0.16/20) = 0.1018577, half-width 0.2623682.
		{"tiny", 19, 20, 16, 20, -0.15, -0.4123682, 0.1123682, -1.43427, 0.15149, 0.00001},
		// Nothing differs: 10 of 10 both sides; the pooled SE is 0.
		{"all succeed", 10, 10, 10, 10, 0, 0, 0, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, lo, hi, z, p := twoProportion(tt.x1, tt.n1, tt.x2, tt.n2)
			if !near(d, tt.diff, 1e-9) || !near(lo, tt.low, 1e-6) || !near(hi, tt.high, 1e-6) || !near(z, tt.z, 1e-5) || !near(p, tt.p, tt.pTol) {
				t.Errorf("twoProportion = diff %v [%v, %v] z %v p %v; want %v [%v, %v] z %v p %v", d, lo, hi, z, p, tt.diff, tt.low, tt.high, tt.z, tt.p)
			}
		})
	}
}

func TestHolm(t *testing.T) {
	// m = 3: sorted 0.01, 0.03, 0.04 → 3×0.01 = 0.03, 2×0.03 = 0.06,
	// 1×0.04 = 0.04 raised to the 0.06 before it.
	got := holm([]float64{0.01, 0.04, 0.03})
	want := []float64{0.03, 0.06, 0.06}
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Fatalf("holm = %v, want %v", got, want)
		}
	}
	// Capped at 1.
	if got := holm([]float64{0.6, 0.5}); got[0] != 1 || got[1] != 1 {
		t.Errorf("holm(0.6, 0.5) = %v, want [1 1]", got)
	}
	if got := holm(nil); len(got) != 0 {
		t.Errorf("holm(nil) = %v", got)
	}
}

// TestMinChange: a change that the test finds significant is flagged only
// when it is at least the minimum change.
func TestMinChange(t *testing.T) {
	// 98.5 % → 97.0 % of 20 000 trials: z ≈ −10, far past any level, but
	// 1.5 points.
	mk := func() []*RateChange {
		return []*RateChange{{Test: &Test{Difference: -0.015, P: 1e-20}}}
	}
	rcs := mk()
	flag(rcs, 0.02)
	if rcs[0].Flag != "" || rcs[0].Test.Significant {
		t.Errorf("a 1.5-point change was flagged with --min-change 2: %+v", rcs[0].Test)
	}
	rcs = mk()
	flag(rcs, 0.015)
	if rcs[0].Flag != "drop" {
		t.Errorf("a 1.5-point drop was not flagged with --min-change 1.5: %+v", rcs[0].Test)
	}
}

// TestHolmFlags: a p-value significant alone is not once Holm accounts
// for the other sources compared.
func TestHolmFlags(t *testing.T) {
	rcs := []*RateChange{{Test: &Test{Difference: -0.1, P: 0.006}}, {Test: &Test{Difference: -0.1, P: 0.5}}}
	flag(rcs, 0.02)
	// 0.006 × 2 = 0.012, not below 0.01.
	if rcs[0].Flag != "" || !near(rcs[0].Test.PHolm, 0.012, 1e-12) {
		t.Errorf("p 0.006 of 2 tests: Holm %v, flag %q; want 0.012 and no flag", rcs[0].Test.PHolm, rcs[0].Flag)
	}
}

func TestByPlace(t *testing.T) {
	es := []string{"b.json:1", "a.json:10", "a.json:2"}
	slices.SortFunc(es, byPlace)
	if want := []string{"a.json:2", "a.json:10", "b.json:1"}; !slices.Equal(es, want) {
		t.Errorf("sorted %q, want %q", es, want)
	}
}
