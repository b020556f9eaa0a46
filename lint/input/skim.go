package input

import "github.com/normlint/normlint/lint"

// The adapters' Skim methods decide from an object's top-level members
// what their Detect and Extract would do with it: most values of an export
// are rows of other categories, counted and never decoded. Each mirrors
// its Detect exactly and asks for the decoded value (Decode) whenever
// Extract could find a Normandy record or a problem, so that the two paths
// always agree (the differential test in lint/input checks it).

// Every adapter skims.
var (
	_ lint.Skimmer = EventPing{}
	_ lint.Skimmer = MainPing{}
	_ lint.Skimmer = Glean{}
	_ lint.Skimmer = BigQuery{}
	_ lint.Skimmer = TelemetryPing{}
	_ lint.Skimmer = Records{}
)

// skimPing mirrors isPing.
func skimPing(s *lint.Skimmed) bool {
	if s.Kind("type") != '"' {
		return false
	}
	for _, k := range []string{"payload", "application", "creationDate", "id", "version", "clientId"} {
		if s.Has(k) {
			return true
		}
	}
	return false
}

// Skim implements lint.Skimmer: an event ping's records are in its
// payload, which is read decoded.
func (EventPing) Skim(s *lint.Skimmed) lint.Verdict {
	if skimPing(s) && s.Is("type", "event") {
		return lint.Verdict{Mine: true, Decode: true}
	}
	return lint.Verdict{}
}

// Skim implements lint.Skimmer: a main ping's records are in its payload,
// which is read decoded.
func (MainPing) Skim(s *lint.Skimmed) lint.Verdict {
	if skimPing(s) && s.Is("type", "main") {
		return lint.Verdict{Mine: true, Decode: true}
	}
	return lint.Verdict{}
}

// Skim implements lint.Skimmer: a Glean ping without events holds no
// records; the events of the others are read decoded.
func (Glean) Skim(s *lint.Skimmed) lint.Verdict {
	if !s.Has("ping_info") || !s.Has("client_info") || s.Has("event_category") {
		return lint.Verdict{}
	}
	return lint.Verdict{Mine: true, Decode: s.Has("events")}
}

// Skim implements lint.Skimmer: a row's category (and for uptake, its
// name, or method and object) says whether it is Normandy's.
func (BigQuery) Skim(s *lint.Skimmed) lint.Verdict {
	if !s.Has("event_category") || !s.Has("event_method") && !s.Has("event_name") {
		return lint.Verdict{}
	}
	skipped := lint.Verdict{Mine: true, Skipped: 1}
	switch {
	case s.Kind("event_category") != '"', s.Is("event_category", categoryNormandy):
	case !s.Is("event_category", categoryUptake):
		return skipped
	case s.Has("event_name"):
		if !s.Is("event_name", "uptake_normandy") {
			return skipped
		}
	case !s.Is("event_method", methodUptake) || !s.Is("event_object", objectNormandy):
		return skipped
	}
	return lint.Verdict{Mine: true, Decode: true}
}

// Skim implements lint.Skimmer: every other Telemetry ping holds no
// records.
func (TelemetryPing) Skim(s *lint.Skimmed) lint.Verdict {
	return lint.Verdict{Mine: skimPing(s)}
}

// Skim implements lint.Skimmer: a record's category (for uptake, with its
// method and object), or without one its source, says whether it is
// Normandy's.
func (Records) Skim(s *lint.Skimmed) lint.Verdict {
	if s.Has("type") || s.Has("payload") || !s.Has("category") && !s.Has("source") && !s.Has("status") {
		return lint.Verdict{}
	}
	skipped := lint.Verdict{Mine: true, Skipped: 1}
	switch {
	case !s.Has("category"):
		if s.Kind("source") == '"' && !s.HasPrefix("source", "normandy") {
			return skipped // uptake of another component
		}
	case s.Kind("category") != '"', s.Is("category", categoryNormandy):
	case !s.Is("category", categoryUptake):
		return skipped
	case !s.Is("method", methodUptake) || !s.Is("object", objectNormandy):
		return skipped
	}
	return lint.Verdict{Mine: true, Decode: true}
}
