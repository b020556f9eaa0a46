package main

import (
	"math/rand/v2"
)

// event is one generated event before it is given an input shape. A
// Normandy event has category "normandy"; an uptake event has category
// uptakeCategory, its status as value and its source in extra; any other
// event is other telemetry that normlint skips.
type event struct {
	client   *client
	ts       int64 // milliseconds since the Unix epoch
	category string
	method   string
	object   string
	value    string
	hasValue bool
	extra    obj // string values only
	// gleanName is the Glean event name of an event of another category.
	gleanName string
}

const (
	uptakeCategory = "uptake.remotecontent.result"
	epochMillis    = 1736899200000 // 2025-01-15 00:00 UTC
)

// uptake reports whether e is a Normandy uptake event.
func (e *event) uptake() bool { return e.category == uptakeCategory && e.object == "normandy" }

// client is one Firefox profile and what it is enrolled in.
type client struct {
	id       string
	clock    int64
	enrolled map[int]*enrollment // by study index
}

type enrollment struct {
	branch       string
	enrollmentID string
	addonVersion string
	graduated    bool
}

// model draws the event stream: each client goes through enrollments in
// lifecycle order (enroll before its updates and unenroll), with a few
// percent of events made wrong on purpose.
type model struct {
	rng     *rand.Rand
	studies []study
	clients []*client
	total   int
	// flawRate is the share of Normandy events made wrong.
	flawRate float64
	// schemaValid keeps every event valid for normandy-event.schema.json
	// (flaws are then only lifecycle contradictions) and leaves out uptake.
	schemaValid bool
}

func newModel(seed uint64, nClients int) *model {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	m := &model{rng: rng, flawRate: 0.03}
	m.studies = makeStudies(rng)
	for _, s := range m.studies {
		m.total += s.weight
	}
	m.clients = make([]*client, nClients)
	for i := range m.clients {
		m.clients[i] = &client{id: uuid(rng), clock: epochMillis + rng.Int64N(86_400_000)}
	}
	return m
}

// anyClient draws a client.
func (m *model) anyClient() *client { return m.clients[m.rng.IntN(len(m.clients))] }

// tick advances a client's clock, so that its events are in time order.
func (m *model) tick(c *client) int64 {
	c.clock += 1 + m.rng.Int64N(600_000)
	return c.clock
}

// next draws the client's next Normandy or uptake event.
func (m *model) next(c *client) event {
	if !m.schemaValid && m.rng.IntN(100) < 35 {
		return m.uptake(c)
	}
	idx := m.pickStudy()
	for m.schemaValid && m.studies[idx].typ > addonStudy {
		idx = m.pickStudy() // rollouts and Nimbus are undocumented pairs: the schema rejects them
	}
	s := &m.studies[idx]
	if c.enrolled == nil {
		c.enrolled = map[int]*enrollment{}
	}
	en := c.enrolled[idx]
	flawed := m.rng.Float64() < m.flawRate
	if flawed && m.rng.IntN(3) == 0 {
		if e, ok := m.lifecycleFlaw(c, idx); ok {
			return e
		}
	}
	var e event
	if en == nil {
		e = m.start(c, idx, s)
	} else {
		e = m.follow(c, idx, s, en)
	}
	if flawed && !m.schemaValid {
		m.flaw(&e, s)
	}
	return e
}

func (m *model) pickStudy() int {
	n := m.rng.IntN(m.total)
	for i, s := range m.studies {
		if n < s.weight {
			return i
		}
		n -= s.weight
	}
	return len(m.studies) - 1
}

func (m *model) normandy(c *client, method, object, value string, extra obj) event {
	return event{client: c, ts: m.tick(c), category: "normandy", method: method, object: object, value: value, hasValue: true, extra: extra}
}

