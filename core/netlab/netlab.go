//go:build linux

// Package netlab builds small real networks for tests: network namespaces
// joined by veth pairs to a bridge, each namespace a host with its own
// addresses, so multicast discovery and unicast probes cross real
// interfaces. Everything lives in namespaces the test creates; nothing
// touches the machine's own network. It needs root (CI runs as root) and
// iproute2; tests skip with a clear message otherwise.
package netlab

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Lab is one test network: a bridge in its own namespace, and hosts.
type Lab struct {
	t      testing.TB
	id     string
	hub    string
	bridge string
	mu     sync.Mutex
	hosts  []*Host
	n      atomic.Int32
}

// Host is a network namespace attached to the lab's bridge through eth0.
type Host struct {
	lab  *Lab
	NS   string
	Name string
}

var labs atomic.Int32

// Skip reports why labs cannot be built here, or "" when they can.
func Skip() string {
	if os.Geteuid() != 0 {
		return "needs root to create network namespaces (CI runs as root; run `sudo make test` locally)"
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return "needs iproute2's `ip` command (make deps installs it)"
	}
	return ""
}

// New creates a lab, or skips the test when it cannot. The lab is torn down
// when the test ends.
func New(t testing.TB) *Lab {
	t.Helper()
	if why := Skip(); why != "" {
		t.Skip("network-namespace test skipped: " + why)
	}
	n := labs.Add(1)
	id := fmt.Sprintf("oipu%d-%d", os.Getpid()%100000, n)
	l := &Lab{t: t, id: id, hub: id + "-hub", bridge: "br0"}
	t.Cleanup(l.Close)
	l.must("ip", "netns", "add", l.hub)
	l.batch(l.hub,
		"link set lo up",
		"link add br0 type bridge mcast_snooping 0",
		"link set br0 up",
	)
	return l
}

// Host adds a namespace joined to the bridge, with the given addresses
// (CIDR) on its eth0. The first address is its primary one.
func (l *Lab) Host(name string, addrs ...string) *Host {
	l.t.Helper()
	n := l.n.Add(1)
	h := &Host{lab: l, NS: l.id + "-" + name, Name: name}
	l.mu.Lock()
	l.hosts = append(l.hosts, h)
	l.mu.Unlock()
	peer := fmt.Sprintf("v%s%d", strings.ReplaceAll(l.id[4:], "-", "x"), n)
	if len(peer) > 15 {
		peer = peer[len(peer)-15:]
	}
	l.must("ip", "netns", "add", h.NS)
	// Create the pair inside the hub, then move one end into the host.
	l.batch(l.hub,
		fmt.Sprintf("link add %s type veth peer name eth0 netns %s", peer, h.NS),
		fmt.Sprintf("link set %s master br0", peer),
		fmt.Sprintf("link set %s up", peer),
	)
	cmds := []string{"link set lo up", "link set eth0 multicast on", "link set eth0 up"}
	for _, a := range addrs {
		cmds = append(cmds, fmt.Sprintf("addr add %s dev eth0", a))
	}
	l.batch(h.NS, cmds...)
	return h
}

// Attach gives the host a second interface, ifname, on another lab's bridge:
// a laptop with a VPN or a virtual adapter next to its LAN.
func (h *Host) Attach(other *Lab, ifname string, addrs ...string) {
	h.lab.t.Helper()
	n := other.n.Add(1)
	peer := fmt.Sprintf("v%s%d", strings.ReplaceAll(other.id[4:], "-", "x"), n)
	if len(peer) > 15 {
		peer = peer[len(peer)-15:]
	}
	other.batch(other.hub,
		fmt.Sprintf("link add %s type veth peer name %s netns %s", peer, ifname, h.NS),
		fmt.Sprintf("link set %s master br0", peer),
		fmt.Sprintf("link set %s up", peer),
	)
	cmds := []string{fmt.Sprintf("link set %s multicast on", ifname), fmt.Sprintf("link set %s up", ifname)}
	for _, a := range addrs {
		cmds = append(cmds, fmt.Sprintf("addr add %s dev %s", a, ifname))
	}
	h.lab.batch(h.NS, cmds...)
}

// Detach deletes the host's interface ifname, one Attach made: the
// adapter is unplugged. Its peer on the other lab's bridge goes with it.
func (h *Host) Detach(ifname string) {
	h.lab.t.Helper()
	h.lab.batch(h.NS, "link del "+ifname)
}

// Route adds a route in the host, e.g. "224.0.0.0/4 dev tun0".
func (h *Host) Route(spec string) {
	h.lab.t.Helper()
	h.lab.batch(h.NS, "route add "+spec)
}

// AddAddrs puts more addresses (CIDR) on the host's eth0, in one batch.
func (h *Host) AddAddrs(addrs ...string) {
	h.lab.t.Helper()
	cmds := make([]string, len(addrs))
	for i, a := range addrs {
		cmds[i] = fmt.Sprintf("addr add %s dev eth0", a)
	}
	h.lab.batch(h.NS, cmds...)
}

// DelAddrs removes addresses (CIDR) from eth0.
func (h *Host) DelAddrs(addrs ...string) {
	h.lab.t.Helper()
	cmds := make([]string, len(addrs))
	for i, a := range addrs {
		cmds[i] = fmt.Sprintf("addr del %s dev eth0", a)
	}
	h.lab.batch(h.NS, cmds...)
}

// Command runs a program inside the host's namespace.
func (h *Host) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	full := append([]string{"netns", "exec", h.NS, name}, args...)
	return exec.CommandContext(ctx, "ip", full...)
}

// Run runs a command in the host and returns its combined output.
func (h *Host) Run(args ...string) (string, error) {
	out, err := h.Command(context.Background(), args[0], args[1:]...).CombinedOutput()
	return string(out), err
}

// SetLink brings the host's eth0 up or down (a cable pulled).
func (h *Host) SetLink(up bool) {
	h.lab.t.Helper()
	state := "down"
	if up {
		state = "up"
	}
	h.lab.batch(h.NS, "link set eth0 "+state)
}

// Close deletes every namespace of the lab (their interfaces go with them).
func (l *Lab) Close() {
	l.mu.Lock()
	hosts := l.hosts
	l.hosts = nil
	l.mu.Unlock()
	for _, h := range hosts {
		_ = exec.Command("ip", "netns", "del", h.NS).Run()
	}
	_ = exec.Command("ip", "netns", "del", l.hub).Run()
}

// Range returns n consecutive addresses starting at first, as CIDR strings
// with the given prefix length.
func Range(first string, n, bits int) []string {
	a := netip.MustParseAddr(first)
	out := make([]string, n)
	for i := range n {
		out[i] = fmt.Sprintf("%s/%d", a, bits)
		a = a.Next()
	}
	return out
}

func (l *Lab) must(name string, args ...string) {
	l.t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		l.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func (l *Lab) batch(ns string, cmds ...string) {
	l.t.Helper()
	c := exec.Command("ip", "-n", ns, "-batch", "-")
	c.Stdin = strings.NewReader(strings.Join(cmds, "\n") + "\n")
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		l.t.Fatalf("ip -n %s -batch: %v\n%s", ns, err, out.String())
	}
}
