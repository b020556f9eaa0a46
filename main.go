// Command normlint checks Firefox Normandy telemetry (uptake statuses, study
// enrollment and unenrollment events) against schemas and rules derived from
// Normandy's data-collection specification. The command line lives in
// internal/cli.
package main

import (
	"os"

	"github.com/normlint/normlint/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version string

func main() {
	os.Exit(cli.Main(version))
}