var (
	actions = []string{"PreferenceExperimentAction", "BranchedAddonStudyAction", "PreferenceRolloutAction",
		"PreferenceRollbackAction", "AddonRolloutAction", "AddonRollbackAction", "ShowHeartbeatAction"}
	runnerStatus = []string{"success", "success", "success", "success", "success", "success", "success", "server_error", "network_error"}
	recipeStatus = []string{"success", "success", "success", "success", "success", "success", "success",
		"success", "success", "success", "backoff", "apply_error", "download_error"}
	recipeConst = map[string]string{"success": "RECIPE_SUCCESS", "apply_error": "RECIPE_EXECUTION_ERROR",
		"download_error": "RECIPE_INVALID_ACTION", "backoff": "RECIPE_DIDNT_MATCH_FILTER"}
	prefReasons  = []string{"recipe-not-seen", "user-preference-changed", "recipe-not-seen", "user-preference-changed-sideload", "individual-opt-out", "general-opt-out", "filter-mismatch"}
	addonReasons = []string{"recipe-not-seen", "uninstalled", "individual-opt-out", "general-opt-out", "install-failure"}
	nimbusReason = []string{"targeting-mismatch", "recipe-not-seen", "bucketing", "individual-opt-out", "studies-opt-out"}
)

// uptake draws an uptake report of the runner, an action or a recipe.
func (m *model) uptake(c *client) event {
	var source, status string
	switch n := m.rng.IntN(10); {
	case n < 3:
		source, status = "normandy/runner", pick(m.rng, runnerStatus)
	case n < 5:
		source, status = "normandy/action/"+pick(m.rng, actions), "success"
	default:
		source = "normandy/recipe/" + itoa(m.studies[m.pickStudy()].recipe)
		status = pick(m.rng, recipeStatus)
	}
	if m.rng.Float64() < m.flawRate/4 {
		status = "signature_error" // what data-collection.rst says, never on the wire
	}
	return event{client: c, ts: m.tick(c), category: uptakeCategory, method: "uptake", object: "normandy",
		value: status, hasValue: true, extra: obj{{"source", source}}}
}

// start draws the first event of a client in a study it is not enrolled
// in: an enrollment, rarely a failed one.
func (m *model) start(c *client, idx int, s *study) event {
	fail := m.rng.IntN(100) < 4 && !m.schemaValid
	switch s.typ {
	case prefStudy:
		if fail {
			return m.normandy(c, "enrollFailed", "preference_study", s.slug, obj{{"reason", pick(m.rng, []string{"name-conflict", "pref-conflict", "invalid-branch"})}})
		}
		en := &enrollment{branch: pick(m.rng, s.branches), enrollmentID: uuid(m.rng)}
		c.enrolled[idx] = en
		return m.normandy(c, "enroll", "preference_study", s.slug, obj{
			{"experimentType", pick(m.rng, []string{"exp", "exp", "exp-highpop"})}, {"branch", en.branch}, {"enrollmentId", en.enrollmentID}})
	case addonStudy:
		if fail && m.rng.IntN(3) == 0 {
			return m.normandy(c, "enrollFailed", "addon_study", s.slug, obj{{"reason", pick(m.rng, []string{"download-failure", "conflicting-addon-id"})}, {"branch", pick(m.rng, s.branches)}})
		}
		en := &enrollment{branch: pick(m.rng, s.branches), enrollmentID: uuid(m.rng), addonVersion: pick(m.rng, addonVersions[:4])}
		c.enrolled[idx] = en
		return m.normandy(c, "enroll", "addon_study", s.slug, obj{
			{"addonId", s.addonID}, {"addonVersion", en.addonVersion}, {"branch", en.branch}, {"enrollmentId", en.enrollmentID}})
	case prefRollout:
		if fail {
			return m.normandy(c, "enrollFailed", "preference_rollout", s.slug, obj{{"reason", pick(m.rng, []string{"conflict", "would-be-no-op"})}, {"preference", s.pref}})
		}
		en := &enrollment{enrollmentID: uuid(m.rng)}
		c.enrolled[idx] = en
		if m.rng.IntN(2) == 0 {
			return m.normandy(c, "enroll", "preference_rollout", s.slug, obj{}) // later Firefox: no extras
		}
		return m.normandy(c, "enroll", "preference_rollout", s.slug, obj{{"enrollmentId", en.enrollmentID}})
	case addonRollout:
		en := &enrollment{addonVersion: pick(m.rng, addonVersions[:3])}
		c.enrolled[idx] = en
		return m.normandy(c, "enroll", "addon_rollout", s.slug, obj{{"addonId", s.addonID}, {"addonVersion", en.addonVersion}})
	default:
		en := &enrollment{branch: pick(m.rng, s.branches)}
		c.enrolled[idx] = en
		return m.normandy(c, "enroll", "nimbus_experiment", s.slug, obj{{"branch", en.branch}, {"experimentType", pick(m.rng, []string{"nimbus", "rollout"})}})
	}
}

