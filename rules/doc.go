// Package rules is normlint's rule catalog and its composition root.
//
// Every rule lives in its own file, rules/<rule_id>.go (the kebab-case ID
// in snake case), with its golden cases in testdata/<rule-id>.txtar. The
// file holds the rule's ID constant, default severity, one-line summary,
// the documentation `normlint explain` prints (lint.Doc) and what the rule
// does: a Check run on every record, a Message that words the schema
// violations annotated with its ID (the embedded schemas decide validity),
// or neither, for the rules that the engine, the input adapters or the
// configuration raise themselves. The file registers the rule from its
// init function; All and ByID read the catalog.
//
// The lifecycle rules share one stream (lifecycle.go) that follows each
// study through a client's records. What several rules share is in files
// named for it: how messages name things (words.go), the values of records
// and violations (values.go), the uptake status tables (uptake.go) and
// what the spec documents (coverage.go).
//
// Setup is the composition root: the engine configuration with the
// catalog, the embedded schemas and every input adapter. Reference renders
// the catalog as Markdown: docs/rules.md, which `go generate ./rules`
// writes and a test keeps current.
package rules
