package lint_test

import (
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
)

// offsetCases are records as the direct reader reads them, with white
// space, escapes and characters beyond ASCII before the values.
var offsetCases = []string{
	`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-x", "extra": {"branch": "control", "experimentType": "exp"}, "client_id": "c1", "timestamp": 5}`,
	"{\"category\":\"normandy\",\"value\" :\t\"é\\u00e9\",\"method\":\n \"unenroll\",\"object\":\"addon_study\",\"extra\":{ \"reason\" : \"x\", \"addonId\":\"a@b\", \"addonVersion\" :\"1.0\", \"enrollmentId\": \"e\", \"fifth\": \"f\"}}",
	`{"source": "normandy/recipe/1", "status": "success", "extra": null, "timestamp": 1}`,
	`{"category": "normandy", "method": "enroll", "object": "addon_study", "extra": "not an object"}`,
	`{"category":"normandy","method":"enroll","object":"preference_study","value":"😀 x","extra":{"a/b":"1","~":"2","branch":"b"}}`,
}

// TestValueOffsetsAgreeWithLocate holds the offsets the direct reader notes
// to the places locate finds, for every pointer the lifecycle can ask.
func TestValueOffsetsAgreeWithLocate(t *testing.T) {
	for _, c := range offsetCases {
		checkOffsets(t, c)
	}
}

func checkOffsets(t *testing.T, raw string) {
	t.Helper()
	var x lint.Extraction
	if !(input.Records{}).ReadDirect([]byte(raw), &x) {
		return
	}
	for _, r := range x.Records() {
		vo, ok := r.Loc.(lint.ValueOffsets)
		if !ok {
			t.Fatalf("%s: the direct reader's locator notes no offsets", raw)
		}
		ptrs := []string{"", "/category", "/method", "/object", "/value", "/extra", "/timestamp", "/client_id", "/source", "/status", "/extra/a~1b", "/extra/a/b", "/extra/~0"}
		for _, m := range r.Extras {
			ptrs = append(ptrs, "/extra/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(m.Name))
		}
		for _, p := range ptrs {
			off, ok := vo.ValueOffset(p)
			if !ok {
				continue
			}
			want := lint.LocateValue([]byte(raw), r.Loc.Locate(p, false).Pointer)
			if got := lint.PositionAt([]byte(raw), off); got != want {
				t.Errorf("%s %s: offset %d is at %v, locate says %v", raw, p, off, got, want)
			}
		}
	}
}

func FuzzValueOffsets(f *testing.F) {
	for _, c := range offsetCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkOffsets(t, raw) })
}
