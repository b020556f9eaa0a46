package rules

import (
	"fmt"

	"github.com/normlint/normlint/lint"
)

// AddonVersionFormat is the ID of the rule against addonVersion values that
// are no toolkit version.
const AddonVersionFormat = "addon-version-format"

func init() {
	register(&lint.Rule{
		ID:       AddonVersionFormat,
		Severity: lint.SeverityWarning,
		Summary:  "addonVersion is neither a toolkit version string nor __NO_ADDON__",
		Message:  addonVersionMessage,
		Yields:   []string{ExtraNotString},
		Doc: lint.Doc{
			Rationale: `The addonVersion is neither a toolkit version string (such as 1.2.3, 68.0,
2.0b3 or 1.0a1) nor the __NO_ADDON__ marker. Firefox reports the version
of the installed add-on, which always has that form, so another value
suggests a label or a build name was recorded instead.

Use the version from the add-on's manifest.`,
			Spec: "data-collection.rst, Enrollment › Add-on Studies › Enrollment and › Unenrollment (extra.addonVersion, e.g. \"1.2.3\"); docs/telemetry-reference.md §3.3 (__NO_ADDON__)",
			Firefox: `addonVersion accompanies addonId in every era that sends it: addon_study
enroll and unenroll since dynamic registration
(toolkit/components/normandy/lib/TelemetryEvents.jsm), and addon_study
update and addon_rollout enroll/update from
toolkit/components/telemetry/Events.yaml as of ≈ Firefox 80.`,
			Bad:  `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "latest"}}`,
			Good: `{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "addon-test-slug", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3"}}`,
		},
	})
}

func addonVersionMessage(_ *lint.Record, v *lint.Violation) (string, string) {
	return fmt.Sprintf("addonVersion %s is neither a toolkit version (1.2.3, 68.0, 2.0b3) nor __NO_ADDON__", show(v.Got)), ""
}
