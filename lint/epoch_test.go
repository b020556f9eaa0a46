package lint

import "testing"

func TestEpoch(t *testing.T) {
	for _, tc := range []struct {
		name   string
		r      Record
		want   int64
		wantOK bool
	}{
		{"no time", Record{}, 0, false},
		{"offset from a process's start", Record{Timestamp: 81234, HasTimestamp: true}, 0, false},
		{"epoch timestamp", Record{Timestamp: 1793570400000, HasTimestamp: true}, 1793570400000, true},
		{"offset, envelope time", Record{Timestamp: 5, HasTimestamp: true, At: 1793570400000}, 1793570400000, true},
		{"own epoch time first", Record{Timestamp: 1793570400000, HasTimestamp: true, At: 1793000000000}, 1793570400000, true},
		{"before 2010", Record{Timestamp: 1262303999999, HasTimestamp: true}, 0, false},
		{"2100 and later", Record{At: 4102444800000}, 0, false},
		{"a timestamp that is not there", Record{Timestamp: 1793570400000}, 0, false},
	} {
		got, ok := tc.r.Epoch()
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("%s: Epoch() = %d, %v; want %d, %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
	}
}
