package rules

// ExampleData is the record the configuration rules' examples (waivers)
// are tried on.
const ExampleData = `{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-test-slug", "extra": {"didResetValue": "true", "reason": "unknown"}}`
