package cli

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/config"
	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "summarize telemetry for a QA audit: uptake rates, enrollments, findings, spec coverage",
		ArgsUsage: "PATH... (files, directories, quoted globs; - for standard input)",
		Description: `Reads the inputs as check does (same formats and flags) and prints the audit
summary instead of the findings: uptake per source family and source key with
success rates (success of success and failure: a recipe that did not target
the client did not fail) and failures, enrollment figures per study, findings
per rule and their most frequent locations, all of it over time where the
records carry a time, and which documented statuses, events and reasons the
data exercised (docs/report.md). Without --min-coverage or --require (or the
configuration's require) report is not a gate: it exits 0 whatever it found;
with them it exits 1 when the coverage is below the threshold or a required
item did not occur, naming the unseen items on standard error. 2 and 3 mean
what they mean for check.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(audit.Formats, ", ")},
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "file:line examples shown per location group"},
		}, append(gateFlags(), inputFlags()...)...),
		Action: runReport,
	}
}

func runReport(c *cli.Context) error {
	format := c.String("format")
	if !slices.Contains(audit.Formats, format) {
		return usageErr("unknown --format %q (want %s)", format, strings.Join(audit.Formats, ", "))
	}
	if c.Int("examples") < 0 {
		return usageErr("--examples must be 0 or more")
	}
	opts, err := parseInputOptions(c)
	if err != nil {
		return err
	}
	gate, err := parseGate(c, opts.config)
	if err != nil {
		return err
	}
	b := audit.NewBuilder(c.Int("examples"))
	sum, err := runPipeline(c, opts, b, b, format == "text" || format == "markdown", pipelineHooks{})
	if err != nil {
		return err
	}
	writeFailed := false
	if err := audit.Render(c.App.Writer, b.Report(), format); err != nil {
		fmt.Fprintf(c.App.ErrWriter, "normlint: cannot write the report: %s\n", describeWriteError(err))
		writeFailed = true
	}
	return exitStatus(writeFailed, sum.Unreadable > 0, gate.failed(c, b.Report()))
}

// coverageGate is report's gate on spec coverage (--min-coverage,
// --require and the configuration's require).
type coverageGate struct {
	on          bool
	minCoverage float64
	require     []string
}

func gateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.Float64Flag{Name: "min-coverage", Usage: "exit 1 when fewer than P % (0-100) of the documented statuses, events and reasons a clean suite can contain occur in the inputs, naming the unseen ones"},
		&cli.StringSliceFlag{Name: "require", Usage: "exit 1 unless this documented item (status:RECIPE_SUCCESS, event:enroll/preference_study, reason:unenroll/addon_study/individual-opt-out) occurs; repeat it for several"},
	}
}

func parseGate(c *cli.Context, cfg *config.Config) (coverageGate, error) {
	g := coverageGate{minCoverage: c.Float64("min-coverage")}
	if c.IsSet("min-coverage") {
		g.on = true
		if g.minCoverage < 0 || g.minCoverage > 100 || math.IsNaN(g.minCoverage) {
			return g, usageErr("--min-coverage must be between 0 and 100")
		}
	}
	if cfg != nil {
		g.require = append(g.require, cfg.Require...)
	}
	docs := rules.Documented()
	for _, item := range c.StringSlice("require") {
		if !slices.Contains(docs, item) {
			return g, usageErr("--require %q is not a documented status, event or reason%s", item, hint(lint.DidYouMean(item, docs)))
		}
		g.require = append(g.require, item)
	}
	g.on = g.on || len(g.require) > 0
	return g, nil
}

// failed applies the gate to the finished report and says on standard
// error why it failed.
func (g coverageGate) failed(c *cli.Context, r *audit.Report) bool {
	if !g.on {
		return false
	}
	res := r.Gate(g.require)
	failed := false
	w := c.App.ErrWriter
	// Compared without dividing, so that a suite exactly at the
	// threshold passes.
	if c.IsSet("min-coverage") && float64(res.Seen)*100 < g.minCoverage*float64(res.Items) {
		failed = true
		fmt.Fprintf(w, "normlint: spec coverage %.1f %% (%d of %d items) is below --min-coverage %g; not seen:\n", res.Percent, res.Seen, res.Items, g.minCoverage)
		for _, u := range res.Unseen {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
	if len(res.MissingRequired) > 0 {
		failed = true
		fmt.Fprintf(w, "normlint: required items not seen:\n")
		for _, u := range res.MissingRequired {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
	return failed
}

// hint is "; " and a did-you-mean, or "" without one.
func hint(didYouMean string) string {
	if didYouMean == "" {
		return ""
	}
	return "; " + didYouMean
}
