// Package linttest runs normlint on golden cases, in the spirit of
// golang.org/x/tools/go/analysis/analysistest: a case is a txtar archive of
// input files and what `normlint check` prints for them, run in-process
// through the real command line, engine, schemas and catalog, without
// building the binary. Each rule keeps its cases beside it
// (rules/testdata/<rule-id>.txtar); input formats and the command line keep
// theirs in their own testdata folders.
//
// An archive holds input files, an optional "args" file (the command line
// after "normlint", whitespace-separated; default: check --color never and
// every input file in archive order), an optional "stdin", and the expected
// "stdout", "exit" code and, when it is not empty, "stderr". Commands run
// in a temporary directory holding the inputs, so paths in the output are
// relative. A comment before the first file says what the case shows.
package linttest
