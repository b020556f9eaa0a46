package input

import "github.com/normlint/normlint/lint"

// All returns the adapters in the order they are tried: the specific
// envelopes first, then Telemetry pings of other types, then the
// hand-writable forms.
func All() []lint.Adapter {
	return []lint.Adapter{EventPing{}, MainPing{}, Glean{}, BigQuery{}, TelemetryPing{}, Records{}}
}
