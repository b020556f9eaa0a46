package main

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
	var first []byte
	for _, jobs := range []string{"1", "2", "7", "1", "16"} {
		for _, format := range []string{"json", "sarif"} {
			var out, errb bytes.Buffer
			run(append([]string{"normlint", "check", "--format", format, "-j", jobs}, files...), nil, &out, &errb)
			if format != "json" {
				continue
			}
			if first == nil {
				first = out.Bytes()
				continue
			}
			if !bytes.Equal(first, out.Bytes()) {
				t.Fatalf("-j %s changed the output", jobs)
			}
		}
	}
}
