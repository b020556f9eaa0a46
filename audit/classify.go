package audit

import (
	"strings"

	"github.com/normlint/normlint/rules"
)

// Class is what an uptake status says of a recipe run, for the success
// rate: success ÷ (success + failure). Not-targeted and invalid statuses
// are counted beside it, never in it.
type Class string

// The classes of an uptake status.
const (
	// ClassSuccess: the runner, action or recipe did its work.
	ClassSuccess Class = "success"
	// ClassNotTargeted: the recipe was not meant for this client (its
	// filter did not match, or the client lacks a capability it needs).
	// Nothing failed.
	ClassNotTargeted Class = "not_targeted"
	// ClassFailure: something went wrong.
	ClassFailure Class = "failure"
	// ClassInvalid: not a status of the source's family at all; the rule
	// of the status's Classification flags it.
	ClassInvalid Class = "invalid"
)

// Classification is the class of one status of one family.
type Classification struct {
	Family string `json:"family"`
	Status string `json:"status"`
	Class  Class  `json:"class"`
	// Constants are the spec constants the status stands for.
	Constants []string `json:"constants,omitempty"`
	// Era says which Firefox versions send the status with this meaning,
	// when not every version does.
	Era string `json:"era,omitempty"`
	// Rule is the rule that flags an invalid status.
	Rule string `json:"rule,omitempty"`
}

// notTargeted are the recipe constants that say the client was not
// targeted: every other constant is a success (its name ends in _SUCCESS)
// or a failure. The statuses themselves come from the rules' registry.
var notTargeted = map[string]bool{
	"RECIPE_DIDNT_MATCH_FILTER":        true,
	"RECIPE_INCOMPATIBLE_CAPABILITIES": true,
}

// eras notes the statuses whose meaning depends on the Firefox version.
// A recipe's custom_2_error is RECIPE_DIDNT_MATCH_FILTER in the oldest
// Uptake.jsm (Firefox 67), which later versions send as backoff; no later
// version sends custom_2_error for a recipe, so it is always classified
// with its Firefox 67 meaning (docs/report.md cites the sources).
var eras = map[string]string{
	"recipe custom_2_error": "Firefox 67 only; later versions send backoff",
}

// classOfConstant classes a spec constant.
func classOfConstant(c string) Class {
	switch {
	case strings.HasSuffix(c, "_SUCCESS"):
		return ClassSuccess
	case notTargeted[c]:
		return ClassNotTargeted
	}
	return ClassFailure
}

// Classify classes a status (a wire string or a spec constant) of a
// family ("" for a source of no family). A wire string that stands for
// constants of different classes would be a failure; none does (the test
// proves it).
func Classify(fam, status string) Classification {
	c := Classification{Family: fam, Status: status}
	switch {
	case fam == "":
		c.Class, c.Rule = ClassInvalid, rules.InvalidUptakeSource
		return c
	case !isFamilyStatus(fam, status):
		c.Class, c.Rule = ClassInvalid, rules.InvalidUptakeStatus
		return c
	}
	c.Constants = rules.StatusConstants(fam, status)
	for i, k := range c.Constants {
		switch kc := classOfConstant(k); {
		case i == 0:
			c.Class = kc
		case kc != c.Class:
			c.Class = ClassFailure
		}
	}
	c.Era = eras[fam+" "+rules.WireStatus(fam, status)]
	return c
}

func isFamilyStatus(fam, status string) bool {
	for _, s := range rules.FamilyStatuses(fam) {
		if s == status {
			return true
		}
	}
	return false
}

// StatusTable is the classification of every status of every family, in
// the registry's order: the table docs/report.md shows.
func StatusTable() []Classification {
	var out []Classification
	for _, fam := range rules.UptakeFamilies() {
		for _, s := range rules.FamilyStatuses(fam) {
			out = append(out, Classify(fam, s))
		}
	}
	return out
}
