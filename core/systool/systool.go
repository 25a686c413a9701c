// Package systool runs the network tools the operating system ships (ip,
// netsh, ifconfig, arp, ping) the way OpenIPU needs them: bounded in time,
// with what they printed kept for the message, and on Windows without a
// console window flashing up over the OpenIPU window.
package systool

import (
	"context"
	"os/exec"
	"time"
)

// Run runs name with args and returns what it printed on both outputs. It
// is stopped after timeout (and when ctx ends): a tool waiting for a
// prompt nobody sees must not hold the window. Nothing secret is ever
// passed: the arguments are addresses and connection names.
func Run(ctx context.Context, timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	hideWindow(cmd)
	return cmd.CombinedOutput()
}
