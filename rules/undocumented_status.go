package rules

import (
	"fmt"
	"strings"

	"github.com/normlint/normlint/lint"
)

// UndocumentedStatus is the ID of the rule against uptake statuses data-
// collection.rst does not list.
const UndocumentedStatus = "undocumented-status"

func init() {
	register(&lint.Rule{
		ID:       UndocumentedStatus,
		Severity: lint.SeverityInfo,
		Summary:  "an uptake status Firefox sends that the data-collection document does not list",
		Message:  undocumentedStatusMessage,
		Yields:   undocumentedYields,
		Doc: lint.Doc{
			Rationale: `The status is one Firefox sends for this source family, but the document
does not list it. For example, a recipe whose filter did not match is
reported as backoff (RECIPE_DIDNT_MATCH_FILTER), a constant added after the
document this linter checks against. The record is genuine; only its
meaning is not specified there.

Nothing needs fixing. Disable this informational rule if undocumented
statuses are expected in your data.`,
			Spec: "data-collection.rst, Uptake › Runner Status, › Action Status, › Recipe Status (the listed constants); docs/telemetry-reference.md §2.2 (constants and wire strings), §1.3 (later revisions of the document)",
			Firefox: `Later document revisions add RECIPE_DIDNT_MATCH_FILTER (backoff;
custom_2_error in the oldest toolkit/components/normandy/lib/Uptake.jsm,
Firefox 67) and RECIPE_FILTER_BROKEN (content_error). Current code
(Uptake.sys.mjs) also sends RECIPE_INCOMPATIBLE_CAPABILITIES (backoff),
RECIPE_ARGUMENTS_INVALID (content_error) and RECIPE_INVALID_SIGNATURE
(sign_error), none of them documented.`,
			Bad:  `{"source": "normandy/recipe/123", "status": "backoff"}`,
			Good: `{"source": "normandy/recipe/123", "status": "RECIPE_SUCCESS"}`,
		},
	})
}

func undocumentedStatusMessage(r *lint.Record, v *lint.Violation) (string, string) {
	src, _ := r.Str("source")
	s, _ := v.Got.(string)
	names := StatusConstants(Family(src), s)
	if len(names) == 1 && names[0] == s {
		for _, e := range statusTable {
			if e.constant == s {
				return fmt.Sprintf("status %s (sent as %q) is one Firefox reports, but data-collection.rst does not list it", s, e.wire), ""
			}
		}
	}
	if len(names) > 0 && names[0] != s {
		return fmt.Sprintf("status %s (%s) is sent by Firefox but not listed in data-collection.rst", lint.Quote(s), strings.Join(names, " or ")), ""
	}
	return fmt.Sprintf("status %s is sent by Firefox but not listed in data-collection.rst", lint.Quote(s)), ""
}
