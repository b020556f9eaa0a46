package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/audit"
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
data exercised (docs/report.md). report is not a gate: it exits 0 whatever it
found; 2 and 3 mean what they mean for check.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(audit.Formats, ", ")},
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "file:line examples shown per location group"},
		}, inputFlags()...),
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
	return exitStatus(writeFailed, sum.Unreadable > 0, false)
}
