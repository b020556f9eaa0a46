package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

// profileFlags profile a real run for CONTRIBUTING.md's how-to. They are
// hidden: they are for people working on normlint, not for its users.
func profileFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile of the run to this file (go tool pprof)"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "write a heap profile, taken when the run ends, to this file (go tool pprof)"},
	}
}

// startProfiles starts the profiles the flags ask for; the returned
// function stops them and writes them. A profile that cannot be written is
// a usage error before the run, or a note on standard error after it: the
// run itself succeeded.
func startProfiles(c *cli.Context) (func(), error) {
	cpuPath, memPath := c.String("cpuprofile"), c.String("memprofile")
	var cpu *os.File
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			return nil, usageErr("--cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			_ = f.Close()
			return nil, usageErr("--cpuprofile: %v", err)
		}
		cpu = f
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(c.App.ErrWriter, "normlint: --cpuprofile: %v\n", err)
			}
		}
		if memPath != "" {
			if err := writeHeapProfile(memPath); err != nil {
				fmt.Fprintf(c.App.ErrWriter, "normlint: --memprofile: %v\n", err)
			}
		}
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	// Up-to-date statistics: the profile otherwise shows the heap as of
	// the last collection.
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
