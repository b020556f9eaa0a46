package rules_test

import (
	"testing"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

// benchRecords are typical records in canonical form, as adapters make
// them: mostly clean enrollment events and uptake statuses, and a few with
// findings.
var benchRecords = []string{
	`{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-dark-mode-release-1", "extra": {"branch": "control", "experimentType": "exp", "enrollmentId": "3f8c6a42-1b7e-4d59-9c0a-6e2f5d8b7a19"}, "client_id": "c0ffee00-0000-4000-8000-000000000001", "timestamp": 1600000000000}`,
	`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-dark-mode-release-1", "extra": {"didResetValue": "true", "reason": "recipe-not-seen", "enrollmentId": "3f8c6a42-1b7e-4d59-9c0a-6e2f5d8b7a19"}, "client_id": "c0ffee00-0000-4000-8000-000000000001", "timestamp": 1600000100000}`,
	`{"source": "normandy/recipe/1234", "status": "success", "extra": {}, "client_id": "c0ffee00-0000-4000-8000-000000000002", "timestamp": 1600000200000}`,
	`{"source": "normandy/runner", "status": "success", "extra": {}, "client_id": "c0ffee00-0000-4000-8000-000000000002", "timestamp": 1600000300000}`,
	`{"category": "normandy", "method": "enroll", "object": "nimbus_experiment", "value": "my-nimbus-experiment", "extra": {"branch": "treatment-a", "experimentType": "nimbus", "enrollmentId": "9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"}, "client_id": "c0ffee00-0000-4000-8000-000000000003", "timestamp": 1600000400000}`,
	`{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-dark-mode-release-2", "extra": {"didResetValue": "true", "reason": "unknown"}, "client_id": "c0ffee00-0000-4000-8000-000000000003", "timestamp": 1600000500000}`,
	`{"category": "normandy", "method": "enroll", "object": "addon_study", "value": "Shield Study One with a name that goes on", "extra": {"addonId": "feature-study@shield.mozilla.com", "addonVersion": "1.2.3", "email": "someone@example.com"}, "client_id": "c0ffee00-0000-4000-8000-000000000004", "timestamp": 1600000600000}`,
}

func benchRecordsDecoded(tb testing.TB) []*lint.Record {
	tb.Helper()
	var recs []*lint.Record
	for _, s := range benchRecords {
		v, err := lint.Decode([]byte(s))
		if err != nil {
			tb.Fatal(err)
		}
		o := v.(*lint.Object)
		kind := lint.KindUptake
		if o.Has("category") {
			kind = lint.KindEvent
		}
		doc := o.Map()
		r := lint.RecordFromDoc(kind, doc)
		r.Format = "records"
		r.ClientID, _ = o.String("client_id")
		if ts, ok := doc["timestamp"].(float64); ok {
			r.Timestamp, r.HasTimestamp = int64(ts), true
		}
		recs = append(recs, r)
	}
	return recs
}

// BenchmarkChecks measures the catalog's record checks (Rule.Check) alone
// on typical records: each rule, and all of them as the engine runs them
// on every Normandy record.
func BenchmarkChecks(b *testing.B) {
	recs := benchRecordsDecoded(b)
	var checks []*lint.Rule
	for _, r := range rules.All() {
		if r.Check != nil {
			checks = append(checks, r)
		}
	}
	if len(checks) == 0 {
		b.Fatal("the catalog has no record check")
	}
	run := func(b *testing.B, rs []*lint.Rule) {
		var c lint.RuleCheck
		b.ReportAllocs()
		found := 0
		for b.Loop() {
			for _, rec := range recs {
				for _, r := range rs {
					found += c.Run(r, rec)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
		b.ReportMetric(float64(found)/float64(b.N*len(recs)), "findings/record")
	}
	b.Run("all", func(b *testing.B) { run(b, checks) })
	for _, r := range checks {
		b.Run(r.ID, func(b *testing.B) { run(b, []*lint.Rule{r}) })
	}
}
