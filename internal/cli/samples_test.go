package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/normlint/normlint/internal/linttest"
)

// TestSamples checks the shipped samples: the invalid ones give the
// findings recorded in samples-invalid.expected, and the
// valid ones (every documented event and status, and the later Firefox
// registrations) give nothing above info.
func TestSamples(t *testing.T) {
	invalid, _ := filepath.Glob("testdata/samples/invalid/*.json*")
	var out, errb bytes.Buffer
	code := Run(append([]string{"normlint", "check", "--color", "never"}, invalid...), nil, &out, &errb)
	if code != exitFindings {
		t.Errorf("invalid samples: exit %d, want %d\n%s", code, exitFindings, errb.String())
	}
	golden := "testdata/samples-invalid.expected"
	if *linttest.Update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, out.Bytes()) {
		t.Errorf("invalid samples: output differs from %s\n--- got\n%s", golden, out.String())
	}
	valid, _ := filepath.Glob("testdata/samples/valid/*.json*")
	out.Reset()
	code = Run(append([]string{"normlint", "check", "--color", "never", "--fail-level", "warning"}, valid...), nil, &out, &errb)
	if code != exitOK {
		t.Errorf("valid samples: exit %d, want 0 (nothing above info)\n%s", code, out.String())
	}
}
