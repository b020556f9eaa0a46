package main

import (
	"fmt"
	"math/rand/v2"
)

// studyType is what a study is to Normandy; it decides which (method,
// object) pairs its events use and which extras they carry.
type studyType int

const (
	prefStudy studyType = iota
	addonStudy
	prefRollout
	addonRollout
	nimbusExperiment
)

// study is one of the population's studies.
type study struct {
	typ      studyType
	slug     string
	name     string // an add-on study's name: the value of its unenroll
	addonID  string
	recipe   int // its recipe's ID, the uptake source normandy/recipe/<id>
	branches []string
	feature  string // a Nimbus experiment's feature
	pref     string // the preference a preference study or rollout sets
	weight   int
}

var topics = []string{
	"dark-mode", "http3", "tab-unloading", "search-shortcuts", "pip-toggle", "doh-rollout",
	"cookie-banner", "fission", "webrender", "sponsored-tiles", "translations", "firefox-view",
	"tab-groups", "sidebar-revamp", "url-trimming", "pocket-newtab", "password-gen", "pdf-editing",
	"media-autoplay", "address-autofill", "credit-card-autofill", "quick-suggest", "weather-widget",
	"colorways", "privacy-segmentation", "etp-strict", "https-first", "csv-export", "reader-view",
	"screenshot-tool", "downloads-panel", "container-tabs", "session-restore", "print-preview",
	"bookmarks-toolbar", "about-welcome", "default-browser", "shopping-sidebar", "ai-chatbot",
	"vertical-tabs", "profile-manager", "newtab-layout", "search-mode", "tracking-protection",
	"smart-blocking", "crash-reporter", "update-cadence", "telemetry-health", "sync-onboarding",
	"relay-integration",
}

var addonVersions = []string{"1.0.0", "1.0.1", "1.1.0", "1.2.3", "2.0.0", "2.0b3", "2.1.0"}

// makeStudies builds the fixed population of 50 studies: mostly preference
// and add-on studies and preference rollouts, some add-on rollouts and
// Nimbus experiments (which Normandy's category also carries).
func makeStudies(rng *rand.Rand) []study {
	counts := []struct {
		typ    studyType
		n      int
		weight int
	}{{prefStudy, 24, 10}, {addonStudy, 12, 8}, {prefRollout, 6, 4}, {addonRollout, 3, 1}, {nimbusExperiment, 5, 1}}
	var out []study
	i := 0
	for _, c := range counts {
		for range c.n {
			t := topics[i]
			s := study{typ: c.typ, recipe: 900 + 7*i + rng.IntN(7), weight: c.weight, pref: "browser." + dotted(t) + ".enabled"}
			switch c.typ {
			case prefStudy:
				s.slug = fmt.Sprintf("pref-%s-release-%d", t, 80+rng.IntN(60))
				s.branches = []string{"control", "treatment"}
				if rng.IntN(3) == 0 {
					s.branches = append(s.branches, "treatment-b")
				}
			case addonStudy:
				s.slug = fmt.Sprintf("addon-%s-study-%d", t, 1+rng.IntN(9))
				s.name = fmt.Sprintf("%s study %d", title(t), 1+rng.IntN(9))
				s.addonID = t + "-study@shield.mozilla.com"
				if rng.IntN(4) == 0 {
					s.addonID = "{" + uuid(rng) + "}"
				}
				s.branches = []string{"control", "treatment"}
				if rng.IntN(4) == 0 {
					s.branches = []string{"__NO_BRANCHES__"}
				}
			case prefRollout:
				s.slug = fmt.Sprintf("rollout-%s-%d", t, 1+rng.IntN(20))
			case addonRollout:
				s.slug = fmt.Sprintf("addon-rollout-%s", t)
				s.addonID = t + "@mozilla.org"
			case nimbusExperiment:
				s.slug = fmt.Sprintf("nimbus-%s-%d", t, 100+rng.IntN(900))
				s.branches = []string{"control", "treatment-a", "treatment-b"}
				s.feature = dotted(t)
			}
			out = append(out, s)
			i++
		}
	}
	return out
}

func dotted(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}

func title(t string) string {
	b := []byte(t)
	up := true
	for i, c := range b {
		switch {
		case c == '-':
			b[i] = ' '
			up = true
		case up && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
			up = false
		default:
			up = false
		}
	}
	return string(b)
}

// uuid draws a random (version 4) UUID.
func uuid(rng *rand.Rand) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0xf])
	}
	return string(out)
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
