package rules

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/normlint/normlint/lint"
)

// What glean.1 (mozilla-pipeline-schemas) requires of the parts of a Glean
// ping that normlint reads. Written from the schema's facts, see
// PipelineReject's documentation.

// clientInfoRequired are the members client_info must have, all strings.
var clientInfoRequired = []string{"app_build", "app_display_version", "architecture", "first_run_date", "os", "os_version", "telemetry_sdk_build"}

// gleanEventMembers are the only members a Glean event may have.
var gleanEventMembers = []string{"timestamp", "category", "name", "extra", "session"}

// gleanExtraKeyMax is the longest extra name, in characters, the schema
// accepts.
const gleanExtraKeyMax = 40

// checkGleanPing checks a Glean ping's ping_info, client_info and events.
func checkGleanPing(c *envelopeCheck, o *lint.Object) {
	c.checkRequired(o, "", []string{"ping_info", "client_info"})
	if v, ok := o.Get("ping_info"); ok {
		if pi, ok := v.(*lint.Object); ok {
			c.checkRequired(pi, "/ping_info", []string{"seq", "start_time", "end_time"})
			c.checkInteger(pi, "/ping_info", "seq", false, math.Inf(-1))
			c.checkString(pi, "/ping_info", "start_time", false, nil, "a string")
			c.checkString(pi, "/ping_info", "end_time", false, nil, "a string")
		} else {
			c.fault("/ping_info", false, "ping_info is "+lint.Describe(v), "an object with seq, start_time and end_time")
		}
	}
	if v, ok := o.Get("client_info"); ok {
		if ci, ok := v.(*lint.Object); ok {
			c.checkRequired(ci, "/client_info", clientInfoRequired)
			for _, name := range clientInfoRequired {
				c.checkString(ci, "/client_info", name, false, nil, "a string")
			}
			c.checkUUID(ci, "/client_info", "client_id", false)
		} else {
			c.fault("/client_info", false, "client_info is "+lint.Describe(v), "an object with "+joinNames(clientInfoRequired))
		}
	}
	v, ok := o.Get("events")
	if !ok {
		return
	}
	events, ok := v.([]any)
	if !ok {
		return // malformed-record's
	}
	for i, e := range events {
		ev, ok := e.(*lint.Object)
		if !ok {
			continue // malformed-record's
		}
		if !gleanEventAccepted(ev) {
			checkGleanEvent(c, ev, lint.IndexPointer("/events", i))
		}
	}
}

func checkGleanEvent(c *envelopeCheck, ev *lint.Object, base string) {
	c.checkClosed(ev, base, gleanEventMembers)
	c.checkRequired(ev, base, []string{"timestamp", "category", "name"})
	c.checkInteger(ev, base, "timestamp", false, 0)
	c.checkString(ev, base, "category", false, nil, "a string")
	c.checkString(ev, base, "name", false, nil, "a string")
	v, ok := ev.Get("extra")
	if !ok {
		return
	}
	ptr := base + "/extra"
	extra, ok := v.(*lint.Object)
	if !ok {
		c.fault(ptr, false, "an event's extra is "+lint.Describe(v), "an object of string values")
		return
	}
	for i, k := range extra.Names {
		kptr := lint.JoinPointer(ptr, k)
		if n := utf8.RuneCountInString(k); n > gleanExtraKeyMax {
			c.fault(kptr, true, fmt.Sprintf("extra name %s has %d characters", lint.Quote(k), n), fmt.Sprintf("extra names of at most %d characters", gleanExtraKeyMax))
		}
		if !envIsString(extra.Values[i]) {
			c.fault(kptr, false, fmt.Sprintf("extra %s is %s", lint.Quote(k), lint.Describe(extra.Values[i])), "extra values that are strings (not null)")
		}
	}
}

// gleanEventAccepted reports whether the schema accepts ev: what
// checkGleanEvent checks, without saying where it fails, so that a valid
// event costs no pointer.
func gleanEventAccepted(ev *lint.Object) bool {
	seen := 0
	for i, name := range ev.Names {
		v := ev.Values[i]
		switch name {
		case "timestamp":
			if !envIsInteger(v) || v.(float64) < 0 {
				return false
			}
			seen++
		case "category", "name":
			if !envIsString(v) {
				return false
			}
			seen++
		case "extra":
			extra, ok := v.(*lint.Object)
			if !ok {
				return false
			}
			for j, k := range extra.Names {
				if !envIsString(extra.Values[j]) || utf8.RuneCountInString(k) > gleanExtraKeyMax {
					return false
				}
			}
		case "session":
		default:
			return false
		}
	}
	return seen == 3
}
