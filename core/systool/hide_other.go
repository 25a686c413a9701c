//go:build !windows

package systool

import "os/exec"

// hideWindow: only Windows opens a window for a console program.
func hideWindow(*exec.Cmd) {}
