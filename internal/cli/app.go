package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/lint"
)

// version is normlint's version, handed over by package main (set there
// at build time); a `go install` of a tagged version reports the module
// version instead.
var version = devVersion

// devVersion is the version of a build from a clone.
const devVersion = "0.1.0-dev"

// Exit codes. They are part of normlint's interface: README documents them.
const (
	exitOK         = 0 // no finding at or above the fail level
	exitFindings   = 1 // findings at or above the fail level
	exitUsage      = 2 // usage or configuration error: nothing was checked
	exitUnreadable = 3 // some input could not be read; the others were checked
	exitWrite      = 4 // an output could not be written; the others are complete
)

const exitCodesHelp = `EXIT CODES (when several apply, the first in this order: 2, 4, 3, 1):
   0  no finding at or above the fail level
   1  findings at or above the fail level
   2  usage or configuration error (nothing checked)
   3  some input could not be read (missing, unreadable, a pattern or
      directory with nothing to check); every readable input is still
      checked and reported
   4  an output could not be written (a full disk, an unwritable path);
      every other output is complete`

// Main runs normlint with the process's arguments and streams and returns
// its exit code. v is the version set at build time.
func Main(v string) int {
	if v != "" {
		version = v
	}
	return Run(os.Args, os.Stdin, os.Stdout, os.Stderr)
}

// Run is Main without the process: args begins with the program's name.
// Tests call it directly (see internal/linttest).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	args, err := reorderArgs(app, args)
	if err != nil {
		fmt.Fprintf(stderr, "normlint: %v\n", err)
		return exitUsage
	}
	if err := app.Run(args); err != nil {
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			if msg := ec.Error(); msg != "" {
				fmt.Fprintf(stderr, "normlint: %s\n", msg)
			}
			return ec.ExitCode()
		}
		fmt.Fprintf(stderr, "normlint: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func versionString() string {
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == devVersion && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		return fmt.Sprintf("%s (%s)", v, bi.GoVersion)
	}
	return v
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "normlint",
		Usage: "check Firefox Normandy telemetry against its data-collection spec",
		Description: `normlint validates recorded Normandy telemetry: uptake statuses of recipe
runs and study enrollment events, as hand-written records, event tuples,
Telemetry event and main pings, Glean pings or exported event rows (one JSON
value, a JSON array, or JSON Lines per file; gzip is read transparently;
directories are walked; quoted glob patterns may use **).

` + exitCodesHelp,
		Version:   versionString(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// Usage errors are exit 2, reported once by run.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return cli.Exit(err.Error()+" (see normlint --help)", exitUsage)
		},
		Commands: []*cli.Command{
			checkCommand(),
			reportCommand(),
			diffCommand(),
			rulesCommand(),
			configCommand(),
			explainCommand(),
			schemaCommand(),
			{
				Name:  "version",
				Usage: "print normlint's version",
				Action: func(c *cli.Context) error {
					fmt.Fprintf(c.App.Writer, "normlint %s\n", versionString())
					return nil
				},
			},
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
	}
	return app
}

// maxArgs is how many positional arguments a command takes; commands that
// are not listed take any number (check and report take paths).
var maxArgs = map[string]int{"rules": 0, "version": 0, "verify": 1, "explain": 1, "schema": 1}

