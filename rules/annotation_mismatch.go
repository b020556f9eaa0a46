package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/normlint/normlint/lint"
)

// AnnotationMismatch is the ID of the rule against active-experiment
// annotations that contradict the client's enrollment events.
const AnnotationMismatch = "annotation-mismatch"

func init() {
	register(&lint.Rule{
		ID:            AnnotationMismatch,
		Severity:      lint.SeverityWarning,
		Summary:       "a ping's active-experiment annotation contradicts the client's enrollment: another branch, or a study it unenrolled from",
		NewStream:     newLifecycle,
		StreamGroup:   lifecycleGroup,
		StreamAnchors: lifecycleAnchors,
		Doc: lint.Doc{
			Rationale: `Besides its events, a ping says which experiments the client had active
when it was sent: a legacy ping's environment.experiments, a Glean ping's
ping_info.experiments, the experiments column of an export row
(events_stream, telemetry.events) or of a raw ping table. Normandy writes
them itself: a preference study calls
TelemetryEnvironment.setExperimentActive(slug, branch, {type:
"normandy-" + experimentType}) when it enrolls and setExperimentInactive
when it ends, and Nimbus does the same in both Telemetry and Glean. An
annotation therefore agrees with the client's enrollment events, and
disagreement means records edited, joined across clients or taken from
another profile.

Two things are reported, for preference studies and Nimbus experiments
(the studies whose enroll names a branch), each at the annotation:
  - an annotation whose branch differs from the branch the client's enroll
    reported, in the same ping or row or earlier in the input (with a
    related location at the enrollment's branch);
  - an annotation of a study the client's records unenrolled from earlier
    in the input (not in the same ping or row), with no enroll since (with
    a related location at the unenrollment).

A ping's annotations are judged once, at its last Normandy record, once
its events have been followed: Firefox collects them when it sends the
ping, after the events it holds. The rows of one ping, which share its
document_id, are judged once, at the first of them. Only pings and rows
that hold a Normandy record are cross-checked: the others are skipped
unread, as every rule skips them. Clients are matched by each record's own
client ID; an events_stream row's client_id is Glean's, so its annotations
are compared with the Glean client's records and, through the row's
legacy_telemetry_client_id, with the legacy client's, never with a legacy
client_id of the same spelling. Add-on studies (followed by add-on ID,
which annotations lack) and rollouts (no branch) are not compared. The state
is the lifecycle's, bounded by --max-lifecycle-pairs (docs/lifecycle.md).`,
			Spec: "data-collection.rst, Enrollment › Preference Studies (the branch a client is assigned to); docs/telemetry-reference.md §3.4 (enroll carries branch); Firefox's toolkit/components/normandy/lib/PreferenceExperiments.sys.mjs and toolkit/components/telemetry/app/TelemetryEnvironment.sys.mjs (setExperimentActive with type \"normandy-\" + experimentType), toolkit/components/nimbus/lib/ExperimentManager.sys.mjs (Services.fog.setExperimentActive); the experiments members of mozilla-pipeline-schemas' event.4.bq and events.1.bq, and bigquery-etl's events_stream_v1 query (its experiments JSON column, from ping_info.experiments)",
			Firefox: `Preference studies have annotated legacy pings since the first Normandy
(environment.experiments, type "normandy-exp" and the like); Nimbus
annotates both legacy and Glean pings (types "nimbus-nimbus",
"nimbus-rollout"). Glean pings carry ping_info.experiments from Firefox's
first Glean release; Normandy's own events reach Glean from Firefox 132.`,
			Bad:  `{"type": "event", "id": "2f6b1d8e-4c3a-4e5b-9d7f-1a2b3c4d5e6f", "creationDate": "2026-11-01T10:00:00.000Z", "version": 4, "clientId": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "application": {"architecture": "x86-64", "buildId": "20261101000000", "channel": "release", "name": "Firefox", "platformVersion": "134.0", "version": "134.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "environment": {"experiments": {"pref-test-slug": {"branch": "treatment", "type": "normandy-exp"}}}, "payload": {"events": {"parent": [[81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
			Good: `{"type": "event", "id": "2f6b1d8e-4c3a-4e5b-9d7f-1a2b3c4d5e6f", "creationDate": "2026-11-01T10:00:00.000Z", "version": 4, "clientId": "6c1b8e0a-3f2d-4b9e-8a7c-5d4e3f2a1b0c", "application": {"architecture": "x86-64", "buildId": "20261101000000", "channel": "release", "name": "Firefox", "platformVersion": "134.0", "version": "134.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "environment": {"experiments": {"pref-test-slug": {"branch": "control", "type": "normandy-exp"}}}, "payload": {"events": {"parent": [[81234, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
		},
	})
}

// annotatedStudies names the lifecycle studies an annotation can be about,
// by its type: Nimbus's, a preference study's; without a type, either.
// Add-on studies are left out (their enrollment is followed by add-on ID,
// which the annotation does not give), as are rollouts (no branch).
func annotatedStudies(a *lint.Annotation) (studies [2]string, n int) {
	switch {
	case strings.HasPrefix(a.Type, "nimbus-"):
		studies[0], n = "nimbus_experiment "+a.Slug, 1
	case a.Type == "normandy-addonstudy":
	case strings.HasPrefix(a.Type, "normandy-"):
		studies[0], n = "preference_study "+a.Slug, 1
	case a.Type == "":
		studies[0], studies[1], n = "preference_study "+a.Slug, "nimbus_experiment "+a.Slug, 2
	}
	return studies, n
}

// annotations judges the annotations of a record's ping or row, at its
// last Normandy record, against what the client's records up to it said;
// once per document (the rows of one ping share their annotations).
func (l *lifecycle) annotations(p *lint.StreamPass, r *lint.Record) {
	if !p.Enabled(AnnotationMismatch) || len(l.slugs) == 0 {
		return
	}
	doc, _ := l.document(r)
	if doc != "" && doc == l.lastDoc {
		return // another row of the ping judged last
	}
	l.lastDoc = doc
	l.annBuf = r.AppendAnnotations(l.annBuf[:0])
	defer clear(l.annBuf) // keep no strings of the input
	// A Glean row's annotations are also those of the legacy client it
	// names (legacy_telemetry_client_id): the one way to match the two.
	clients := [2]struct {
		id    string
		glean bool
	}{{clientOf(p, r), r.Glean}}
	n := 1
	if legacy := r.LegacyClientID(); r.Glean && legacy != "" {
		clients[1].id, n = legacy, 2
	}
	for i := range l.annBuf {
		a := &l.annBuf[i]
		// Only studies some record followed can contradict: most
		// annotations name other experiments, and cost nothing more.
		if _, seen := l.slugs[a.Slug]; !seen || !a.HasBranch {
			continue
		}
		studies, ns := annotatedStudies(a)
		for _, study := range studies[:ns] {
			for _, c := range clients[:n] {
				l.judge(p, a, c.id, study, c.glean)
			}
		}
	}
}

// judge compares an annotation with what one client's records said of a
// study.
func (l *lifecycle) judge(p *lint.StreamPass, a *lint.Annotation, client, study string, glean bool) {
	k, ok := l.store.keyOf(client, study, glean, false)
	if !ok {
		return
	}
	j := l.store.find(k)
	if j < 0 {
		return
	}
	st := l.store.load(j)
	switch {
	case st.Active && st.HasValue && st.Value != a.Branch:
		p.ReportRuleInput(AnnotationMismatch, a.Pointer(),
			fmt.Sprintf("the ping annotates %s as active in branch %s, but this client enrolled in branch %s", lint.Quote(a.Slug), lint.Quote(a.Branch), lint.Quote(st.Value)),
			"the annotation and the enrollment come from the same client's Firefox: look for records joined across clients or edited",
			lint.RelatedAnchor{Anchor: st.ValueAt, Message: fmt.Sprintf("enrolled in branch %s", lint.Quote(st.Value))})
	case st.Unenrolled && !st.Active && !slices.Contains(l.unenrolledHere, study):
		p.ReportRuleInput(AnnotationMismatch, a.Pointer(),
			fmt.Sprintf("the ping annotates %s as active (branch %s), but this client unenrolled from it and did not enroll again", lint.Quote(a.Slug), lint.Quote(a.Branch)),
			"an unenrollment makes the study inactive in the environment (setExperimentInactive): look for records out of order, or from another profile",
			lint.RelatedAnchor{Anchor: st.UnenrollAt, Message: "the unenrollment"})
	}
}
