// Package cli is normlint's command line: the commands and their flags
// (app.go, cmd_*.go), the expansion of paths (paths.go), the outputs
// (outputs.go, reporters.go) and the progress display (progress.go). It
// starts from the composition root (rules.Setup) and adds what the command
// line knows: the configuration file, waivers and baselines, the outputs.
// Package main only calls Main.
package cli
