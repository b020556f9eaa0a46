package rules

// ExampleData is the record the configuration rules' examples (waivers)
// are tried on.
//
// Deprecated: only internal/cli's examples_test.go uses it, and
// rules/examples_test.go runs every rule's examples with a copy of its own;
// it goes when that test does.
const ExampleData = `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "unknown"}}`
