package schemas

import (
	"slices"
	"strings"
	"testing"

	"github.com/normlint/normlint/lint"
)

func TestFastPathCompiles(t *testing.T) {
	s := Load()
	for k, why := range s.slow {
		t.Errorf("kind %v has no fast path: %s", k, why)
	}
	if len(s.fast) != 2 {
		t.Fatalf("fast paths: %d, want 2", len(s.fast))
	}
}

// TestFastPathKeywords pins the keywords the fast path's compiler
// understands: adding one means showing, in fast.go, what it can observe
// of a value and that the class key keeps it.
func TestFastPathKeywords(t *testing.T) {
	want := []string{
		"$comment", "$defs", "$ref", "$schema", "additionalProperties", "allOf", "anyOf",
		"const", "description", "else", "enum", "if", "maxLength", "maxProperties",
		"minLength", "minProperties", "not", "oneOf", "pattern", "properties",
		"required", "then", "title", "type", "x-normlint-eras", "x-normlint-pointer", "x-normlint-rule",
	}
	var got []string
	for k := range understoodKeywords {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("understood keywords:\n got  %q\n want %q", got, want)
	}
}

// TestFastPathFailsSafe: a schema with a keyword the compiler does not
// understand gets no fast path, and its records are still validated.
func TestFastPathFailsSafe(t *testing.T) {
	for _, kw := range []string{
		`"minimum": 0`, `"format": "uuid"`, `"patternProperties": {"^x": {"type": "string"}}`,
		`"propertyNames": {"maxLength": 3}`, `"dependentRequired": {"a": ["b"]}`, `"enum": [1, 2]`,
		`"$id": "https://normlint.invalid/schemas/nested"`,
	} {
		src := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "` + baseURL + eventName + suffix + `",
			"properties": {"timestamp": {` + kw + `}, "method": {"x-normlint-rule": "unknown-event", "enum": ["enroll"]}}}`
		s, err := compile(map[string][]byte{eventName: []byte(src)})
		if err != nil {
			t.Fatalf("%s: %v", kw, err)
		}
		if s.fast[lint.KindEvent] != nil {
			t.Errorf("%s: compiled a fast path", kw)
			continue
		}
		name := strings.Trim(strings.SplitN(kw, ":", 2)[0], `"`)
		if !strings.Contains(s.slow[lint.KindEvent], name) {
			t.Errorf("%s: no fast path, but the reason is %q", kw, s.slow[lint.KindEvent])
		}
		r := lint.RecordFromDoc(lint.KindEvent, map[string]any{"method": "expose", "extra": map[string]any{}})
		for range 2 {
			if vs := s.Validate(r); len(vs) != 1 || vs[0].Rule != "unknown-event" {
				t.Errorf("%s: violations %+v", kw, vs)
			}
		}
	}
}
