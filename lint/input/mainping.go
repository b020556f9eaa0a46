package input

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/normlint/normlint/lint"
)

// uptakeHistogram is the keyed categorical histogram that carried uptake
// before (and beside) the uptake event.
const uptakeHistogram = "UPTAKE_REMOTE_CONTENT_RESULT_1"

// histogramLabels are UPTAKE_REMOTE_CONTENT_RESULT_1's labels in bucket
// order (toolkit/components/telemetry/Histograms.json, see
// docs/telemetry-reference.md §2.5; not the order of UptakeTelemetry's
// STATUS list).
var histogramLabels = [...]string{
	"up_to_date", "success", "backoff", "pref_disabled", "parse_error", "content_error",
	"sign_error", "sign_retry_error", "conflict_error", "sync_error", "apply_error", "server_error",
	"certificate_error", "download_error", "timeout_error", "network_error", "offline_error", "cleanup_error",
	"unknown_error", "custom_1_error", "custom_2_error", "custom_3_error", "custom_4_error", "custom_5_error",
}

// categoricalHistogram is Telemetry's histogram_type for categorical
// histograms.
const categoricalHistogram = 5

// MainPing reads the Telemetry "main" ping: events of every process
// (payload.processes.<process>.events, including "dynamic", where
// runtime-registered Normandy events lived) and uptake from the keyed
// histogram UPTAKE_REMOTE_CONTENT_RESULT_1, in the parent's
// payload.keyedHistograms and under payload.processes.<process>.
type MainPing struct{}

// Name implements lint.Adapter.
func (MainPing) Name() string { return "main-ping" }

// Describe implements lint.Adapter.
func (MainPing) Describe() string {
	return `a Telemetry main ping ({"type": "main", "payload": {...}})`
}

// Detect implements lint.Adapter.
func (MainPing) Detect(v any) bool {
	typ, ok := isPing(v)
	return ok && typ == "main"
}

// Extract implements lint.Adapter.
func (a MainPing) Extract(v any, x *lint.Extraction) {
	o := v.(*lint.Object)
	// The ping's envelope is checked once, with its first Normandy record.
	defer x.SetEnvelope(x.Len(), &lint.Envelope{Format: a.Name(), Value: o})
	defer x.SetContext(x.Len(), (*pingCtx)(o))
	ctx := pingContext(o)
	payload, ok := o.Get("payload")
	if !ok {
		return // valid (the pipeline accepts it), and holds nothing of ours
	}
	p, ok := payload.(*lint.Object)
	if !ok {
		x.Malformed(a.Name(), "/payload", false, fmt.Sprintf("a main ping's payload is %s; expected an object", lint.Describe(payload)), "")
		return
	}
	for i, name := range p.Names {
		base := lint.JoinPointer("/payload", name)
		switch name {
		case "keyedHistograms":
			extractKeyedHistograms(p.Values[i], a.Name(), base, ctx, x)
		case "processes":
			procs, ok := p.Values[i].(*lint.Object)
			if !ok {
				x.Malformed(a.Name(), base, false, fmt.Sprintf("payload.processes is %s; expected an object keyed by process", lint.Describe(p.Values[i])), "")
				continue
			}
			for j, proc := range procs.Names {
				pbase := lint.JoinPointer(base, proc)
				po, ok := procs.Values[j].(*lint.Object)
				if !ok {
					continue // not Normandy's concern: nothing of ours can be in it
				}
				pctx := ctx
				pctx.process = proc
				for k, section := range po.Names {
					switch section {
					case "events":
						extractEventList(po.Values[k], a.Name(), lint.JoinPointer(pbase, "events"), pctx, x)
					case "keyedHistograms":
						extractKeyedHistograms(po.Values[k], a.Name(), lint.JoinPointer(pbase, "keyedHistograms"), pctx, x)
					}
				}
			}
		}
	}
}

// pingContext reads what every record of a Telemetry ping shares.
func pingContext(o *lint.Object) tupleContext {
	ctx := tupleContext{}
	ctx.clientID, _ = o.String("clientId")
	if s, ok := o.String("creationDate"); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			ctx.time, ctx.hasTime = t.UnixMilli(), true
			ctx.at = ctx.time
		}
	}
	return ctx
}

