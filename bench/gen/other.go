package main

import (
	"math/rand/v2"
	"strconv"
)

// otherKind is an event of another component, which normlint skips: the
// bulk of an events_stream export or of an event ping.
type otherKind struct {
	category, method, object string
	gleanName                string
	value                    func(*rand.Rand) string
	extra                    func(*rand.Rand) obj
}

func num(rng *rand.Rand, n int) string { return strconv.Itoa(rng.IntN(n)) }

var others = []otherKind{
	{"urlbar", "engagement", "urlbar", "engagement",
		func(r *rand.Rand) string { return pick(r, []string{"enter", "click", "drop_go"}) },
		func(r *rand.Rand) obj {
			return obj{{"n_chars", num(r, 40)}, {"n_words", num(r, 6)}, {"n_results", num(r, 12)},
				{"selected_result", pick(r, []string{"search_engine", "history", "bookmark", "top_site", "search_suggest"})},
				{"engagement_type", pick(r, []string{"enter", "click", "drop_go"})}, {"sap", pick(r, []string{"urlbar", "urlbar_newtab", "handoff"})}}
		}},
	{"navigation", "search", "urlbar", "search",
		func(r *rand.Rand) string { return pick(r, []string{"enter", "oneoff", "alias"}) },
		func(r *rand.Rand) obj {
			return obj{{"engine", pick(r, []string{"google", "other-DuckDuckGo", "bing", "other-Qwant"})}}
		}},
	{"nimbus_events", "exposure", "nimbus_experiment", "exposure",
		func(*rand.Rand) string { return "" },
		func(r *rand.Rand) obj {
			t := pick(r, topics)
			return obj{{"experiment", "nimbus-" + t}, {"branch", pick(r, []string{"control", "treatment-a"})}, {"feature_id", dotted(t)}}
		}},
	{"serp", "impression", "serp", "impression",
		func(*rand.Rand) string { return "" },
		func(r *rand.Rand) obj {
			return obj{{"impression_id", uuid(r)}, {"provider", pick(r, []string{"google", "bing", "duckduckgo"})},
				{"tagged", pick(r, []string{"true", "false"})}, {"partner_code", "firefox-b-d"}, {"source", "urlbar"}, {"is_shopping_page", "false"}}
		}},
	{"newtab", "opened", "newtab", "opened",
		func(*rand.Rand) string { return "" },
		func(r *rand.Rand) obj {
			return obj{{"source", pick(r, []string{"about:home", "about:newtab"})}, {"newtab_visit_id", uuid(r)}, {"window_inner_width", num(r, 2000)}}
		}},
	{uptakeCategory, "uptake", "remotesettings", "uptake_remotesettings",
		func(r *rand.Rand) string { return pick(r, []string{"up_to_date", "success", "network_error"}) },
		func(r *rand.Rand) obj {
			return obj{{"source", pick(r, []string{"main/search-config", "settings-changes-monitoring", "main/cfr", "security-state/intermediates"})},
				{"trigger", pick(r, []string{"timer", "broadcast", "startup"})}, {"age", num(r, 3000)}, {"duration", num(r, 900)}}
		}},
	{"pwmgr", "autocomplete_shown", "logins", "autocomplete_shown",
		func(*rand.Rand) string { return "" },
		func(r *rand.Rand) obj { return obj{{"login_count", num(r, 20)}} }},
	{"security.ui.certerror", "load", "aboutcerterror", "load_aboutcerterror",
		func(r *rand.Rand) string {
			return pick(r, []string{"SEC_ERROR_UNKNOWN_ISSUER", "SSL_ERROR_BAD_CERT_DOMAIN", "SEC_ERROR_EXPIRED_CERTIFICATE"})
		},
		func(r *rand.Rand) obj {
			return obj{{"is_frame", "false"}, {"has_sts", pick(r, []string{"true", "false"})}, {"channel_status", num(r, 3)}}
		}},
}

// other draws an event of another component for the client.
func (m *model) other(c *client) event {
	k := &others[m.rng.IntN(len(others))]
	v := k.value(m.rng)
	return event{client: c, ts: m.tick(c), category: k.category, method: k.method, object: k.object,
		value: v, hasValue: v != "", extra: k.extra(m.rng), gleanName: k.gleanName}
}
