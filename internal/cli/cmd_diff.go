package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/audit"
	"github.com/normlint/normlint/diff"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "what changed between two captures: findings, uptake rates, enrollments, spec coverage",
		ArgsUsage: "--old PATH... --new PATH...  |  --reports OLD.json NEW.json",
		Description: `Reads each side as report does (same formats, configuration and waivers)
and compares the two audit reports (docs/diff.md): findings matched by
fingerprint whatever the file, success rates per family and source with a
two-proportion test (99 % confidence, Holm-corrected, a minimum change),
enrollment shifts per study, spec coverage and undocumented values.
--old and --new may be repeated and each takes the paths that follow it;
after -- every argument is a path of the side named last. --reports compares
two report --format json files instead (for exports too large for one
machine: merged reports of shards). Exits 0 unless --fail-on names a kind of
regression that was found (new-findings, uptake-drop, unknown-reasons), then
1; 2 and 3 mean what they mean for check.`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "old", Usage: "the old side's paths (repeatable; the paths after it are the old side's too)"},
			&cli.StringSliceFlag{Name: "new", Usage: "the new side's paths (repeatable; the paths after it are the new side's too)"},
			&cli.BoolFlag{Name: "reports", Usage: "compare two report --format json files, OLD.json NEW.json, instead of telemetry"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(diff.Formats, ", ")},
			&cli.StringSliceFlag{Name: "fail-on", Usage: "exit 1 when this kind of regression is found: " + strings.Join(diff.Regressions, ", ") + " (repeatable, or comma-separated)"},
			&cli.Float64Flag{Name: "min-change", Value: 2, Usage: "smallest change of a success rate, in percentage points, that is flagged"},
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "file:line examples kept per location group (as report's)"},
		}, inputFlags()...),
		Action: runDiff,
	}
}

func runDiff(c *cli.Context) error {
	format := c.String("format")
	if !slices.Contains(diff.Formats, format) {
		return usageErr("unknown --format %q (want %s)", format, strings.Join(diff.Formats, ", "))
	}
	var failOn []string
	for _, v := range c.StringSlice("fail-on") {
		for _, k := range strings.Split(v, ",") {
			if !slices.Contains(diff.Regressions, k) {
				return usageErr("unknown --fail-on %q (want %s)", k, strings.Join(diff.Regressions, ", "))
			}
			failOn = append(failOn, k)
		}
	}
	minChange := c.Float64("min-change")
	if minChange < 0 || minChange > 100 || math.IsNaN(minChange) {
		return usageErr("--min-change must be between 0 and 100 (percentage points)")
	}
	if c.Int("examples") < 0 {
		return usageErr("--examples must be 0 or more")
	}
	old, cur, unreadable, err := diffSides(c)
	if err != nil {
		return err
	}
	res := diff.Compare(old, cur, diff.Options{MinChange: minChange / 100})
	writeFailed := false
	if err := diff.Render(c.App.Writer, res, format); err != nil {
		fmt.Fprintf(c.App.ErrWriter, "normlint: cannot write the diff: %s\n", describeWriteError(err))
		writeFailed = true
	}
	failed := false
	for _, k := range failOn {
		failed = failed || res.Regression[k] > 0
	}
	return exitStatus(writeFailed, unreadable, failed)
}

// diffSides reads both sides into reports: from telemetry (--old, --new)
// or from report JSON files (--reports).
func diffSides(c *cli.Context) (old, cur *audit.Report, unreadable bool, err error) {
	oldPaths, newPaths, args := c.StringSlice("old"), c.StringSlice("new"), c.Args().Slice()
	if c.Bool("reports") {
		if len(oldPaths)+len(newPaths) > 0 || len(args) != 2 {
			return nil, nil, false, usageErr("diff --reports takes two report files, OLD.json NEW.json, and no --old or --new")
		}
		old, err1 := readReport(c, args[0])
		cur, err2 := readReport(c, args[1])
		if err1 != nil || err2 != nil {
			return nil, nil, false, cli.Exit("", exitUnreadable)
		}
		return old, cur, false, nil
	}
	if len(args) > 0 {
		return nil, nil, false, usageErr("diff: %s: name each path's side with --old or --new (or compare reports with --reports OLD.json NEW.json)", quoteArgs(args))
	}
	if len(oldPaths) == 0 || len(newPaths) == 0 {
		return nil, nil, false, usageErr("diff needs --old PATH... and --new PATH... (or --reports OLD.json NEW.json)")
	}
	if slices.Contains(oldPaths, "-") && slices.Contains(newPaths, "-") {
		return nil, nil, false, usageErr("diff: standard input (-) is given on both sides; it can be read only once")
	}
	opts, err := parseInputFlags(c)
	if err != nil {
		return nil, nil, false, err
	}
	var reports [2]*audit.Report
	for i, paths := range [][]string{oldPaths, newPaths} {
		opts.paths = paths
		b := audit.NewBuilder(c.Int("examples"))
		sum, err := runPipeline(c, opts, b, b, false, pipelineHooks{})
		if err != nil {
			return nil, nil, false, err
		}
		unreadable = unreadable || sum.Unreadable > 0
		reports[i] = b.Report()
	}
	return reports[0], reports[1], unreadable, nil
}

// readReport reads a report --format json file: its figures are what the
// raw inputs would give (merged reports of shards included).
func readReport(c *cli.Context, path string) (*audit.Report, error) {
	fail := func(err error) (*audit.Report, error) {
		fmt.Fprintf(c.App.ErrWriter, "normlint: %s: %v\n", path, err)
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail(err)
	}
	defer f.Close()
	var r audit.Report
	if err := json.NewDecoder(f).Decode(&r); err != nil {
		return fail(fmt.Errorf("not a normlint report (report --format json): %w", err))
	}
	if r.Version != audit.Version {
		return fail(fmt.Errorf("report version %d; this normlint reads version %d (rerun normlint report --format json)", r.Version, audit.Version))
	}
	// Merging into an empty report works out what follows from the counts
	// as the report's own builder does.
	whole := &audit.Report{}
	whole.Merge(&r)
	return whole, nil
}

// sideArgs rewrites diff's command line so that every path names its
// side: "--old a b --new c" becomes "--old=a --old=b --new=c", and after
// "--" every argument is a path of the side named last (or, before any,
// a --reports file). reorderFlags then checks the flags as for any
// command.
func sideArgs(cmd *cli.Command, args []string, at int) ([]string, error) {
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	out := slices.Clone(args[:at+1])
	side, sidePaths := "", 0
	endSide := func() error {
		if side != "" && sidePaths == 0 {
			return fmt.Errorf("diff: --%s needs at least one PATH after it", side)
		}
		side, sidePaths = "", 0
		return nil
	}
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			if side == "" {
				return append(append(out, "--"), rest[i+1:]...), nil
			}
			for _, p := range rest[i+1:] {
				out = append(out, "--"+side+"="+p)
				sidePaths++
			}
			return out, endSide()
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			if side != "" {
				out = append(out, "--"+side+"="+a)
				sidePaths++
			} else {
				out = append(out, a)
			}
			continue
		}
		if err := endSide(); err != nil {
			return nil, err
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "old", "new":
			side = name
			if hasValue {
				out = append(out, "--"+side+"="+value)
				sidePaths++
			}
		default:
			out = append(out, a)
			if takesValue[name] && !hasValue && i+1 < len(rest) {
				i++
				out = append(out, rest[i])
			}
		}
	}
	return out, endSide()
}
