package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
	"github.com/normlint/normlint/schemas"
	"github.com/urfave/cli/v2"
)

// stdinName is how standard input is named in diagnostics.
const stdinName = "<stdin>"

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check files of Normandy telemetry",
		ArgsUsage: "PATH... (files, directories, quoted globs; - for standard input)",
		Description: `Checks every record in the given inputs and reports findings, then a summary.
Flags may come before or after the paths; after -- everything is a path.

` + exitCodesHelp,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + reporterNames()},
			&cli.StringFlag{Name: "fail-level", Value: "error", Usage: "lowest severity that makes the run fail (exit 1): error, warning, info or none"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never"},
		}, inputFlags()...),
		Action: runCheck,
	}
}

// inputFlags are the flags of every command that reads telemetry.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 0, Usage: "records checked in parallel (0 = one worker per CPU); output is the same whatever the number"},
		&cli.StringFlag{Name: "input-format", Value: "auto", Usage: "read every JSON value as this format: " + strings.Join(inputFormatNames(), ", ") + " (auto decides per value)"},
		&cli.StringFlag{Name: "stdin-filename", Value: stdinName, Usage: "name standard input (-) by this file name in reports"},
		&cli.StringFlag{Name: "progress", Value: "auto", Usage: "progress on standard error: auto (on a terminal, for large inputs, in human formats), always or never"},
	}
}

// inputOptions are the input flags, validated.
type inputOptions struct {
	jobs        int
	inputFormat string
	stdinName   string
	progress    string
}

func parseInputOptions(c *cli.Context) (inputOptions, error) {
	var o inputOptions
	o.jobs = c.Int("jobs")
	if o.jobs < 0 {
		return o, usageErr("--jobs must be 0 or more")
	}
	o.inputFormat = c.String("input-format")
	if !slices.Contains(inputFormatNames(), o.inputFormat) {
		return o, usageErr("unknown --input-format %q (want %s)", o.inputFormat, strings.Join(inputFormatNames(), ", "))
	}
	if o.inputFormat == "auto" {
		o.inputFormat = ""
	}
	o.stdinName = c.String("stdin-filename")
	if o.stdinName == "" {
		return o, usageErr("--stdin-filename must not be empty")
	}
	o.progress = c.String("progress")
	if !slices.Contains([]string{"auto", "always", "never"}, o.progress) {
		return o, usageErr("unknown --progress %q (want auto, always or never)", o.progress)
	}
	if c.NArg() == 0 {
		return o, usageErr("%s needs at least one PATH (or - for standard input)", c.Command.Name)
	}
	return o, nil
}

// checkOptions are check's flags, validated.
type checkOptions struct {
	inputOptions
	format    string
	failLevel lint.Severity
	color     bool
}

func parseCheckOptions(c *cli.Context) (checkOptions, error) {
	var o checkOptions
	o.format = c.String("format")
	if _, ok := reporters[o.format]; !ok {
		return o, usageErr("unknown --format %q (want %s)", o.format, reporterNames())
	}
	lvl, err := lint.ParseSeverity(c.String("fail-level"))
	if err != nil {
		return o, usageErr("--fail-level: %v", err)
	}
	o.failLevel = lvl
	switch c.String("color") {
	case "always":
		o.color = true
	case "never":
	case "auto":
		o.color = isTerminal(c.App.Writer) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	default:
		return o, usageErr("unknown --color %q (want auto, always or never)", c.String("color"))
	}
	o.inputOptions, err = parseInputOptions(c)
	return o, err
}

func runCheck(c *cli.Context) error {
	opts, err := parseCheckOptions(c)
	if err != nil {
		return err
	}
	rep := reporters[opts.format](c.App.Writer, opts.color)
	sum, err := runPipeline(c, opts.inputOptions, rep, nil, opts.format == "text")
	if err != nil {
		return err
	}
	switch {
	case sum.Unreadable > 0:
		return cli.Exit("", exitUnreadable)
	case opts.failLevel != lint.SeverityNone && sum.Max() >= opts.failLevel:
		return cli.Exit("", exitFindings)
	}
	return nil
}

