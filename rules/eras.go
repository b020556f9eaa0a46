package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/schemas"
)

// era is one entry of a schema's x-normlint-eras list: something the
// schema accepts that only some Firefox versions send, with the file that
// sends it. The schemas are the registry; this file only reads them, so a
// value's versions are written once, next to the lists that accept it.
type era struct {
	ID string `json:"id"`
	// Match says what the entry recognises: "reason" (extra.reason is one
	// of Values), "pair" (the method and object themselves), "name-shape"
	// (an add-on study event in the unbranched shape, whose value is the
	// study's name) or "status" (an uptake status of one of Sources).
	Match   string   `json:"match"`
	Methods []string `json:"methods"`
	Objects []string `json:"objects"`
	Sources []string `json:"sources"`
	Values  []string `json:"values"`
	What    string   `json:"what"`
	// From and To bound the versions that send it; 0 leaves that end
	// open (every earlier version, or up to the current one).
	From    int    `json:"from"`
	To      int    `json:"to"`
	Firefox string `json:"firefox"`
	Source  string `json:"source"`
}

// eras are the entries of every embedded schema, event schema first.
var eras = loadEras()

func loadEras() []era {
	var out []era
	for _, name := range []string{"normandy-event", "uptake"} {
		src, ok := schemas.Source(name)
		if !ok {
			panic("rules: no embedded schema " + name)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(src, &doc); err != nil {
			panic(fmt.Sprintf("rules: schema %s: %v", name, err))
		}
		raw, ok := doc[schemas.ErasKeyword]
		if !ok {
			continue
		}
		var list []era
		if err := json.Unmarshal(raw, &list); err != nil {
			panic(fmt.Sprintf("rules: schema %s, %s: %v", name, schemas.ErasKeyword, err))
		}
		out = append(out, list...)
	}
	return out
}

// span returns the entry's versions as an inclusive span.
func (e *era) span() (lo, hi int) {
	lo, hi = e.From, e.To
	if lo == 0 {
		lo = 1
	}
	if hi == 0 {
		hi = maxVersion
	}
	return lo, hi
}

// bounded reports whether the sources date the entry at all: an entry
// open at both ends is documentation only, never a gate.
func (e *era) bounded() bool { return e.From != 0 || e.To != 0 }

// matches reports whether the record holds what the entry describes, and
// the canonical pointer of the part that does.
func (e *era) matches(r *lint.Record) (string, bool) {
	if e.Match == "status" {
		if r.Kind != lint.KindUptake {
			return "", false
		}
		src, _ := r.Str("source")
		st, ok := r.Str("status")
		if !ok || !slices.Contains(e.Values, st) || !slices.ContainsFunc(e.Sources, func(p string) bool { return strings.HasPrefix(src, p) }) {
			return "", false
		}
		return "/status", true
	}
	if r.Kind != lint.KindEvent {
		return "", false
	}
	m, _ := r.Str("method")
	o, _ := r.Str("object")
	if !slices.Contains(e.Methods, m) || !slices.Contains(e.Objects, o) {
		return "", false
	}
	switch e.Match {
	case "pair":
		return "/method", true
	case "reason":
		reason, ok := r.ExtraStr("reason")
		if !ok || !slices.Contains(e.Values, reason) {
			return "", false
		}
		return "/extra/reason", true
	case "name-shape":
		if unbranchedAddonStudy(r, true) {
			return "/value", true
		}
	}
	return "", false
}

// noBranches is the branch of add-on studies that have no branches: the
// legacy recipes BranchedAddonStudyAction runs with their name as slug.
const noBranches = "__NO_BRANCHES__"

// unbranchedAddonStudy reports whether an add-on study event has the shape
// of the unbranched action, whose value is the study's name: no branch
// extra (that action sent none), or the branch of studies without
// branches. Failures of branched studies may lack a branch too, so when
// sure is set (the event must come from the unbranched era) a failure
// counts only with __NO_BRANCHES__.
func unbranchedAddonStudy(r *lint.Record, sure bool) bool {
	if o, _ := r.Str("object"); o != "addon_study" {
		return false
	}
	if hasExtraKey(r, "branch") {
		b, _ := r.ExtraStr("branch")
		return b == noBranches
	}
	switch method(r) {
	case "enroll", "update", "unenroll":
		return true
	}
	return !sure
}

// hasExtraKey reports whether the record's extras have the key, whatever
// its value's type.
func hasExtraKey(r *lint.Record, key string) bool {
	for _, e := range r.Extras {
		if e.Name == key {
			return true
		}
	}
	return false
}

// nameEra is the era whose add-on study events carry the study's name.
func nameEra() *era {
	for i := range eras {
		if eras[i].Match == "name-shape" {
			return &eras[i]
		}
	}
	panic("rules: no name-shape entry in " + schemas.ErasKeyword)
}
