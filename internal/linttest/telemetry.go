package linttest

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// Telemetry is the same Normandy telemetry in every input format, by file
// name: an enrollment with an unregistered extra, an unenrollment with the
// "unknown" reason, an unenrollment with a reason Firefox never sends, an
// uptake status of the wrong family, and an event of another category.
var Telemetry = map[string]string{
	"records.jsonl": `{"category": "normandy", "method": "enroll", "object": "preference_study", "value": "pref-a", "extra": {"branch": "control", "experimentType": "exp", "slug": "pref-a"}}
{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-a", "extra": {"reason": "unknown", "didResetValue": "true"}}
{"category": "normandy", "method": "unenroll", "object": "preference_study", "value": "pref-b", "extra": {"reason": "recipe-not-found", "didResetValue": "true"}}
{"source": "normandy/runner", "status": "custom_1_error"}
{"category": "search", "method": "click", "object": "button"}
`,
	"event-ping.json": `{"type": "event", "id": "0d7ab9a4-4c0b-4c59-9e4e-6f3f2a7c8b11", "creationDate": "2020-06-01T10:00:00.000Z", "version": 4, "clientId": "c0ffee00-0000-4000-8000-00000000000c", "application": {"architecture": "x86-64", "buildId": "20200601000000", "channel": "release", "name": "Firefox", "platformVersion": "77.0", "version": "77.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"},
 "payload": {"reason": "periodic", "events": {"parent": [
  [1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control", "experimentType": "exp", "slug": "pref-a"}],
  [2, "normandy", "unenroll", "preference_study", "pref-a", {"reason": "unknown", "didResetValue": "true"}],
  [3, "normandy", "unenroll", "preference_study", "pref-b", {"reason": "recipe-not-found", "didResetValue": "true"}],
  [4, "uptake.remotecontent.result", "uptake", "normandy", "custom_1_error", {"source": "normandy/runner"}],
  [5, "search", "click", "button"]]}}}
`,
	"main-ping.json": `{"type": "main", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "clientId": "c0ffee00-0000-4000-8000-00000000000c", "application": {"architecture": "x86-64", "buildId": "20200601000000", "channel": "release", "name": "Firefox", "platformVersion": "60.0", "version": "60.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"},
 "payload": {
  "keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"histogram_type": 5, "values": {"0": 0, "19": 1}}}},
  "processes": {"parent": {"scalars": {}}, "dynamic": {"events": [
   [1, "normandy", "enroll", "preference_study", "pref-a", {"branch": "control", "experimentType": "exp", "slug": "pref-a"}],
   [2, "normandy", "unenroll", "preference_study", "pref-a", {"reason": "unknown", "didResetValue": "true"}],
   [3, "normandy", "unenroll", "preference_study", "pref-b", {"reason": "recipe-not-found", "didResetValue": "true"}],
   [5, "search", "click", "button"]]}}}}
`,
	"glean.json": `{"ping_info": {"seq": 1, "start_time": "2025-01-15T09:00+00:00", "end_time": "2025-01-15T09:30+00:00"}, "client_info": {"app_build": "20250101000000", "app_display_version": "134.0", "architecture": "x86_64", "client_id": "c0ffee00-0000-4000-8000-00000000000c", "first_run_date": "2024-01-01+00:00", "os": "Linux", "os_version": "6.1", "telemetry_sdk_build": "62.0.0"}, "events": [
  {"timestamp": 1, "category": "normandy", "name": "enroll_preference_study", "extra": {"value": "pref-a", "branch": "control", "experimentType": "exp", "slug": "pref-a"}},
  {"timestamp": 2, "category": "normandy", "name": "unenroll_preference_study", "extra": {"value": "pref-a", "reason": "unknown", "didResetValue": "true"}},
  {"timestamp": 3, "category": "normandy", "name": "unenroll_preference_study", "extra": {"value": "pref-b", "reason": "recipe-not-found", "didResetValue": "true"}},
  {"timestamp": 4, "category": "uptake.remotecontent.result", "name": "uptake_normandy", "extra": {"value": "custom_1_error", "source": "normandy/runner"}},
  {"timestamp": 5, "category": "search", "name": "click_button"}]}
`,
	"bigquery.jsonl": `{"client_id": "c", "event_timestamp": 1, "event_category": "normandy", "event_method": "enroll", "event_object": "preference_study", "event_string_value": "pref-a", "event_map_values": [{"key": "branch", "value": "control"}, {"key": "experimentType", "value": "exp"}, {"key": "slug", "value": "pref-a"}]}
{"client_id": "c", "event_timestamp": 2, "event_category": "normandy", "event_method": "unenroll", "event_object": "preference_study", "event_string_value": "pref-a", "event_map_values": {"reason": "unknown", "didResetValue": "true"}}
{"client_id": "c", "event_category": "normandy", "event_name": "unenroll_preference_study", "event_extra": "{\"value\": \"pref-b\", \"reason\": \"recipe-not-found\", \"didResetValue\": \"true\"}"}
{"client_id": "c", "event_category": "uptake.remotecontent.result", "event_name": "uptake_normandy", "event_extra": {"value": "custom_1_error", "source": "normandy/runner"}}
{"client_id": "c", "event_category": "search", "event_method": "click", "event_object": "button"}
`,
}

// Gzip compresses data as one gzip member.
func Gzip(tb testing.TB, data []byte) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
