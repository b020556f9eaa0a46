//go:build !unix

package browsertest

import "os/exec"

// killGroupOnCancel leaves cmd as it is: only Unix has process groups to
// kill; the context kills Node alone.
func killGroupOnCancel(*exec.Cmd) {}