// extractKeyedHistograms reads the uptake histogram, if present, from a
// keyedHistograms object.
func extractKeyedHistograms(v any, format, base string, ctx tupleContext, x *lint.Extraction) {
	kh, ok := v.(*lint.Object)
	if !ok {
		return
	}
	h, ok := kh.Get(uptakeHistogram)
	if !ok {
		return
	}
	hbase := lint.JoinPointer(base, uptakeHistogram)
	keyed, ok := h.(*lint.Object)
	if !ok {
		x.Invalid(format, lint.RuleInvalidHistogram, hbase, false,
			fmt.Sprintf("%s is %s; expected an object mapping each source key to its histogram", uptakeHistogram, lint.Describe(h)), "")
		return
	}
	for i, source := range keyed.Names {
		if !strings.HasPrefix(source, "normandy") {
			x.Skip(format) // uptake of another component
			continue
		}
		extractHistogram(keyed.Values[i], source, format, lint.JoinPointer(hbase, source), ctx, x)
	}
}

// extractHistogram turns one source's categorical histogram into uptake
// records: one per non-empty bucket, counted by the bucket's value.
func extractHistogram(v any, source, format, base string, ctx tupleContext, x *lint.Extraction) {
	hist, ok := v.(*lint.Object)
	if !ok {
		x.Invalid(format, lint.RuleInvalidHistogram, base, false,
			fmt.Sprintf("the histogram of %s is %s; expected a histogram object", source, lint.Describe(v)), "")
		return
	}
	if t, ok := hist.Get("histogram_type"); ok && t != float64(categoricalHistogram) {
		x.Invalid(format, lint.RuleInvalidHistogram, base+"/histogram_type", false,
			fmt.Sprintf("histogram_type is %s; %s is categorical (5), so its buckets cannot be read as statuses", lint.Describe(t), uptakeHistogram), "")
		return
	}
	values, ok := hist.Get("values")
	if !ok {
		x.Invalid(format, lint.RuleInvalidHistogram, base, false,
			fmt.Sprintf("the histogram of %s has no values: expected {\"<bucket index>\": count, ...}", source), "")
		return
	}
	buckets, ok := values.(*lint.Object)
	if !ok {
		x.Invalid(format, lint.RuleInvalidHistogram, base+"/values", false,
			fmt.Sprintf("values is %s; expected an object mapping bucket indexes to counts", lint.Describe(values)), "")
		return
	}
	for i, idx := range buckets.Names {
		ptr := lint.JoinPointer(base+"/values", idx)
		n, err := strconv.Atoi(idx)
		if err != nil || n < 0 || strings.TrimLeft(idx, "0123456789") != "" {
			x.Invalid(format, lint.RuleInvalidHistogram, ptr, true,
				fmt.Sprintf("bucket %s is not a bucket index; expected an integer from 0 to %d", lint.Quote(idx), len(histogramLabels)-1), "")
			continue
		}
		count, isNum := buckets.Values[i].(float64)
		if !isNum || count < 0 || count != math.Trunc(count) {
			x.Invalid(format, lint.RuleInvalidHistogram, ptr, false,
				fmt.Sprintf("bucket %d of %s holds %s; expected a count, an integer of 0 or more", n, source, lint.Describe(buckets.Values[i])), "")
			continue
		}
		if n >= len(histogramLabels) {
			x.Invalid(format, lint.RuleInvalidHistogram, ptr, true,
				fmt.Sprintf("bucket %d is past the histogram's %d labels (0 %s to %d %s)", n, len(histogramLabels),
					histogramLabels[0], len(histogramLabels)-1, histogramLabels[len(histogramLabels)-1]), "")
			continue
		}
		if count == 0 {
			continue // zero-count buckets may appear; they record nothing
		}
		loc := &fieldLoc{
			fields: map[string]string{"source": base, "status": ptr},
			keyed:  map[string]bool{"source": true, "status": true},
		}
		r := &lint.Record{Kind: lint.KindUptake, Format: format, Loc: loc, ClientID: ctx.clientID, Process: ctx.process,
			Source: lint.StrField(source), Status: lint.StrField(histogramLabels[n]),
			Timestamp: ctx.time, HasTimestamp: ctx.hasTime, At: ctx.at, Count: int(min(count, math.MaxInt32))}
		x.Record(r)
	}
}
