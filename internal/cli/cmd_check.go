package cli

import (
	"fmt"
	"runtime"
	"time"

	"github.com/normlint/normlint/config"

	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/normlint/normlint/baseline"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/lint/input"
	"github.com/normlint/normlint/lint/report"
	"github.com/normlint/normlint/rules"
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
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "output format " + reporterNames() + ", as FORMAT (standard output) or FORMAT=PATH (a file); repeat for several outputs, at most one on standard output (default: text)"},
			&cli.IntFlag{Name: "max-per-rule", Value: 0, Usage: "show at most N findings per rule, and say how many were left out (0 = all); never changes the exit code"},
			&cli.StringFlag{Name: "baseline", Usage: "report only findings not recorded in this baseline file, and say how many of its entries no longer match"},
			&cli.StringFlag{Name: "write-baseline", Usage: "record every current finding in this baseline file (exit 0 unless an input is unreadable)"},
			&cli.StringFlag{Name: "fail-level", Value: "error", Usage: "lowest severity that makes the run fail (exit 1): error, warning, info or none"},
			&cli.StringFlag{Name: "min-severity", Value: "info", Usage: "lowest severity shown: error, warning or info; the summary still counts every finding (must not be above the fail level)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "show only the findings at or above the fail level, and the summary"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never"},
			&cli.BoolFlag{Name: "no-fast-path", Usage: "a debugging aid: run the full JSON Schema validator on every record, even one the schemas cannot tell from a record already checked; the output is the same, only slower"},
		}, inputFlags()...),
		Action: runCheck,
	}
}

// inputFlags are the flags of every command that reads telemetry.
func inputFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 0, Usage: "CPUs to use: records are checked by this many workers (0 = every CPU); output is the same whatever the number"},
		&cli.StringFlag{Name: "input-format", Value: "auto", Usage: "read every JSON value as this format: " + strings.Join(inputFormatNames(), ", ") + " (auto decides per value)"},
		&cli.StringFlag{Name: "stdin-filename", Value: stdinName, Usage: "name standard input (-) by this file name in reports"},
		&cli.StringFlag{Name: "progress", Value: "auto", Usage: "progress on standard error: auto (on a terminal, for large inputs, in human formats), always or never"},
		&cli.StringFlag{Name: "config", Usage: "configuration file (default: " + config.FileName + " found by walking up from the working directory)"},
		&cli.BoolFlag{Name: "no-config", Usage: "ignore any configuration file"},
		&cli.BoolFlag{Name: "show-waived", Usage: "also show the findings that waivers accept, marked as waived"},
		&cli.StringFlag{Name: "firefox-version", Usage: "the Firefox versions the data comes from: " + rules.FirefoxRangeSyntax + "; values only other versions send are reported (other-era-value)"},
		&cli.IntFlag{Name: "max-lifecycle-pairs", Value: rules.DefaultMaxLifecyclePairs, Usage: "(client, study) pairs the lifecycle rules remember, about 60 bytes each; past it they forget the oldest and say so (lifecycle-limit)"},
	}, profileFlags()...)
}

// inputOptions are the input flags, validated.
type inputOptions struct {
	jobs        int
	inputFormat string
	stdinName   string
	progress    string
	config      *config.Config
	showWaived  bool
	// maxPairs bounds the lifecycle state (--max-lifecycle-pairs, or the
	// configuration's).
	maxPairs int
	// firefox restricts the accepted values to these Firefox versions
	// (--firefox-version, or the configuration's).
	firefox rules.FirefoxRange
	// paths are the command line's, or the configuration's when it names
	// none.
	paths []string
}

// configPaths turns the configuration's paths, relative to its directory,
// into paths as the command line would name them: relative to the working
// directory.
func configPaths(cfg *config.Config) []string {
	wd, _ := os.Getwd()
	out := make([]string, 0, len(cfg.Paths))
	for _, p := range cfg.Paths {
		abs := p
		if !filepath.IsAbs(p) {
			abs = filepath.Join(cfg.Dir, p)
		}
		if rel, err := filepath.Rel(wd, abs); err == nil {
			abs = rel
		}
		out = append(out, abs)
	}
	return out
}

