package rules

import "github.com/normlint/normlint/lint"

// The string-length limits of the two pipelines that record Normandy
// events (docs/telemetry-reference.md §4.2, §4.3).
const (
	// legacyLimit is legacy Telemetry's: the value and every extra value
	// are cut to 80 bytes, in every era, the Glean era's mirror included.
	legacyLimit = 80
	// gleanLimit is the Glean SDK's for event extra values since v51.8.0
	// (100 bytes before). Normandy's Glean events carry the value (the
	// slug, the uptake status) and the uptake source as extras, so it is
	// the limit of every string they hold. Normandy records through Glean
	// only from Firefox 132, whose SDK is far past v51.8.0, so the older
	// limit never applies to its events.
	gleanLimit = 500
)

// lengthLimit is the limit of the pipeline that recorded r: a value over it
// cannot come from that pipeline, one exactly at it was probably cut.
func lengthLimit(r *lint.Record) int {
	if r.Glean {
		return gleanLimit
	}
	return legacyLimit
}

// pipelineName names the recorder whose limit lengthLimit gives, for
// messages.
func pipelineName(r *lint.Record) string {
	if r.Glean {
		return "the Glean SDK truncates event extra values (this one included) to 500 bytes"
	}
	return "Firefox truncates values and extra values to 80 bytes"
}
