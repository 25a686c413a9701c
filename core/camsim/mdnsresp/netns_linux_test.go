//go:build linux

package mdnsresp

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

// The network tests need multicast between real interfaces, which only root
// can set up without touching the machine's own network: the test binary
// runs itself again in a throwaway network namespace holding a veth pair.
// Cameras live on "va", the querier on "vb"; what one sends crosses the
// pair as it would cross a switch.

// fleetSize is how many camera addresses the test network has.
const fleetSize = 300

const netnsEnv = "OPENIPU_MDNSRESP_NETNS"

type testNetwork struct {
	why    string // why the network tests skip, when they do
	cams   *net.Interface
	client *net.Interface
	// clientIP is the querier's address, camIPs the cameras'.
	clientIP netip.Addr
	camIPs   []netip.Addr
}

var tnet testNetwork

func TestMain(m *testing.M) {
	switch {
	case os.Getenv(netnsEnv) == "1":
		if err := setupNetwork(); err != nil {
			tnet.why = "setting up the test network namespace failed: " + err.Error()
		}
		os.Exit(m.Run())
	case os.Geteuid() != 0:
		tnet.why = "network tests need root (for a throwaway network namespace with multicast); run the tests as root to include them"
		os.Exit(m.Run())
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), netnsEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &exit):
		os.Exit(max(exit.ExitCode(), 1))
	}
	tnet.why = "could not enter a new network namespace: " + err.Error()
	os.Exit(m.Run())
}

func setupNetwork() error {
	steps := [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", "va", "type", "veth", "peer", "name", "vb"},
		{"link", "set", "va", "multicast", "on", "up"},
		{"link", "set", "vb", "multicast", "on", "up"},
		{"addr", "add", "10.77.0.2/16", "dev", "vb"},
	}
	tnet.clientIP = netip.MustParseAddr("10.77.0.2")
	for _, s := range steps {
		if out, err := exec.Command("ip", s...).CombinedOutput(); err != nil {
			return fmt.Errorf("ip %v: %v: %s", s, err, out)
		}
	}
	// A fleet: one address per camera on the cameras' side.
	var batch strings.Builder
	for i := range fleetSize {
		a := netip.AddrFrom4([4]byte{10, 77, 1 + byte(i/250), byte(1 + i%250)})
		tnet.camIPs = append(tnet.camIPs, a)
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
	if tnet.cams, err = net.InterfaceByName("va"); err != nil {
		return err
	}
	if tnet.client, err = net.InterfaceByName("vb"); err != nil {
		return err
	}
	return nil
}

func needNetwork(t *testing.T) {
	t.Helper()
	if tnet.why != "" {
		t.Skip(tnet.why)
	}
}
