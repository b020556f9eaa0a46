package lint_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// eventsStreamRows is n rows of a Glean events_stream export, as `SELECT *`
// writes them (about 1.3 KB each): random document, client and enrollment
// IDs, one row in ten an event of the normandy category or Normandy's
// uptake, a few of those with findings, half the extras as JSON strings.
func eventsStreamRows(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	id := func() string {
		return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), 0x8000|r.IntN(1<<14), r.Uint64()&(1<<48-1))
	}
	clients := make([]string, 2000)
	for i := range clients {
		clients[i] = id()
	}
	others := []struct{ category, name, extra string }{
		{"urlbar", "engagement", `{"n_chars": "%d", "sap": "urlbar", "interaction": "typed", "n_results": "%d", "selected_result": "history", "provider": "UrlbarProviderPlaces", "engagement_type": "click"}`},
		{"urlbar", "abandonment", `{"n_chars": "%d", "sap": "urlbar_newtab", "interaction": "typed", "n_words": "%d"}`},
		{"newtab", "impression", `{"newtab_visit_id": "{%d}", "position": "%d", "is_sponsored": "false", "tile_id": "1234"}`},
		{"pwmgr", "saved_login_used", `{"filled": "%d", "type": "form%d"}`},
		{"uptake.remotecontent.result", "uptake_remotesettings", `{"value": "success", "source": "settings-changes-monitoring", "age": "%d", "duration": "%d"}`},
		{"nimbus_events", "enrollment", `{"experiment": "exp-%d", "branch": "treatment-%d", "experiment_type": "nimbus"}`},
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		var category, name, extra string
		if r.IntN(10) == 0 {
			category = "normandy"
			switch r.IntN(4) {
			case 0:
				name = "enroll_preference_study"
				extra = fmt.Sprintf(`{"value": "pref-study-%d", "branch": "control", "experimentType": "exp", "enrollmentId": %q}`, r.IntN(50), id())
			case 1:
				reason := "recipe-not-seen"
				if r.IntN(30) == 0 {
					reason = "unknown"
				}
				name = "unenroll_preference_study"
				extra = fmt.Sprintf(`{"value": "pref-study-%d", "reason": %q, "didResetValue": "true", "enrollmentId": %q}`, r.IntN(50), reason, id())
			case 2:
				name = "enroll_addon_study"
				extra = fmt.Sprintf(`{"value": "addon-study-%d", "branch": "treatment", "addonId": "study@mozilla.org", "addonVersion": "1.2", "enrollmentId": %q}`, r.IntN(50), id())
			default:
				status := "success"
				if r.IntN(40) == 0 {
					status = "bogus_status"
				}
				category, name = "uptake.remotecontent.result", "uptake_normandy"
				extra = fmt.Sprintf(`{"value": %q, "source": "normandy/recipe/%d"}`, status, r.IntN(500))
			}
		} else {
			o := others[r.IntN(len(others))]
			category, name = o.category, o.name
			extra = fmt.Sprintf(o.extra, r.IntN(100), r.IntN(100))
		}
		if r.IntN(2) == 0 {
			extra = strconv.Quote(extra)
		}
		fmt.Fprintf(&b, `{"submission_timestamp": "2025-01-15 09:%02d:%02d.%06d UTC", "document_id": %q, "client_id": %q, "sample_id": %d, "event_timestamp": %d, "event_category": %q, "event_name": %q, "event_extra": %s, "normalized_channel": "release", "normalized_country_code": "DE", "normalized_os": "Windows", "client_info": {"app_build": "20250107150537", "app_channel": "release", "app_display_version": "134.0.1", "architecture": "x86_64", "first_run_date": "2023-04-01+00:00", "locale": "de", "os": "Windows", "os_version": "10.0", "telemetry_sdk_build": "62.0.0", "windows_build_number": 19045}, "ping_info": {"seq": %d, "start_time": "2025-01-15T09:00+01:00", "end_time": "2025-01-15T09:30+01:00", "reason": "max_capacity"}, "metadata": {"geo": {"city": "Berlin", "country": "DE", "subdivision1": "BE"}, "user_agent": {"browser": "Firefox", "os": "Windows", "version": "134"}}, "experiments": [{"key": "nimbus-%d", "value": {"branch": "control", "extra": {"type": "nimbus-nimbus", "enrollment_id": %q}}}]}`+"\n",
			r.IntN(60), r.IntN(60), r.IntN(1000000), id(), clients[r.IntN(len(clients))], r.IntN(100), 1736931000000+i,
			category, name, extra, i%500, r.IntN(50), id())
	}
	return b.String()
}
