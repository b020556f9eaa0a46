package rules

import (
	"strings"

	"github.com/normlint/normlint/lint"
)

// The lifecycle stream follows each study through a client's records. The
// rules it reports under (unenroll-without-enroll, duplicate-enroll,
// branch-mismatch, addon-mismatch, event-after-unenroll) register in their
// own files with NewStream newLifecycle and StreamGroup lifecycleGroup.
// Their examples hold several records on one line (a JSON array of
// hand-written records, or one ping).

// lifecycleGroup is the stream group of the rules that follow each study
// through a client's records.
const lifecycleGroup = "lifecycle"

// DefaultMaxLifecyclePairs is how many (client, study) pairs the lifecycle
// remembers when the run sets no bound (--max-lifecycle-pairs): about 60
// MB of state (docs/memory.md).
const DefaultMaxLifecyclePairs = 1000000

// lifecycle is the state of one run's lifecycle checks: every pair's
// StudyState in a compact store, bounded, the oldest pair forgotten first.
type lifecycle struct {
	store *pairStore
	// seen holds the fingerprints of the events read (duplicate-event);
	// mirror the enrollments seen in each pipeline (mirrored-pipelines).
	seen, mirror *boundedSet
	mirrored     bool
	seenFull     bool
	// lastDoc is the document whose annotations were judged last: the
	// rows of one ping carry the same ones.
	lastDoc string
	// docCtx is the ping or row whose document docID and docDigest are.
	docCtx    lint.Context
	docID     string
	docDigest uint64
	docSeq    int
	// unenrolledHere are the studies the ping or row docCtx unenrolls
	// from: its annotations are judged against earlier records' word
	// on them, not its own.
	unenrolledHere []string
	// slugs are the slugs of the studies the lifecycle follows: an
	// annotation of another study is not looked up. annBuf is reused to
	// read annotations.
	slugs  map[string]struct{}
	annBuf []lint.Annotation
}

func newLifecycle() lint.Stream {
	return &lifecycle{}
}

// studyIdentity names the study an event is about. Add-on studies are
// paired by addonId: the spec gives the unenroll value as
// recipe.arguments.name while enroll carries the slug. Rollbacks end
// rollouts, so a rollback shares its rollout's identity.
func studyIdentity(r *lint.Record) (string, bool) {
	object, _ := r.Str("object")
	slug, _ := r.Str("value")
	switch object {
	case "addon_study":
		if id, ok := r.ExtraStr("addonId"); ok && id != "" && id != "__NO_ADDON__" {
			return "addon_study addonId " + id, true
		}
		if slug == "" {
			return "", false
		}
		return "addon_study " + slug, true
	case "preference_rollback":
		object = "preference_rollout"
	case "addon_rollback":
		object = "addon_rollout"
	}
	if slug == "" || object == "" {
		return "", false
	}
	return object + " " + slug, true
}

// Record implements lint.Stream.
func (l *lifecycle) Record(p *lint.StreamPass, r *lint.Record) {
	if l.store == nil {
		n := p.MaxLifecyclePairs()
		if n <= 0 {
			n = DefaultMaxLifecyclePairs
		}
		l.store = newPairStore(n)
		l.seen, l.mirror = newBoundedSet(n), newBoundedSet(n)
	}
	if l.repeated(p, r) {
		return
	}
	if r.LastOfContext() {
		// The ping's annotations are judged once its events are followed.
		defer l.annotations(p, r)
	}
	ev, ok := LifecycleEventOf(r)
	if !ok {
		return
	}
	l.mirrors(p, r, &ev)
	if _, ok := l.slugs[ev.Slug]; !ok {
		if l.slugs == nil {
			l.slugs = map[string]struct{}{}
		}
		// A copy: the record's strings may hold its input alive.
		l.slugs[strings.Clone(ev.Slug)] = struct{}{}
	}
	if ev.Method == "unenroll" && r.Ctx != nil {
		l.document(r)
		l.unenrolledHere = append(l.unenrolledHere, ev.Study)
	}
	client := clientOf(p, r)
	s := l.store
	i := -1
	var st StudyState
	if k, ok := s.keyOf(client, ev.Study, r.Glean, false); ok {
		if i = s.find(k); i >= 0 {
			st = s.load(i)
		}
	}
	report := func(f LifecycleFinding) { p.ReportRule(f.Rule, f.Pointer, f.Message, f.Hint, f.Related...) }
	before := st
	if !step(&st, i >= 0, &ev, p, s.forgot == 0, report) || (i >= 0 && st == before) {
		return
	}
	if i < 0 {
		k, _ := s.keyOf(client, ev.Study, r.Glean, true)
		var forgot bool
		i, forgot = s.add(k)
		if forgot {
			p.ForgetPairs(1)
			if s.forgot == 1 {
				p.ReportRule(LifecycleLimit, atMethod, limitMessage(s.max), limitHint)
			}
		}
	}
	s.save(i, &st)
}

// clientOf is the client a record's lifecycle is keyed by: its own client
// ID (with r.Glean, the pair store tells a Glean ID from a legacy one).
func clientOf(p *lint.StreamPass, r *lint.Record) string {
	if r.ClientID == "" {
		// Records without a client are one client per file.
		return "\x00file " + p.File()
	}
	return r.ClientID
}

// The places the lifecycle may point back to, by what the event can be.
var (
	anchorsEnroll       = []string{atMethod}
	anchorsEnrollBranch = []string{atMethod, atBranch}
	anchorsEnrollAddon  = []string{atMethod, atAddonVersion}
	anchorsUnenroll     = []string{atMethod}
)

// lifecycleAnchors names the places of an event that a later finding may
// point back to: an enrollment (and the branch or add-on version it
// reports), an unenrollment. The workers work them out ahead.
func lifecycleAnchors(r *lint.Record) []string {
	if r.Kind != lint.KindEvent {
		return nil
	}
	method, _ := r.Str("method")
	switch method {
	case "enroll":
		object, _ := r.Str("object")
		switch object {
		case "preference_study", "nimbus_experiment":
			if _, ok := r.ExtraStr("branch"); ok {
				return anchorsEnrollBranch
			}
		case "addon_study":
			if _, ok := r.ExtraStr("addonVersion"); ok {
				return anchorsEnrollAddon
			}
		}
		return anchorsEnroll
	case "unenroll":
		return anchorsUnenroll
	}
	return nil
}