// follow draws the next event of an enrolled client: an update or the
// unenrollment that ends the enrollment.
func (m *model) follow(c *client, idx int, s *study, en *enrollment) event {
	n := m.rng.IntN(10)
	switch s.typ {
	case prefStudy:
		if n < 2 && !m.schemaValid {
			return m.normandy(c, "expPrefChanged", "preference_study", s.slug, obj{
				{"preferenceName", s.pref}, {"reason", pick(m.rng, []string{"observer", "sideload"})}, {"enrollmentId", en.enrollmentID}})
		}
		delete(c.enrolled, idx)
		return m.normandy(c, "unenroll", "preference_study", s.slug, obj{
			{"reason", m.reason(prefReasons)}, {"didResetValue", pick(m.rng, []string{"true", "false"})}, {"branch", en.branch}, {"enrollmentId", en.enrollmentID}})
	case addonStudy:
		if n < 3 && !m.schemaValid { // update/addon_study is undocumented: the schema rejects it
			en.addonVersion = pick(m.rng, addonVersions[4:])
			return m.normandy(c, "update", "addon_study", s.slug, obj{
				{"addonId", s.addonID}, {"addonVersion", en.addonVersion}, {"branch", en.branch}, {"enrollmentId", en.enrollmentID}})
		}
		delete(c.enrolled, idx)
		return m.normandy(c, "unenroll", "addon_study", s.name, obj{
			{"addonId", s.addonID}, {"addonVersion", en.addonVersion}, {"reason", m.reason(addonReasons)}, {"branch", en.branch}, {"enrollmentId", en.enrollmentID}})
	case prefRollout:
		switch {
		case n < 3 && !en.graduated:
			return m.normandy(c, "update", "preference_rollout", s.slug, obj{{"previousState", "active"}, {"enrollmentId", en.enrollmentID}})
		case n < 6 && !en.graduated:
			en.graduated = true
			return m.normandy(c, "graduate", "preference_rollout", s.slug, obj{{"reason", pick(m.rng, []string{"all-prefs-match", "in-graduation-set"})}, {"enrollmentId", en.enrollmentID}})
		}
		delete(c.enrolled, idx)
		return m.normandy(c, "unenroll", "preference_rollback", s.slug, obj{{"reason", "rollback"}, {"enrollmentId", en.enrollmentID}})
	case addonRollout:
		if n < 4 {
			en.addonVersion = pick(m.rng, addonVersions[3:])
			return m.normandy(c, "update", "addon_rollout", s.slug, obj{{"addonId", s.addonID}, {"addonVersion", en.addonVersion}})
		}
		delete(c.enrolled, idx)
		return m.normandy(c, "unenroll", "addon_rollback", s.slug, obj{{"reason", "rollback"}})
	default:
		if n < 4 {
			return m.normandy(c, "expose", "nimbus_experiment", s.slug, obj{{"branchSlug", en.branch}, {"featureId", s.feature}})
		}
		delete(c.enrolled, idx)
		return m.normandy(c, "unenroll", "nimbus_experiment", s.slug, obj{{"branch", en.branch}, {"reason", pick(m.rng, nimbusReason)}})
	}
}