// runPipeline expands the paths and runs the engine: the one pipeline of
// check and report. human says the output is for people, where a progress
// display may go beside it.
func runPipeline(c *cli.Context, opts inputOptions, rep lint.Reporter, obs lint.Observer, human bool) (lint.Summary, error) {
	ex := expandPaths(c.Args().Slice(), c.App.Reader, opts.stdinName)
	var prog *lint.Progress
	showProgress := opts.progress == "always" || (opts.progress == "auto" && human && isTerminal(c.App.ErrWriter) && largeInput(ex.inputs, c.Args().Slice()))
	if showProgress {
		prog = &lint.Progress{}
	}
	eng, err := lint.New(lint.Config{
		Rules:      rules.All(),
		Validators: []lint.Validator{schemas.Load()},
		Adapters:   input.All(),
		Format:     opts.inputFormat,
		Workers:    opts.jobs,
		Observer:   obs,
		Progress:   prog,
		Info:       runInfo(),
	})
	if err != nil {
		return lint.Summary{}, cli.Exit(err.Error(), exitUsage)
	}
	var stop func()
	if prog != nil {
		stop = startProgress(c.App.ErrWriter, prog, totalSize(ex.inputs))
	}
	errRep := &unreadableReporter{Reporter: rep, w: c.App.ErrWriter, skippedFiles: ex.skipped, beforeOutput: stop}
	sum, err := eng.Run(ex.inputs, errRep)
	if stop != nil {
		stop()
	}
	if err != nil {
		return sum, cli.Exit(fmt.Sprintf("writing the report: %v", err), exitUsage)
	}
	return sum, nil
}

func usageErr(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitUsage)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Where normlint's documentation lives: a rule's anchor in README is
// docsURL + its ID.
const (
	homeURL = "https://github.com/normlint/normlint"
	docsURL = homeURL + "#"
)

func runInfo() lint.RunInfo {
	return lint.RunInfo{Tool: "normlint", Version: version, DocsURL: docsURL, InformationURL: homeURL}
}

// newEngine is the engine the tests drive directly.
func newEngine(jobs int) (*lint.Engine, error) {
	return lint.New(lint.Config{
		Rules:      rules.All(),
		Validators: []lint.Validator{schemas.Load()},
		Adapters:   input.All(),
		Workers:    jobs,
	})
}

// inputFormatNames are the values of --input-format: auto and every
// adapter a user may force (the catch-all for other Telemetry pings is not
// a format of its own).
func inputFormatNames() []string {
	names := []string{"auto"}
	for _, a := range input.All() {
		if a.Name() != "telemetry-ping" {
			names = append(names, a.Name())
		}
	}
	return names
}

// unreadableReporter tells standard error about inputs that could not be
// read, whatever the output format, so that exit 3 is never unexplained.
type unreadableReporter struct {
	lint.Reporter
	w            io.Writer
	skippedFiles int
	// beforeOutput clears a progress display before the summary.
	beforeOutput func()
}

// Finish adds what only the command line knows: files a directory walk
// skipped.
func (u *unreadableReporter) Finish(s lint.Summary) error {
	if u.beforeOutput != nil {
		u.beforeOutput()
	}
	s.SkippedFiles = u.skippedFiles
	return u.Reporter.Finish(s)
}

func (u *unreadableReporter) File(f lint.FileResult) error {
	if f.Err != nil {
		fmt.Fprintf(u.w, "normlint: cannot read %s: %v\n", f.File, f.Err)
	}
	return u.Reporter.File(f)
}

// reporters maps --format names to constructors; a new format is one more
// entry.
var reporters = map[string]func(w io.Writer, color bool) lint.Reporter{
	"text": func(w io.Writer, color bool) lint.Reporter { return report.NewText(w, color) },
	"json": func(w io.Writer, _ bool) lint.Reporter { return report.NewJSON(w) },
}

func reporterNames() string { return "text or json" }
