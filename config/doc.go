// Package config reads normlint's configuration file, .normlint.yaml.
//
// The file is YAML, validated against an embedded JSON Schema (draft
// 2020-12, SchemaSource) and then against what a schema cannot know: the
// rule catalog, the input format names, calendar dates and glob syntax.
// Every problem is reported, each at its line and column in the file, in
// words that say what was found and what was expected:
//
//	version: 1                      # optional, must be 1
//	fail-level: warning             # error|warning|info|none
//	min-severity: warning           # error|warning|info: hide findings below it
//	max-lifecycle-pairs: 2000000    # (client, study) pairs the lifecycle remembers
//	paths:                          # what check and report read when no PATH is given
//	  - "samples/"
//	rules:                          # rule ID -> off | on | error | warning | info
//	  slug-format: off
//	  undocumented-event: warning
//	exclude:                        # globs of paths not to check
//	  - "testdata/legacy/**"
//	input-formats:                  # first matching glob wins
//	  - path: "exports/**/*.jsonl.gz"
//	    format: bigquery
//	waivers:
//	  - rule: unknown-reason
//	    reason: "Firefox 91 sent it (bug 1234567); fixed in 92"
//	    path: "samples/old/*.json"      # optional
//	    pointer: "/extra/reason"        # optional, glob over the JSON pointer
//	    value: "pref-old-study"         # optional, the record's identity
//	    expires: 2027-01-31             # optional; applies through that day
//
// Path globs (exclude, input-formats, a waiver's path) are relative to the
// configuration file's directory and follow .gitignore: a pattern with a "/"
// at its start or in its middle is anchored there, a pattern without one
// matches a name at any depth, and a pattern that matches a directory
// covers everything below it. See Match for the glob syntax.
//
// A waiver accepts the findings of one rule that all its other fields
// match: path (a glob over the file), pointer (a glob over the finding's
// JSON pointer, matched whole: "/extra/**" covers a subtree, a pattern
// without "/" matches the last token at any depth), value (equal to the
// record's identity: the study's slug or name, or the uptake source) and
// expires (the last day it applies). Messages count waivers and list items
// from 1 ("waiver 2" is the second); JSON pointers keep 0-based indexes.
package config