func parseInputOptions(c *cli.Context) (inputOptions, error) {
	o, err := parseInputFlags(c)
	if err == nil {
		err = o.setPaths(c)
	}
	return o, err
}

// parseInputFlags is parseInputOptions without the paths (diff's own).
func parseInputFlags(c *cli.Context) (inputOptions, error) {
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
	o.showWaived = c.Bool("show-waived")
	cfg, err := loadConfig(c)
	if err != nil {
		return o, err
	}
	o.config = cfg
	o.maxPairs = c.Int("max-lifecycle-pairs")
	if o.maxPairs < 1 {
		return o, usageErr("--max-lifecycle-pairs must be 1 or more")
	}
	if cfg != nil && cfg.MaxLifecyclePairs > 0 && !c.IsSet("max-lifecycle-pairs") {
		o.maxPairs = cfg.MaxLifecyclePairs
	}
	if c.IsSet("firefox-version") {
		if o.firefox, err = rules.ParseFirefoxRange(c.String("firefox-version")); err != nil {
			return o, usageErr("--firefox-version: %v", err)
		}
	} else if cfg != nil {
		o.firefox = cfg.FirefoxVersion
	}
	return o, nil
}

// loadConfig finds and reads the configuration file, unless --no-config.
func loadConfig(c *cli.Context) (*config.Config, error) {
	if c.Bool("no-config") {
		if c.String("config") != "" {
			return nil, usageErr("--config and --no-config contradict each other")
		}
		return nil, nil
	}
	path := c.String("config")
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil
		}
		found, ok := config.Find(wd)
		if !ok {
			return nil, nil
		}
		// Findings about the file name it as people (and CI annotations)
		// name files: relative to the working directory.
		if rel, err := filepath.Rel(wd, found); err == nil {
			found = rel
		}
		path = found
	}
	return readConfig(path)
}

func readConfig(path string) (*config.Config, error) {
	cfg, err := config.Load(path, ruleIDs(), inputFormatNames()[1:])
	if err != nil {
		return nil, cli.Exit("invalid configuration:\n"+err.Error(), exitUsage)
	}
	return cfg, nil
}

func ruleIDs() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// checkOptions are check's flags, validated.
type checkOptions struct {
	inputOptions
	outputs       []output
	failLevel     lint.Severity
	minSeverity   lint.Severity
	color         string
	maxPerRule    int
	baseline      string
	writeBaseline string
}

func parseCheckOptions(c *cli.Context) (checkOptions, error) {
	var o checkOptions
	var err error
	if o.outputs, err = parseOutputs(c.StringSlice("format"), c.App.Writer); err != nil {
		return o, err
	}
	lvl, err := lint.ParseSeverity(c.String("fail-level"))
	if err != nil {
		return o, usageErr("--fail-level: %v", err)
	}
	o.failLevel = lvl
	o.color = c.String("color")
	if !slices.Contains([]string{"auto", "always", "never"}, o.color) {
		return o, usageErr("unknown --color %q (want auto, always or never)", o.color)
	}
	if o.maxPerRule = c.Int("max-per-rule"); o.maxPerRule < 0 {
		return o, usageErr("--max-per-rule must be 0 or more")
	}
	o.baseline, o.writeBaseline = c.String("baseline"), c.String("write-baseline")
	if o.inputOptions, err = parseInputOptions(c); err != nil {
		return o, err
	}
	// The command line wins over the configuration file.
	if o.config != nil && o.config.FailLevel != nil && !c.IsSet("fail-level") {
		o.failLevel = *o.config.FailLevel
	}
	return o, o.parseMinSeverity(c)
}

// parseMinSeverity settles what check shows: --quiet shows what fails the
// run; --min-severity (or the configuration's) hides what is below it,
// and may not hide findings that fail the run.
func (o *checkOptions) parseMinSeverity(c *cli.Context) error {
	sev, err := lint.ParseSeverity(c.String("min-severity"))
	if err != nil || sev == lint.SeverityNone {
		return usageErr("--min-severity %q: want error, warning or info", c.String("min-severity"))
	}
	if !c.IsSet("min-severity") && o.config != nil && o.config.MinSeverity != nil {
		sev = *o.config.MinSeverity
	}
	if c.Bool("quiet") {
		if c.IsSet("min-severity") {
			return usageErr("--quiet and --min-severity contradict each other: --quiet shows what reaches the fail level")
		}
		sev = o.failLevel
		if sev == lint.SeverityNone {
			sev = lint.SeverityError + 1 // nothing fails the run: show no finding
		}
	}
	if o.failLevel != lint.SeverityNone && sev > o.failLevel {
		return usageErr("--min-severity %s is above the fail level %s: it would hide findings that fail the run (lower it, or raise the fail level)", sev, o.failLevel)
	}
	o.minSeverity = sev
	return nil
}

