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