// reason draws an unenroll reason; for schema-valid output, only the
// documented ones (the first four of each list).
func (m *model) reason(rs []string) string {
	if m.schemaValid {
		return rs[m.rng.IntN(4)]
	}
	return pick(m.rng, rs)
}

// lifecycleFlaw draws an event that contradicts the client's history of a
// preference study: an unenroll without an enroll, a second enroll, an
// unenroll from another branch. It leaves the client's state as it was.
func (m *model) lifecycleFlaw(c *client, idx int) (event, bool) {
	s := &m.studies[idx]
	kind := m.rng.IntN(3)
	if kind == 0 {
		if s.typ != prefStudy || c.enrolled[idx] != nil {
			return event{}, false
		}
		return m.normandy(c, "unenroll", "preference_study", s.slug, obj{
			{"reason", "recipe-not-seen"}, {"didResetValue", "true"}, {"branch", pick(m.rng, s.branches)}, {"enrollmentId", uuid(m.rng)}}), true
	}
	// A study the client is in, found in study order (never map order, so
	// that the output stays reproducible).
	idx = -1
	for i := range m.studies {
		if en := c.enrolled[i]; en != nil && m.studies[i].typ == prefStudy {
			idx = i
			break
		}
	}
	if idx < 0 {
		return event{}, false
	}
	s, en := &m.studies[idx], c.enrolled[idx]
	if kind == 1 {
		return m.normandy(c, "enroll", "preference_study", s.slug, obj{
			{"experimentType", "exp"}, {"branch", en.branch}, {"enrollmentId", uuid(m.rng)}}), true
	}
	other := s.branches[0]
	if other == en.branch {
		other = s.branches[1]
	}
	delete(c.enrolled, idx)
	return m.normandy(c, "unenroll", "preference_study", s.slug, obj{
		{"reason", "recipe-not-seen"}, {"didResetValue", "false"}, {"branch", other}, {"enrollmentId", en.enrollmentID}}), true
}

// flaw makes one event wrong the way real payloads are wrong.
func (m *model) flaw(e *event, s *study) {
	k := m.rng.IntN(6)
	if e.extra.index("reason") >= 0 && m.rng.IntN(3) == 0 {
		k = 0
	}
	switch k {
	case 0: // a reason no Firefox sends, or "unknown"
		if i := e.extra.index("reason"); i >= 0 {
			if e.object == "preference_study" && e.method == "unenroll" && m.rng.IntN(2) == 0 {
				e.extra[i].val = "unknown"
			} else {
				e.extra[i].val = "recipe-not-found"
			}
			return
		}
		fallthrough
	case 1: // an extra Firefox always sends is missing
		for _, k := range []string{"branch", "didResetValue", "addonVersion", "experimentType", "reason"} {
			if i := e.extra.index(k); i >= 0 {
				e.extra = append(e.extra[:i:i], e.extra[i+1:]...)
				return
			}
		}
	case 2: // an extra key Firefox does not register: it drops the event
		e.extra = append(e.extra[:len(e.extra):len(e.extra)], member{"experimentName", s.slug})
	case 3: // a pair no Firefox registers
		e.object = "branched_addon_study"
		e.method = "enroll"
	case 4: // a slug with whitespace or non-ASCII
		if e.method == "unenroll" && e.object == "addon_study" {
			return // its value is the study's name, which may hold spaces
		}
		e.value = pick(m.rng, []string{e.value + " ", "pré-" + e.value, "my study " + e.value})
	default: // a value Firefox cut at 80 bytes, or an empty slug
		if m.rng.IntN(2) == 0 {
			e.value = ""
		} else {
			for len(e.value) < 80 {
				e.value += "-" + e.value
			}
			e.value = e.value[:80]
		}
	}
}

func (o obj) index(key string) int {
	for i, m := range o {
		if m.key == key {
			return i
		}
	}
	return -1
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
