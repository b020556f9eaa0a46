package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// AddonIDFormat is the ID of the rule against addonId values that are no
// add-on ID.
const AddonIDFormat = "addon-id-format"

func init() {
	register(&lint.Rule{
		ID:       AddonIDFormat,
		Severity: lint.SeverityWarning,
		Summary:  "addonId is neither an add-on ID (name@domain or {GUID}) nor __NO_ADDON__",
		Message:  addonIDMessage,
		Yields:   []string{ExtraNotString, PersonalData},
		Doc: lint.Doc{
			Rationale: `The addonId is neither an add-on ID (name@domain, or a GUID in braces)
nor the __NO_ADDON__ marker Normandy uses for a branch without an add-on.
The add-on manager only installs add-ons with IDs of those forms, so the
value was probably replaced by a name, slug or file name.

Use the ID from the add-on's manifest, e.g.
"feature-study@shield.mozilla.com".`,
			Spec: "data-collection.rst, Enrollment › Add-on Studies › Enrollment and › Unenrollment (extra.addonId, e.g. \"feature-study@shield.mozilla.com\"); docs/telemetry-reference.md §3.3 (__NO_ADDON__)",
			Firefox: `addonId is sent on addon_study enroll and unenroll since dynamic
registration (toolkit/components/normandy/lib/TelemetryEvents.jsm), and on
addon_study update and the addon_rollout events from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80. Branched
add-on studies
(toolkit/components/normandy/actions/BranchedAddonStudyAction.jsm, later
.sys.mjs) send __NO_ADDON__ for a branch without an add-on.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study", "addonVersion": "1.2.3"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
		},
	})
}

func addonIDMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	shown := show(v.Got)
	if s, ok := v.Got.(string); ok {
		shown = lint.QuoteAddonID(s)
	}
	return fmt.Sprintf("addonId %s is neither an add-on ID (name@domain or {GUID}) nor __NO_ADDON__", shown),
		"add-on IDs look like feature-study@shield.mozilla.com or {01234567-89ab-cdef-0123-456789abcdef}"
}
