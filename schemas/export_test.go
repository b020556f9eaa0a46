package schemas

import "github.com/normlint/normlint/lint"

// ClassKey is the fast path's class of a record, for the tests of package
// schemas_test; ok is false when the record has none.
func ClassKey(s *Set, r *lint.Record) (key string, ok bool) {
	fp := s.fast[r.Kind]
	if fp == nil {
		return "", false
	}
	b, ok := fp.appendKey(nil, r)
	return string(b), ok
}

// Reusable says whether the fast path would reuse vs, r's violations, for
// every record of r's class.
func Reusable(s *Set, r *lint.Record, vs []lint.Violation) bool {
	fp := s.fast[r.Kind]
	return fp != nil && fp.reusable(r, vs)
}
