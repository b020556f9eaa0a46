package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestFilesValidForSchema checks what the files row of bench/compare
// relies on: every record of kind files is valid for normlint's schema, so
// that the JSON Schema validators it is compared with do their whole work.
func TestFilesValidForSchema(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "..", "schemas", "normandy-event.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	sch, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(1); seed <= 4; seed++ {
		m := newModel(seed, 500)
		m.schemaValid = true
		for i := range 3000 {
			e := m.next(m.anyClient())
			text := compact(m.record(&e))
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("seed %d, record %d is not valid for the schema: %v\n%s", seed, i, err, text)
			}
		}
	}
}
