// Package report holds normlint's reporters: each renders the engine's
// ordered diagnostics and summary in one output format (text, json, sarif,
// junit, github, checkstyle). A format is one file that implements
// lint.Reporter and registers itself (see Register).
package report
