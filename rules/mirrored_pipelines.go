package rules

import "github.com/normlint/normlint/lint"

// MirroredPipelines is the ID of the rule that says an input holds both
// Normandy's Glean events and their legacy mirror.
const MirroredPipelines = "mirrored-pipelines"

func init() {
	register(&lint.Rule{
		ID:            MirroredPipelines,
		Severity:      lint.SeverityInfo,
		Summary:       "the input holds Normandy's Glean events and their legacy Telemetry mirror: the same enrollments twice, followed apart and counted once",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `Since Firefox 132 each Normandy event is recorded through Glean and
mirrored to a legacy Telemetry event (each metric's telemetry_mirror in
toolkit/components/normandy/metrics.yaml): the Glean events ping and the
legacy event ping, and the tables made from them (events_stream and
telemetry.events), hold the same events. An input with both holds each
enrollment twice. This finding, an info, says so once per run, at the
record that showed it: an event of one pipeline with the enrollmentId of
an event of the other, or an events_stream row whose
legacy_telemetry_client_id is the client_id of a legacy record of the
same event and study.

The two copies are never taken for one client's repeated events: the
lifecycle rules key each record by its own client ID, and a Glean client
ID (events_stream's client_id, a Glean ping's client_info.client_id) is
never compared with a legacy one, so no duplicate-enroll fires between
the copies. The report counts the legacy pipeline's events alone once it
sees this finding: the legacy mirror holds every Firefox version's
events, Glean only those of Firefox 132 and later (docs/report.md).

Matching takes a bounded set of enrollments (--max-lifecycle-pairs, about
30 bytes each, docs/lifecycle.md); it is freed once the finding is made.`,
			Spec:    "docs/telemetry-reference.md §3.1 (Glean metrics declare a telemetry_mirror); bigquery-etl's events_stream_v1 query (client_id is Glean's, legacy_telemetry_client_id the legacy one) and event_events_v1 query",
			Firefox: "Firefox 132 and later record Normandy's events in both pipelines; earlier versions only in legacy Telemetry",
			Bad:     `[{"client_id": "0d7e5c4b-3a29-4f18-8e07-6d5c4b3a2918", "event_timestamp": "2026-11-01 10:00:01 UTC", "event_category": "normandy", "event_name": "enroll_preference_study", "event_extra": {"value": "pref-test-slug", "branch": "control", "experimentType": "exp", "enrollmentId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716"}}, {"client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "enrollmentId", "value": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716"}]}]`,
			Good:    `[{"client_id": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "event_timestamp": "81234", "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-test-slug", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "enrollmentId", "value": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716"}]}]`,
		},
	})
}

// The pipelines an enrollment was seen in, as bits of the mirror set.
const (
	seenLegacy = 1 << iota
	seenGlean
)

// mirrors looks for the same enrollment in both pipelines, until it is
// found once.
func (l *lifecycle) mirrors(p *lint.StreamPass, r *lint.Record, ev *LifecycleEvent) {
	if l.mirrored || !p.Enabled(MirroredPipelines) {
		return
	}
	bit, client := uint8(seenLegacy), r.ClientID
	if r.Glean {
		bit, client = seenGlean, r.LegacyClientID()
	}
	s := l.mirror
	var keys [2]uint64
	n := 0
	if id, ok := r.ExtraStr("enrollmentId"); ok && id != "" {
		keys[n], n = s.hash("enrollment", id, ev.Method, ev.Study), n+1
	}
	if client != "" {
		keys[n], n = s.hash("client", client, ev.Method, ev.Study), n+1
	}
	for _, k := range keys[:n] {
		v, _ := s.get(k)
		if v|bit == seenLegacy|seenGlean {
			l.mirrored, l.mirror = true, nil
			p.ReportRule(MirroredPipelines, atMethod,
				"the input holds Normandy's Glean events and their legacy Telemetry mirror: the enrollment of this "+sideName(r.Glean)+" event is also in a "+sideName(!r.Glean)+" record (Firefox 132 and later record each event in both)",
				"each pipeline's records are followed under their own client IDs, so the copies are not duplicate enrollments; the report counts the legacy pipeline's events alone. Export one table (events_stream or telemetry.events) to avoid the doubling")
			return
		}
		s.put(k, v|bit)
	}
}

func sideName(glean bool) string {
	if glean {
		return "Glean"
	}
	return "legacy"
}
