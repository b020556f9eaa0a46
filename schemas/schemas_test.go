package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/normlint/normlint/lint"
)

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// catalogRules are the rule IDs the schemas may name (the schema-backed
// rules of the catalog).
var catalogRules = []string{
	"malformed-record", "missing-slug", "unknown-event", "undocumented-event",
	"unknown-extra-key", "extra-not-string", "too-many-extra-keys",
	"missing-extra", "invalid-reason", "undocumented-value",
	"invalid-extra-value", "addon-id-format", "addon-version-format",
	"invalid-uptake-source", "invalid-uptake-status", "undocumented-status",
}

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"normandy-event", "uptake"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	if _, ok := Source("nope"); ok {
		t.Error(`Source("nope") found a schema`)
	}
	for _, name := range Names() {
		b, ok := Source(name)
		if !ok || len(b) == 0 {
			t.Fatalf("Source(%q) is empty", name)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := doc["$id"], baseURL+name+suffix; got != want {
			t.Errorf("%s: $id = %v, want %v", name, got, want)
		}
		if got := doc["$schema"]; got != draft2020 {
			t.Errorf("%s: $schema = %v, want %v", name, got, draft2020)
		}
	}
}

func TestCompiles(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range Names() {
		files[name], _ = Source(name)
	}
	if _, err := compile(files); err != nil {
		t.Fatal(err)
	}
	if a, b := Load(), Load(); a == nil || a != b {
		t.Fatal("Load does not return one shared set")
	}
}

// TestMetaschema validates every schema against the draft 2020-12
// metaschema that ships inside the library: nothing is fetched.
func TestMetaschema(t *testing.T) {
	meta, err := newCompiler().Compile(draft2020)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		b, _ := Source(name)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := meta.Validate(doc); err != nil {
			t.Errorf("%s does not satisfy its metaschema: %v", name, err)
		}
	}
}

// TestOutsideRefRefused proves the compiler cannot reach beyond the embedded
// set: a $ref to any other document fails to compile.
func TestOutsideRefRefused(t *testing.T) {
	for _, ref := range []string{
		"https://example.com/other.schema.json",
		"other.schema.json#/$defs/x", // relative, under the .invalid base
		"https://json-schema.org/draft/2020-12/meta/nonexistent",
	} {
		src := `{"$schema": "` + draft2020 + `", "$id": "` + baseURL + `outside.schema.json", "$ref": "` + ref + `"}`
		_, err := compile(map[string][]byte{"outside": []byte(src)})
		if err == nil {
			t.Errorf("$ref %q compiled", ref)
			continue
		}
		if !strings.Contains(err.Error(), "refusing to load") {
			t.Errorf("$ref %q failed, but not by the refusing loader: %v", ref, err)
		}
	}
	// A $ref between embedded-style documents is fine.
	a := `{"$schema": "` + draft2020 + `", "$id": "` + baseURL + `a.schema.json", "$ref": "b.schema.json#/$defs/s"}`
	b := `{"$schema": "` + draft2020 + `", "$id": "` + baseURL + `b.schema.json", "$defs": {"s": {"type": "string"}}}`
	if _, err := compile(map[string][]byte{"a": []byte(a), "b": []byte(b)}); err != nil {
		t.Errorf("a $ref inside the set fails: %v", err)
	}
}

// TestAnnotations checks the annotation vocabulary: every rule named is a
// catalog rule, every annotated node says what it checks, and every catalog
// rule is enforced somewhere.
func TestAnnotations(t *testing.T) {
	s := Load()
	seen := map[string]bool{}
	for loc, n := range s.nodes {
		seen[n.rule] = true
		if !slices.Contains(catalogRules, n.rule) {
			t.Errorf("%s: unknown rule %q", loc, n.rule)
		}
		id, ptr := splitLocation(loc)
		obj, _ := lookup(s.docs[id], ptr).(map[string]any)
		if d, _ := obj["description"].(string); strings.TrimSpace(d) == "" {
			t.Errorf("%s (%s): no description", loc, n.rule)
		}
		if n.pointer != "" && n.rule != "unknown-event" && n.rule != "undocumented-event" {
			t.Errorf("%s: %s rewrites its pointer", loc, n.rule)
		}
	}
	for _, r := range catalogRules {
		if !seen[r] {
			t.Errorf("no schema node enforces %s", r)
		}
	}
}

// TestDeterministic validates records whose errors come from map iteration
// many times: the folded result must not change.
func TestDeterministic(t *testing.T) {
	docs := []map[string]any{
		{"method": "enroll", "object": "addon_study", "value": "",
			"extra": map[string]any{"a": 1.0, "b": true, "c": "x", "d": nil, "addonId": "x", "addonVersion": "y",
				"e": "", "f": "", "g": "", "h": "", "i": "", "j": ""}, "extras": 1.0, "zz": 2.0},
	}
	s := Load()
	for _, doc := range docs {
		r := lint.RecordFromDoc(lint.KindEvent, doc)
		first := s.Validate(r)
		if len(first) == 0 {
			t.Fatal("no violations")
		}
		for range 200 {
			if got := s.Validate(r); !reflect.DeepEqual(got, first) {
				t.Fatalf("unstable result:\n%v\n%v", first, got)
			}
		}
	}
}

// benchRecords are realistic records in canonical form: every
// one has its own client, enrollment ID and slug, so that no two
// documents are equal (the memo of whole documents never hits), but most
// share a class.
func benchRecords(b *testing.B, n int) []*lint.Record {
	b.Helper()
	lines := []string{
		`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-study-%[1]d", "extra": {"branch": "branch-%[1]d", "experimentType": "exp", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[1]d", "timestamp": %[1]d}`,
		`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-study-%[1]d", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[1]d", "timestamp": %[1]d}`,
		`{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-study-%[1]d", "extra": {"addonId": "study-%[1]d@shield.mozilla.com", "addonVersion": "1.%[1]d", "branch": "b%[1]d", "enrollmentId": "%08[1]d-3f2d-4b9e-8a7c-5d4e3f2a1b0c"}, "client_id": "c%[1]d", "timestamp": %[1]d}`,
		`{"source": "normandy/recipe/%[1]d", "status": "success", "client_id": "c%[1]d", "timestamp": %[1]d}`,
	}
	recs := make([]*lint.Record, 0, n)
	for i := range n {
		var doc map[string]any
		if err := json.Unmarshal([]byte(fmt.Sprintf(lines[i%len(lines)], i)), &doc); err != nil {
			b.Fatal(err)
		}
		kind := lint.KindEvent
		if _, ok := doc["source"]; ok {
			kind = lint.KindUptake
			doc["extra"] = map[string]any{}
		}
		recs = append(recs, lint.RecordFromDoc(kind, doc))
	}
	return recs
}

// BenchmarkValidate compares the fast path with the full validator on
// valid records that are all different documents.
func BenchmarkValidate(b *testing.B) {
	s := Load()
	for _, bc := range []struct {
		name string
		v    lint.Validator
	}{{"fast", s}, {"full", s.Full()}} {
		b.Run(bc.name, func(b *testing.B) {
			recs := benchRecords(b, 40000)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r := recs[i%len(recs)]
				if vs := bc.v.Validate(r); len(vs) != 0 {
					b.Fatalf("%+v", vs)
				}
			}
		})
	}
}
