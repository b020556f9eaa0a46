package cli

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestDeterministicOutput: the output does not depend on the number of
// workers or on scheduling.
func TestDeterministicOutput(t *testing.T) {
	files, _ := filepath.Glob("testdata/samples/*/*")
	files = append(files, auditInputs...)
	for _, format := range []string{"text", "json", "sarif", "junit"} {
		var first []byte
		for _, jobs := range []string{"1", "2", "7", "1", "16"} {
			var out, errb bytes.Buffer
			Run(append([]string{"normlint", "check", "--color", "never", "--format", format, "-j", jobs}, files...), nil, &out, &errb)
			if out.Len() == 0 {
				t.Fatalf("%s: no output", format)
			}
			if first == nil {
				first = out.Bytes()
			} else if !bytes.Equal(first, out.Bytes()) {
				t.Fatalf("%s: -j %s changed the output", format, jobs)
			}
		}
	}
}
