//go:build linux

package nstest

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// Main runs a package's tests with n describing the test network, and
// returns the exit code for TestMain. The first run, as root, starts the
// test binary again in a new network namespace, with env set to tell the
// second run it is inside and should build the network; a failure to
// build it, or no root, leaves n.Why set so the network tests skip while
// the others still run.
func Main(m *testing.M, env string, n *Network) int {
	switch {
	case os.Getenv(env) == "1":
		if err := n.setup(); err != nil {
			n.Why = "setting up the test network namespace failed: " + err.Error()
		}
		return m.Run()
	case os.Geteuid() != 0:
		n.Why = "network tests need root (for a throwaway network namespace with multicast); run the tests as root to include them"
		return m.Run()
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), env+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return max(exit.ExitCode(), 1)
	}
	n.Why = "could not enter a new network namespace: " + err.Error()
	return m.Run()
}

func (n *Network) setup() error {
	steps := [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", "va", "type", "veth", "peer", "name", "vb"},
		{"link", "set", "va", "multicast", "on", "up"},
		{"link", "set", "vb", "multicast", "on", "up"},
		{"addr", "add", "10.77.0.2/16", "dev", "vb"},
	}
	n.ClientIP = netip.MustParseAddr("10.77.0.2")
	for _, s := range steps {
		if out, err := exec.Command("ip", s...).CombinedOutput(); err != nil {
			return fmt.Errorf("ip %v: %v: %s", s, err, out)
		}
	}
	// A fleet: one address per camera on the cameras' side.
	var batch strings.Builder
	for i := range FleetSize {
		a := netip.AddrFrom4([4]byte{10, 77, 1 + byte(i/250), byte(1 + i%250)})
		n.CamIPs = append(n.CamIPs, a)
		fmt.Fprintf(&batch, "addr add %s/16 dev va\n", a)
	}
	cmd := exec.Command("ip", "-batch", "-")
	cmd.Stdin = strings.NewReader(batch.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("adding the cameras' addresses: %v: %s", err, out)
	}
	// Both ends of the pair belong to this host, so each sees the other's
	// packets coming from a local address: allow that.
	for _, dev := range []string{"all", "default", "va", "vb"} {
		for file, val := range map[string]string{"accept_local": "1", "rp_filter": "0"} {
			p := "/proc/sys/net/ipv4/conf/" + dev + "/" + file
			if err := os.WriteFile(p, []byte(val), 0o644); err != nil {
				return err
			}
		}
	}
	var err error
	if n.Cams, err = net.InterfaceByName("va"); err != nil {
		return err
	}
	if n.Client, err = net.InterfaceByName("vb"); err != nil {
		return err
	}
	return nil
}
