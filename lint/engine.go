package lint

import (
	"fmt"
	"runtime"
)

// Engine runs the catalog over inputs. It is safe to Run once at a time.
type Engine struct {
	cfg     Config
	byID    map[string]*ruleState
	checks  []*ruleState
	streams []*ruleState
	// anchors are the enabled streams' StreamAnchors.
	anchors []func(*Record) []string
	rules   []*Rule
}

type ruleState struct {
	rule *Rule
	sev  Severity
	on   bool
}

// New validates the configuration and prepares an engine.
func New(cfg Config) (*Engine, error) {
	e := &Engine{cfg: cfg, byID: map[string]*ruleState{}}
	groups := map[string]bool{}
	for _, r := range cfg.Rules {
		if _, dup := e.byID[r.ID]; dup {
			return nil, fmt.Errorf("rule %s is defined twice", r.ID)
		}
		st := &ruleState{rule: r, sev: r.Severity, on: !cfg.Disabled[r.ID]}
		if s, ok := cfg.Severity[r.ID]; ok {
			st.sev = s
		}
		e.byID[r.ID] = st
		if r.Check != nil && st.on {
			e.checks = append(e.checks, st)
		}
		if r.NewStream != nil && st.on {
			if r.StreamGroup == "" || !groups[r.StreamGroup] {
				e.streams = append(e.streams, st)
				if r.StreamAnchors != nil {
					e.anchors = append(e.anchors, r.StreamAnchors)
				}
			}
			if r.StreamGroup != "" {
				groups[r.StreamGroup] = true
			}
		}
		eff := *r
		eff.Severity = st.sev
		e.rules = append(e.rules, &eff)
	}
	for _, id := range []string{RuleParseError, RuleUnrecognizedInput, RuleMalformedRecord, RuleNoNormandyRecords, RuleInvalidHistogram} {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("the catalog lacks the engine rule %s", id)
		}
	}
	for id := range cfg.Severity {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	for id := range cfg.Disabled {
		if e.byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	if cfg.Format != "" && e.adapter(cfg.Format) == nil {
		return nil, fmt.Errorf("unknown input format %q", cfg.Format)
	}
	if e.cfg.Workers <= 0 {
		e.cfg.Workers = runtime.GOMAXPROCS(0)
	}
	return e, nil
}

// adapter returns the adapter of a format name, or nil.
func (e *Engine) adapter(name string) Adapter {
	for _, a := range e.cfg.Adapters {
		if a.Name() == name {
			return a
		}
	}
	return nil
}
