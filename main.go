// Command normlint checks Firefox Normandy telemetry (uptake statuses, study
// enrollment and unenrollment events) against schemas and rules derived from
// Normandy's data-collection specification.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; a
// `go install` of a tagged version reports the module version instead.
var version = "0.1.0-dev"

// Exit codes. They are part of normlint's interface: README documents them.
const (
	exitOK         = 0 // no finding at or above the fail level
	exitFindings   = 1 // findings at or above the fail level
	exitUsage      = 2 // usage or configuration error: nothing was checked
	exitUnreadable = 3 // some input could not be read; the others were checked
)

const exitCodesHelp = `EXIT CODES:
   0  no finding at or above the fail level
   1  findings at or above the fail level
   2  usage or configuration error (nothing checked)
   3  some input could not be read (missing, unreadable, a pattern that
      matches nothing); every readable input is still checked and
      reported; 3 wins over 1`

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
		if v == "0.1.0-dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
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

// reorderArgs moves flags written after paths in front of them. urfave/cli
// stops reading flags at the first argument that is not one, so
// `normlint check a.json --format json` would otherwise check a file named
// "--format". "--" still ends the flags: what follows is always a path.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	var cmd *cli.Command
	at := 1
	for ; at < len(args); at++ {
		if !strings.HasPrefix(args[at], "-") {
			break
		}
	}
	if at >= len(args) {
		return args, nil
	}
	for _, c := range app.Commands {
		if c.HasName(args[at]) {
			cmd = c
		}
	}
	if cmd != nil && len(cmd.Subcommands) > 0 {
		return args, nil // a command of commands: its subcommands parse their own flags
	}
	if cmd == nil {
		if args[at] == "help" {
			return args, nil
		}
		names := []string{}
		for _, c := range app.Commands {
			names = append(names, c.Name)
		}
		return nil, fmt.Errorf("unknown command %q (commands: %s; see normlint --help)", args[at], strings.Join(names, ", "))
	}
	takesValue := map[string]bool{}
	known := map[string]bool{"help": true, "h": true}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			known[n] = true
			takesValue[n] = !isBool
		}
	}
	head := append([]string{}, args[:at+1]...)
	var flags, paths []string
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			paths = append(paths, rest[i:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			paths = append(paths, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		hasValue := false
		if j := strings.IndexByte(name, '='); j >= 0 {
			name, hasValue = name[:j], true
		}
		if !known[name] {
			return nil, fmt.Errorf("%s: unknown flag %s for %q (to check a file whose name starts with '-', put it after --)", cmd.Name, a, cmd.Name)
		}
		flags = append(flags, a)
		if takesValue[name] && !hasValue {
			if i+1 >= len(rest) {
				return nil, fmt.Errorf("%s: flag %s needs a value", cmd.Name, a)
			}
			i++
			flags = append(flags, rest[i])
		}
	}
	out := append(head, flags...)
	if len(paths) > 0 && paths[0] != "--" {
		out = append(out, "--")
	}
	return append(out, paths...), nil
}
