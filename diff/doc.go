// Package diff compares two audit reports (package audit) of two captures
// of Normandy telemetry: findings by fingerprint, uptake success rates with
// a two-proportion test (Holm-corrected, at 99 % confidence, with a
// minimum change), enrollment shifts per study, spec coverage and
// undocumented values. normlint diff renders its Result; docs/diff.md
// documents the method and the JSON contract.
package diff
