// Package baseline lets a repository adopt normlint with findings it has not
// fixed yet: a baseline file records the current findings, and later runs
// report only findings that are not in it.
//
// Entries are keyed on a fingerprint that survives reformatting and
// reordering: the rule, the file, the JSON pointer with array indexes
// wildcarded, and the record's identity (study slug or uptake source), never
// a line number. An entry counts how many findings it stands for, so a new
// finding with the same fingerprint as an old one is still reported once the
// old count is used up.
package baseline