// reorderArgs checks the command line before urfave/cli sees it and moves
// flags written after paths in front of them. urfave/cli stops reading
// flags at the first argument that is not one, so `normlint check a.json
// --format json` would otherwise check a file named "--format"; and it
// answers a mistyped subcommand with a help topic instead of an error.
// Here a mistyped command, subcommand or flag is a usage error with a
// did-you-mean, and so are stray arguments. "--" ends the flags wherever it
// stands: everything after it is a path.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	at := 1
	for ; at < len(args) && strings.HasPrefix(args[at], "-") && args[at] != "--"; at++ {
	}
	if at >= len(args) || args[at] == "--" {
		return args, nil // global flags only (--help, --version): urfave/cli's own
	}
	if args[at] == "help" {
		// urfave/cli answers an unknown topic with exit 3: check it here.
		if at+1 < len(args) && !strings.HasPrefix(args[at+1], "-") {
			if _, err := findCommand(app.Commands, args[at+1], "command", "normlint"); err != nil {
				return nil, err
			}
		}
		return args, nil
	}
	cmd, err := findCommand(app.Commands, args[at], "command", "normlint")
	if err != nil {
		return nil, err
	}
	if len(cmd.Subcommands) > 0 {
		sub := at + 1
		for ; sub < len(args) && strings.HasPrefix(args[sub], "-") && args[sub] != "--"; sub++ {
		}
		if sub < len(args) && args[sub] == "help" && sub+1 < len(args) && !strings.HasPrefix(args[sub+1], "-") {
			if _, err := findCommand(cmd.Subcommands, args[sub+1], "subcommand", "normlint "+cmd.Name); err != nil {
				return nil, err
			}
		}
		if sub >= len(args) || args[sub] == "--" || args[sub] == "help" {
			return args, nil // `normlint config` alone, or asking for help: the command's help
		}
		parent := cmd.Name
		if cmd, err = findCommand(cmd.Subcommands, args[sub], "subcommand", "normlint "+parent); err != nil {
			return nil, err
		}
		return reorderFlags(cmd, parent+" "+cmd.Name, args, sub)
	}
	if cmd.Name == "diff" {
		if args, err = sideArgs(cmd, args, at); err != nil {
			return nil, err
		}
	}
	return reorderFlags(cmd, cmd.Name, args, at)
}

// findCommand returns the command called name, or a usage error that says
// which commands there are and which one was probably meant.
func findCommand(cmds []*cli.Command, name, what, parent string) (*cli.Command, error) {
	var names []string
	for _, c := range cmds {
		if c.HasName(name) {
			return c, nil
		}
		names = append(names, c.Name)
	}
	msg := fmt.Sprintf("unknown %s %q", what, name)
	if best := lint.Nearest(name, names); best != "" {
		msg += fmt.Sprintf("; did you mean %q?", best)
	}
	return nil, fmt.Errorf("%s (%ss: %s; see %s --help)", msg, what, strings.Join(names, ", "), parent)
}

// reorderFlags puts the flags of the command at args[at] (called name in
// messages) before its positional arguments and checks both.
func reorderFlags(cmd *cli.Command, name string, args []string, at int) ([]string, error) {
	takesValue := map[string]bool{}
	known := map[string]bool{"help": true, "h": true}
	var names []string
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			known[n] = true
			takesValue[n] = !isBool
		}
		names = append(names, "--"+f.Names()[0])
	}
	head := append([]string{}, args[:at+1]...)
	var flags, paths []string
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			paths = append(paths, rest[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			paths = append(paths, a)
			continue
		}
		flag := strings.TrimLeft(a, "-")
		hasValue := false
		if j := strings.IndexByte(flag, '='); j >= 0 {
			flag, hasValue = flag[:j], true
		}
		if !known[flag] {
			msg := fmt.Sprintf("%s: unknown flag %s", name, a)
			if best := lint.Nearest("--"+flag, names); best != "" {
				msg += fmt.Sprintf("; did you mean %s?", best)
			}
			return nil, fmt.Errorf("%s (to check a file whose name starts with '-', put it after --)", msg)
		}
		flags = append(flags, a)
		if takesValue[flag] && !hasValue {
			if i+1 >= len(rest) {
				return nil, fmt.Errorf("%s: flag %s needs a value", name, a)
			}
			i++
			flags = append(flags, rest[i])
		}
	}
	if n, ok := maxArgs[cmd.Name]; ok && len(paths) > n {
		stray := paths[n:]
		if n == 0 {
			return nil, fmt.Errorf("%s takes no arguments; got %s", name, quoteArgs(stray))
		}
		return nil, fmt.Errorf("%s takes at most one argument; got %s too (see normlint %s --help)", name, quoteArgs(stray), name)
	}
	stdin := 0
	for _, p := range paths {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, fmt.Errorf("%s: standard input (-) is given %d times; it can be read only once", name, stdin)
	}
	out := append(head, flags...)
	if len(paths) > 0 {
		out = append(out, "--")
	}
	return append(out, paths...), nil
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}
