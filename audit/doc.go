// Package audit computes the QA summary behind `normlint report`: uptake
// rates, enrollment figures, findings and spec coverage, from the same
// records and diagnostics that `normlint check` sees. It never keeps a
// client ID: client IDs are pseudonymous but personal, and no report prints
// one.
package audit
