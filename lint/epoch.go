package lint

// The bounds of a timestamp that is a time since the Unix epoch (in
// milliseconds): 2010-01-01 and 2100-01-01 UTC. A legacy event's timestamp
// counts from its process's start, a Glean event's from its ping's start:
// they stay far below the lower bound (it would take forty years of
// uptime), so a timestamp between the bounds can only be a time.
const (
	minEpochMillis = 1262304000000
	maxEpochMillis = 4102444800000
)

// Epoch returns the record's time in milliseconds since the Unix epoch,
// when it has one: its timestamp when that is an absolute time (an epoch
// timestamp written by hand, a ping's creationDate for its histograms),
// not an offset from a process's or ping's start; else the time its
// envelope gives (At).
func (r *Record) Epoch() (int64, bool) {
	switch {
	case r.HasTimestamp && r.Timestamp >= minEpochMillis && r.Timestamp < maxEpochMillis:
		return r.Timestamp, true
	case r.At >= minEpochMillis && r.At < maxEpochMillis:
		return r.At, true
	}
	return 0, false
}
