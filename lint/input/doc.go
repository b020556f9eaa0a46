// Package input holds normlint's input adapters: each turns one shape of
// JSON value (a hand-written record, an event tuple, a Telemetry event or
// main ping, a Glean ping, an exported table row) into canonical Normandy
// records, and nothing else.
//
// The adapters are Normandy knowledge (the shapes Firefox and Mozilla's
// pipeline give the telemetry), but no rule: they report only what makes a
// value unreadable as records (malformed-record, invalid-histogram, under
// lint's rule IDs). They sit under lint because reading is the first stage
// of every run, which the command line and pipelines on other engines
// share, and that stage must not depend on the catalog.
//
// An adapter is one file (Name, Describe, Detect, Extract) registered in
// All; its golden cases are in testdata/.
package input
