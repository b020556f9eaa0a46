package rules

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/normlint/normlint/lint"
)

// PipelineReject is the ID of the rule against pings whose envelope
// Mozilla's ingestion would reject, losing their Normandy records.
const PipelineReject = "pipeline-reject"

func init() {
	register(&lint.Rule{
		ID:       PipelineReject,
		Severity: lint.SeverityWarning,
		Summary:  "a ping whose envelope Mozilla's ingestion would reject: its Normandy records never reach BigQuery",
		Check:    checkPipelineReject,
		// The errors that name the same member already fail the gate and
		// say what to write instead; a warning beside them would only
		// count the fault twice (and yielding the other way would let a
		// warning stand in for an error).
		Yields: []string{ExtraNotString, InvalidHistogram, MalformedRecord},
		Doc: lint.Doc{
			Rationale: `A ping as Firefox submits it (a legacy event or main ping, a Glean ping)
whose envelope breaks the ping type's schema in mozilla-pipeline-schemas:
Mozilla's ingestion validates every ping against that schema and sends a
ping that fails to the error stream, whole. None of its events reaches
BigQuery, so every Normandy record in it is lost, however valid each one
is. The finding points at the offending member and says how many of the
ping's Normandy records (as the summary counts them) would be lost.

It checks the parts normlint reads, as each schema states them. Event and
main pings: type (normlint tells an event or main ping by it, so it
holds whenever the rule runs), id (a UUID), clientId (a UUID; required in
main pings, optional in event pings), creationDate (YYYY-MM-DDThh:mm:ss.sssZ), version
(4), application (an object of strings with no other members than
architecture, buildId, channel, displayVersion, name, platformVersion,
vendor, version and xpcomAbi, all but displayVersion required; buildId
starts with 10 digits, the versions with 2 or 3 digits and a dot); the
event lists of the processes the schemas name (parent, content, dynamic,
extension, gpu, socket): tuples of 4 to 6 items, an integer, three strings,
a string or null, an object or null whose values are strings or null; in
main pings payload.processes (parent required, with scalars) and the uptake
histogram UPTAKE_REMOTE_CONTENT_RESULT_1, of every source key: no members
beyond bucket_count, histogram_type, log_sum, log_sum_squares, range, sum,
sum_squares_hi, sum_squares_lo and values, integer counts ≥ 0 under
decimal bucket indexes, sum an integer ≥ 0. Glean pings: ping_info with
seq (an integer), start_time and end_time (strings); client_info with
app_build, app_display_version, architecture, first_run_date, os,
os_version and telemetry_sdk_build (strings) and client_id a UUID where
present; events that are objects with no members beyond timestamp,
category, name, extra and session, a timestamp (an integer ≥ 0), category
and name (strings), and an extra of string values under names of at most
40 characters. A number written as 5.0 is taken for the integer 5.

The whole ping is checked, other categories' events included: a search
event with a numeric extra loses the ping's Normandy events as surely as a
Normandy one. It is checked once, with its first Normandy record; a ping
that holds none is not checked (no Normandy record to lose). Table rows
(telemetry.events, events_stream, raw ping tables), tuples and hand-written
records are never checked: a row was accepted already. A Glean-shaped
object with submission_timestamp or metadata (which only the pipeline
adds), an extra written as a list of {key, value} pairs, or a seq written
as a string is such a row. Client IDs and document IDs are never shown.

Where extra-not-string, invalid-histogram or malformed-record reports the
same member (a Normandy event's numeric extra, a negative bucket count of
a normandy/ source, an event list that is not a list), that error wins and
this warning is dropped: the error already fails the gate and says what to
write instead, and the ping's loss follows from it. The members no
Normandy rule reads (the envelope, other categories' events, the uptake
histograms of other sources, a histogram's sum) are this rule's alone.`,
			Spec: "mozilla-pipeline-schemas (github.com/mozilla-services/mozilla-pipeline-schemas, commit 88a4adfc5ad7): schemas/telemetry/event/event.4.schema.json, schemas/telemetry/main/main.4.schema.json, schemas/glean/glean/glean.1.schema.json; docs/telemetry-reference.md §5.1 (legacy event ping), §5.2 (main ping), §5.3 (Glean events ping)",
			Firefox: `Firefox itself sends valid envelopes: a ping that fails was written by
hand, rebuilt by a tool or edited. The constraints apply to the event ping
(Firefox 62 on), the main ping (Normandy's events until Firefox 61, its
uptake histograms in the eras invalid-histogram names) and the Glean events
ping (Normandy's from Firefox 132). Legacy event timestamps may be negative
(accepted since 2020-01-07).`,
			Bad:  `{"type": "event", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2021-03-04T12:00:00Z", "version": 4, "application": {"architecture": "x86-64", "buildId": "20210301000000", "channel": "release", "name": "Firefox", "platformVersion": "86.0", "version": "86.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"events": {"parent": [[1200, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
			Good: `{"type": "event", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2021-03-04T12:00:00.000Z", "version": 4, "application": {"architecture": "x86-64", "buildId": "20210301000000", "channel": "release", "name": "Firefox", "platformVersion": "86.0", "version": "86.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"events": {"parent": [[1200, "normandy", "enroll", "preference_study", "pref-test-slug", {"branch": "control", "experimentType": "exp"}]]}}}`,
		},
	})
}

// envelopeFault is one member of a ping that its schema rejects.
type envelopeFault struct {
	ptr  string
	key  bool // the member's name is the fault
	what string
	want string
}

// envelopeCheck collects the faults of one ping.
type envelopeCheck struct {
	schema string // the schema file, for hints
	faults []envelopeFault
}

func (c *envelopeCheck) fault(ptr string, key bool, what, want string) {
	c.faults = append(c.faults, envelopeFault{ptr: ptr, key: key, what: what, want: want})
}

// pingKinds names the ping each adapter reads, and its schema.
var pingKinds = map[string]struct{ name, schema string }{
	"event-ping": {"event ping", "schemas/telemetry/event/event.4.schema.json"},
	"main-ping":  {"main ping", "schemas/telemetry/main/main.4.schema.json"},
	"glean":      {"Glean ping", "schemas/glean/glean/glean.1.schema.json"},
}

func checkPipelineReject(p *lint.Pass, r *lint.Record) {
	env := r.Envelope
	if !env.First(r) {
		return
	}
	kind, ok := pingKinds[env.Format]
	if !ok || isTableRow(env.Value) {
		return
	}
	c := &envelopeCheck{schema: kind.schema}
	switch env.Format {
	case "event-ping":
		checkLegacyPing(c, env.Value, false)
	case "main-ping":
		checkLegacyPing(c, env.Value, true)
	case "glean":
		checkGleanPing(c, env.Value)
	}
	if len(c.faults) == 0 {
		return
	}
	records := "records"
	if env.Normandy == 1 {
		records = "record"
	}
	lost := fmt.Sprintf("its %d Normandy %s would never reach BigQuery", env.Normandy, records)
	for _, f := range c.faults {
		p.ReportInput(f.ptr, f.key, fmt.Sprintf("ingestion would reject this %s: %s; %s", kind.name, f.what, lost),
			fmt.Sprintf("%s expects %s", c.schema, f.want))
	}
}

// isTableRow tells a row of a Glean table, which the pipeline accepted
// already, from a Glean ping as submitted, which the schema closes: only a
// row has the pipeline's columns, extras as {key, value} lists, or a seq
// written as an INT64 string.
func isTableRow(o *lint.Object) bool {
	if o.Has("submission_timestamp") || o.Has("metadata") {
		return true
	}
	if pi, ok := envMember[*lint.Object](o, "ping_info"); ok {
		if _, ok := envMember[string](pi, "seq"); ok {
			return true
		}
	}
	events, _ := envMember[[]any](o, "events")
	for _, e := range events {
		if ev, ok := e.(*lint.Object); ok {
			if _, ok := envMember[[]any](ev, "extra"); ok {
				return true
			}
		}
	}
	return false
}

// member returns o's member called name when it has type T.
func envMember[T any](o *lint.Object, name string) (T, bool) {
	v, _ := o.Get(name)
	t, ok := v.(T)
	return t, ok
}

// uuidPattern is the schemas' pattern for id, clientId and client_id.
var uuidPattern = regexp.MustCompile(`^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$`)

const wantUUID = "a UUID (8-4-4-4-12 hexadecimal digits)"

// wrong reports the value v at ptr, which should be want.
func (c *envelopeCheck) wrong(ptr string, v any, want string) {
	c.fault(ptr, false, fmt.Sprintf("%s is %s", envDotted(ptr), lint.Describe(v)), want)
}

// checkUUID checks an identifier without ever showing it: a client ID is
// personal data, and a document ID names one client's ping.
func (c *envelopeCheck) checkUUID(o *lint.Object, base, name string, required bool) {
	v, ok := o.Get(name)
	switch {
	case !ok:
		if required {
			c.fault(base, false, envDotted(base)+" has no "+name, name+" "+wantUUID)
		}
	case !envIsString(v):
		c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is %s", name, lint.TypeName(v)), wantUUID)
	case !uuidPattern.MatchString(v.(string)):
		c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is not a UUID (a string of %d %s, not shown: an identifier)", name, len(v.(string)), bytesWord(len(v.(string)))), wantUUID)
	}
}

// checkString checks a member that must be a string (matching re when it
// is not nil); a missing one is a fault when required.
func (c *envelopeCheck) checkString(o *lint.Object, base, name string, required bool, re *regexp.Regexp, want string) {
	v, ok := o.Get(name)
	switch {
	case !ok:
		if required {
			c.fault(base, false, fmt.Sprintf("%s has no %s", envDotted(base), name), fmt.Sprintf("%s: %s", name, want))
		}
	case !envIsString(v):
		c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is %s", envDotted(lint.JoinPointer(base, name)), lint.Describe(v)), want)
	case re != nil && !re.MatchString(v.(string)):
		c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is %s", envDotted(lint.JoinPointer(base, name)), lint.Describe(v)), want)
	}
}

// checkInteger checks a member that must be an integer of at least min
// when present.
func (c *envelopeCheck) checkInteger(o *lint.Object, base, name string, required bool, minimum float64) {
	v, ok := o.Get(name)
	want := "an integer"
	if minimum == 0 {
		want = "an integer of 0 or more"
	}
	// minimum is -Inf for an integer of any sign.
	switch {
	case !ok:
		if required {
			c.fault(base, false, fmt.Sprintf("%s has no %s", envDotted(base), name), name+": "+want)
		}
	case !envIsInteger(v) || v.(float64) < minimum:
		c.fault(lint.JoinPointer(base, name), false, fmt.Sprintf("%s is %s", envDotted(lint.JoinPointer(base, name)), lint.Describe(v)), want)
	}
}

// checkRequired reports the required members an object lacks, in one
// fault at the object.
func (c *envelopeCheck) checkRequired(o *lint.Object, base string, names []string) {
	var missing []string
	for _, n := range names {
		if !o.Has(n) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		c.fault(base, false, fmt.Sprintf("%s has no %s", envDotted(base), strings.Join(missing, ", ")),
			fmt.Sprintf("%s to have %s", envDotted(base), strings.Join(names, ", ")))
	}
}

// checkClosed reports the members of o that are not in known, at their
// names.
func (c *envelopeCheck) checkClosed(o *lint.Object, base string, known []string) {
	for _, n := range o.Names {
		if !slices.Contains(known, n) {
			c.fault(lint.JoinPointer(base, n), true, fmt.Sprintf("%s has a member %s", envDotted(base), lint.Quote(n)), "no members beyond "+joinNames(known))
		}
	}
}

func envIsString(v any) bool {
	_, ok := v.(string)
	return ok
}

// isInteger reports whether v is a JSON number with no fraction. The
// decoded value cannot tell 5.0 from 5: both are taken for integers.
func envIsInteger(v any) bool {
	f, ok := v.(float64)
	return ok && f == math.Trunc(f) && !math.IsInf(f, 0)
}

// envDotted names an input pointer for a message: payload.events.parent.0.5,
// or from the uptake histogram on, UPTAKE_REMOTE_CONTENT_RESULT_1["normandy/runner"].sum
// (a source key holds slashes).
func envDotted(ptr string) string {
	toks := lint.SplitPointer(ptr)
	if len(toks) == 0 {
		return "the ping"
	}
	i := slices.Index(toks, uptakeHistogramName)
	if i < 0 || i+1 >= len(toks) {
		return strings.Join(toks, ".")
	}
	name := uptakeHistogramName + "[" + lint.Quote(toks[i+1]) + "]"
	return strings.Join(append([]string{name}, toks[i+2:]...), ".")
}

func bytesWord(n int) string {
	if n == 1 {
		return "byte"
	}
	return "bytes"
}

// joinNames lists member names for a hint.
func joinNames(names []string) string { return strings.Join(names, ", ") }
