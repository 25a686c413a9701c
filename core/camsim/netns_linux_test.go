//go:build linux

package camsim_test

import (
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// ownNetnsEnv names the test a child process runs inside its own network
// namespace.
const ownNetnsEnv = "OPENIPU_CAMSIM_OWN_NETNS"

// inOwnNetns runs the calling top-level test again in a child process with a
// network namespace of its own, where the camera can take any address (on
// lo) without touching the machine's network. It returns true in the child,
// which then does the work; in the parent it waits for the child, reports
// its outcome and returns false. It needs root; otherwise the test skips.
func inOwnNetns(t *testing.T) bool {
	t.Helper()
	if os.Getenv(ownNetnsEnv) == t.Name() {
		if out, err := exec.Command("ip", "link", "set", "lo", "up").CombinedOutput(); err != nil {
			t.Fatalf("ip link set lo up: %v: %s", err, out)
		}
		return true
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root for a throwaway network namespace where the camera can change address; CI runs as root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2's ip command")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), ownNetnsEnv+"="+t.Name())
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("in its own network namespace: %v\n%s", err, out)
	}
	return false
}

// loHook puts the camera's addresses on lo with iproute2, as cmd/camsim does
// on a real interface.
func loHook(mac string, add, remove []netip.Prefix) error {
	for _, p := range remove {
		if out, err := exec.Command("ip", "addr", "del", p.String(), "dev", "lo").CombinedOutput(); err != nil {
			return fmt.Errorf("ip addr del %s: %v: %s", p, err, out)
		}
	}
	for _, p := range add {
		if out, err := exec.Command("ip", "addr", "add", p.String(), "dev", "lo").CombinedOutput(); err != nil {
			return fmt.Errorf("ip addr add %s: %v: %s", p, err, out)
		}
	}
	return nil
}