// useColor decides colour for text written to w.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

func runCheck(c *cli.Context) error {
	opts, err := parseCheckOptions(c)
	if err != nil {
		return err
	}
	var base *baseline.Baseline
	if opts.baseline != "" {
		if base, err = baseline.Load(opts.baseline); err != nil {
			return usageErr("--baseline: %v", err)
		}
	}
	outputs, rep := openOutputs(c, opts.outputs, opts.color)
	var record *baseline.Recorder
	if opts.writeBaseline != "" {
		record = baseline.NewRecorder()
	}
	hooks := pipelineHooks{noFastPath: c.Bool("no-fast-path")}
	if base != nil || record != nil {
		hooks.suppress = func(d *lint.Diagnostic) lint.Suppression {
			if record != nil {
				record.Add(d)
			}
			if base != nil && base.Known(d) {
				return lint.Baselined
			}
			return lint.NotSuppressed
		}
	}
	if base != nil {
		hooks.finish = func(s *lint.Summary) { s.BaselineStale = base.Stale() }
	}
	if opts.maxPerRule > 0 {
		rep = &capReporter{Reporter: rep, max: opts.maxPerRule, seen: map[string]int{}}
	}
	if opts.minSeverity > lint.SeverityInfo {
		rep = &minSeverityReporter{Reporter: rep, min: opts.minSeverity}
	}
	human := false
	for _, o := range opts.outputs {
		human = human || (o.format == "text" && o.path == "")
	}
	sum, err := runPipeline(c, opts.inputOptions, rep, nil, human, hooks)
	failed := outputs.close()
	if err != nil {
		return err
	}
	if record != nil {
		if err := record.Write(opts.writeBaseline); err != nil {
			failed = append(failed, "cannot write --write-baseline "+opts.writeBaseline+": "+describeWriteError(err))
		} else {
			fmt.Fprintf(c.App.ErrWriter, "normlint: wrote %d findings to the baseline %s\n", record.Len(), opts.writeBaseline)
		}
	}
	if outputs.allToFiles() {
		// Nothing on standard output: a CI log must still say how it went.
		fmt.Fprintln(c.App.ErrWriter, report.SummaryLine(sum))
	}
	for _, f := range failed {
		fmt.Fprintf(c.App.ErrWriter, "normlint: %s\n", f)
	}
	failedGate := record == nil && opts.failLevel != lint.SeverityNone && sum.Max() >= opts.failLevel
	return exitStatus(len(failed) > 0, sum.Unreadable > 0, failedGate)
}

// exitStatus picks the one exit code of a run that checked its inputs (a
// usage error, 2, stops a run before that): a write failure (4) wins over
// an unreadable input (3), which wins over a failed gate (1).
func exitStatus(writeFailed, unreadable, failedGate bool) error {
	switch {
	case writeFailed:
		return cli.Exit("", exitWrite)
	case unreadable:
		return cli.Exit("", exitUnreadable)
	case failedGate:
		return cli.Exit("", exitFindings)
	}
	return nil
}

// pipelineHooks are what check adds to the shared pipeline.
type pipelineHooks struct {
	suppress func(d *lint.Diagnostic) lint.Suppression
	finish   func(s *lint.Summary)
	// noFastPath validates every record with the full schema validator.
	noFastPath bool
}

