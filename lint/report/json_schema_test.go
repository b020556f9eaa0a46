package report_test

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/normlint/normlint/internal/cli"
)

// TestJSONOutputSchema checks `check --format json` against the schema
// README points consumers to.
func TestJSONOutputSchema(t *testing.T) {
	t.Chdir("../..") // the inputs are named from the repository's root
	f, err := os.Open("docs/check-output.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("check-output.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("check-output.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "--format", "json", "testdata/samples/invalid/every-rule.jsonl", "testdata/samples/invalid/no-normandy.json", "testdata/samples/valid/event-ping.json"},
		{"check", "--format", "json", "testdata/samples/valid/documented-events.jsonl"},
		{"check", "--format", "json", "testdata/samples/valid/documented-events.jsonl", "no-such-file.json"},
		// The lifecycle state reaches its bound: lifecycle_pairs_forgotten.
		{"check", "--format", "json", "--max-lifecycle-pairs", "1", "testdata/samples/valid/documented-events.jsonl"},
	} {
		var out, errb bytes.Buffer
		cli.Run(append([]string{"normlint"}, args...), nil, &out, &errb)
		raw := bytes.Clone(out.Bytes())
		inst, err := jsonschema.UnmarshalJSON(&out)
		if err != nil {
			t.Fatalf("%v: output is not JSON: %v", args, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%v: output does not match docs/check-output.schema.json: %v", args, err)
		}
		if forgot := bytes.Contains(raw, []byte(`"lifecycle_pairs_forgotten":`)); forgot != slices.Contains(args, "--max-lifecycle-pairs") {
			t.Errorf("%v: lifecycle_pairs_forgotten in the output: %v", args, forgot)
		}
	}
}
