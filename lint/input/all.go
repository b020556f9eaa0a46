package input

import "github.com/normlint/normlint/lint"

// All returns the adapters in the order they are tried: table rows of
// pings first (a row keeps its ping's members, so the ping adapters would
// take it for a ping as submitted), then the specific envelopes, then
// Telemetry pings of other types, then the hand-writable forms.
func All() []lint.Adapter {
	return []lint.Adapter{EventTable{}, GleanTable{}, EventPing{}, MainPing{}, Glean{}, BigQuery{}, TelemetryPing{}, Records{}}
}