// runPipeline expands the paths and runs the engine: the one pipeline of
// check and report. human says the output is for people, where a progress
// display may go beside it.
func runPipeline(c *cli.Context, opts inputOptions, rep lint.Reporter, obs lint.Observer, human bool, hooks pipelineHooks) (lint.Summary, error) {
	ex := expandPaths(opts.paths, c.App.Reader, opts.stdinName, opts.config)
	for _, p := range ex.excludedNamed {
		fmt.Fprintf(c.App.ErrWriter, "normlint: skipping %s: excluded by the configuration (%s)\n", p, opts.config.Path)
	}
	if opts.inputFormat != "" {
		// --input-format on the command line wins over the configuration.
		for i := range ex.inputs {
			ex.inputs[i].Format = ""
		}
	}
	var prog *lint.Progress
	showProgress := opts.progress == "always" || (opts.progress == "auto" && human && isTerminal(c.App.ErrWriter) && largeInput(ex.inputs, opts.paths))
	if showProgress {
		prog = &lint.Progress{}
	}
	cfg := rules.Setup()
	rules.ForFirefox(&cfg, opts.firefox)
	cfg.Format = opts.inputFormat
	cfg.Workers = opts.jobs
	if opts.jobs > 0 && opts.jobs < runtime.GOMAXPROCS(0) {
		// -j is how many CPUs the run uses, as in golangci-lint: reading,
		// ordering the results and collecting garbage run beside the
		// workers, so fewer workers alone would still take every CPU.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(opts.jobs))
	}
	cfg.MaxLifecyclePairs = opts.maxPairs
	cfg.Observer = obs
	cfg.Progress = prog
	cfg.Info = runInfo()
	cfg.Suppress = hooks.suppress
	cfg.ShowWaived = opts.showWaived
	if hooks.noFastPath {
		for i, v := range cfg.Validators {
			if f, ok := v.(interface{ Full() lint.Validator }); ok {
				cfg.Validators[i] = f.Full()
			}
		}
	}
	if conf := opts.config; conf != nil {
		today := time.Now()
		cfg.Severity = conf.Severity
		cfg.Disabled = map[string]bool{}
		for id, off := range conf.Disabled {
			if off {
				cfg.Disabled[id] = true
			}
		}
		next := cfg.Suppress
		cfg.Suppress = func(d *lint.Diagnostic) lint.Suppression {
			if _, ok := conf.Waive(d, today); ok {
				return lint.Waived
			}
			if next != nil {
				return next(d)
			}
			return lint.NotSuppressed
		}
		cfg.Finally = func() []lint.Diagnostic { return conf.Problems(today, ex.named) }
	}
	eng, err := lint.New(cfg)
	if err != nil {
		return lint.Summary{}, cli.Exit(err.Error(), exitUsage)
	}
	stopProfiles, err := startProfiles(c)
	if err != nil {
		return lint.Summary{}, err
	}
	var stop func()
	if prog != nil {
		stop = startProgress(c.App.ErrWriter, prog, totalSize(ex.inputs))
	}
	errRep := &unreadableReporter{Reporter: rep, w: c.App.ErrWriter, skippedFiles: ex.skipped, beforeOutput: stop, finish: hooks.finish}
	sum, err := eng.Run(ex.inputs, errRep)
	stopProfiles()
	if stop != nil {
		stop()
	}
	if err != nil {
		// Reporters are guarded (see outputSet); what is left is a defect.
		return sum, cli.Exit(fmt.Sprintf("writing the report: %v", err), exitWrite)
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

// Where normlint's documentation lives: a rule's section of the generated
// reference is docsURL + its ID (SARIF helpUri, GitHub step summaries).
const (
	homeURL = "https://github.com/normlint/normlint"
	docsURL = homeURL + "/blob/main/docs/rules.md#"
)

func runInfo() lint.RunInfo {
	return lint.RunInfo{Tool: "normlint", Version: version, DocsURL: docsURL, InformationURL: homeURL}
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
	// finish adds what the command line knows to the summary.
	finish func(s *lint.Summary)
}

// Finish adds what only the command line knows: files a directory walk
// skipped.
func (u *unreadableReporter) Finish(s lint.Summary) error {
	if u.beforeOutput != nil {
		u.beforeOutput()
	}
	s.SkippedFiles = u.skippedFiles
	if u.finish != nil {
		u.finish(&s)
	}
	return u.Reporter.Finish(s)
}

func (u *unreadableReporter) File(f lint.FileResult) error {
	if f.Err != nil {
		fmt.Fprintf(u.w, "normlint: cannot read %s: %v\n", f.File, f.Err)
	}
	return u.Reporter.File(f)
}
