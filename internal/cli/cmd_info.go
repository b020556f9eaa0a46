package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"strings"
	"text/tabwriter"

	"github.com/normlint/normlint/config"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/lint"
	"github.com/normlint/normlint/rules"
	"github.com/normlint/normlint/schemas"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list the rule catalog: ID, default severity, summary",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
		},
		Action: func(c *cli.Context) error {
			all := rules.All()
			switch c.String("format") {
			case "json":
				type entry struct {
					ID       string `json:"id"`
					Severity string `json:"severity"`
					Summary  string `json:"summary"`
				}
				out := make([]entry, len(all))
				for i, r := range all {
					out[i] = entry{r.ID, r.Severity.String(), r.Summary}
				}
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			case "text":
				tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "RULE\tSEVERITY\tSUMMARY")
				for _, r := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Summary)
				}
				return tw.Flush()
			}
			return usageErr("unknown --format %q (want text or json)", c.String("format"))
		},
	}
}

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "explain a rule: rationale, spec section, Firefox versions, examples",
		ArgsUsage: "RULE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("explain takes one RULE (see normlint rules)")
			}
			id := c.Args().First()
			r, ok := rules.ByID(id)
			if !ok {
				ids := []string{}
				for _, r := range rules.All() {
					ids = append(ids, r.ID)
				}
				msg := fmt.Sprintf("unknown rule %q", id)
				if best := lint.Nearest(id, ids); best != "" {
					msg += fmt.Sprintf("; did you mean %q?", best)
				}
				return usageErr("%s (see normlint rules)", msg)
			}
			writeExplain(c.App.Writer, r)
			return nil
		},
	}
}

func writeExplain(w io.Writer, r *lint.Rule) {
	fmt.Fprintf(w, "%s (default severity: %s)\n  %s\n", r.ID, r.Severity, r.Summary)
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
			if strings.TrimSpace(line) == "" {
				fmt.Fprintln(w)
				continue
			}
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	section("Why", r.Doc.Rationale)
	section("Spec", r.Doc.Spec)
	section("Firefox", r.Doc.Firefox)
	section("Fails", r.Doc.Bad)
	section("Passes", r.Doc.Good)
}

// configSchemaName is how `normlint schema` names the configuration file's
// schema, beside the telemetry schemas.
const configSchemaName = "normlint-config"

func schemaNames() []string {
	return append(schemas.Names(), configSchemaName)
}

func configCommand() *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "work with the configuration file",
		Subcommands: []*cli.Command{{
			Name:      "verify",
			Usage:     "check a configuration file without checking data",
			ArgsUsage: "[PATH] (default: " + config.FileName + " found by walking up from the working directory)",
			Description: `Exit 0 when the file is valid, 1 when it is valid but a waiver has expired,
2 when it is invalid (each problem is printed as file:line:column: message).`,
			Action: func(c *cli.Context) error {
				path := c.Args().First()
				if path == "" {
					wd, _ := os.Getwd()
					found, ok := config.Find(wd)
					if !ok {
						return usageErr("no %s in %s or above it", config.FileName, wd)
					}
					path = found
				}
				cfg, err := readConfig(path)
				if err != nil {
					return err
				}
				expired := 0
				for _, d := range cfg.Problems(time.Now(), nil) {
					if d.Rule == rules.ExpiredWaiver {
						expired++
						fmt.Fprintf(c.App.Writer, "%s:%d:%d: %s: %s [%s]\n", d.File, d.Line, d.Column, d.Severity, d.Message, d.Rule)
					}
				}
				if expired > 0 {
					return cli.Exit("", exitFindings)
				}
				fmt.Fprintf(c.App.Writer, "%s: valid (%d rules set, %d waivers)\n", path, len(cfg.Disabled), len(cfg.Waivers))
				return nil
			},
		}},
	}
}

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "list the embedded JSON Schemas, or print one",
		ArgsUsage: "[NAME]",
		Action: func(c *cli.Context) error {
			switch c.NArg() {
			case 0:
				for _, n := range schemaNames() {
					fmt.Fprintln(c.App.Writer, n)
				}
				return nil
			case 1:
				name := strings.TrimSuffix(c.Args().First(), ".schema.json")
				src, ok := schemas.Source(name)
				if name == configSchemaName {
					src, ok = config.SchemaSource(), true
				}
				if !ok {
					return usageErr("no schema %q (have: %s)", c.Args().First(), strings.Join(schemaNames(), ", "))
				}
				_, err := c.App.Writer.Write(src)
				return err
			}
			return usageErr("schema takes at most one NAME")
		},
	}
}
