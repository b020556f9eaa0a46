package cli

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestRealEnvelopes runs normlint over Mozilla's pipeline-schema fixtures
// kept beside the repository (../shared/corpus/mps: real event, main,
// Glean and other Telemetry pings, none with Normandy data). Each must be
// recognized and give nothing above info. The fixtures are not part of the
// repository; without them the test is skipped.
func TestRealEnvelopes(t *testing.T) {
	files, _ := filepath.Glob("../shared/corpus/mps/*.json")
	if len(files) == 0 {
		t.Skip("no ../shared/corpus/mps beside the repository")
	}
	for _, f := range files {
		var out, errb bytes.Buffer
		code := Run([]string{"normlint", "check", "--color", "never", "--fail-level", "warning", f}, nil, &out, &errb)
		if code != exitOK {
			t.Errorf("%s: exit %d\n%s%s", f, code, out.String(), errb.String())
		}
	}
}
