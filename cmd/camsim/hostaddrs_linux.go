//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/openipu/openipu/core/camsim"
)

// linuxAddrs moves addresses with iproute2, run without a shell.
type linuxAddrs struct {
	opts   hostOptions
	parent string

	mu       sync.Mutex
	cams     map[string]*camsim.Camera
	ours     map[string]map[netip.Prefix]bool // device -> addresses it added
	links    map[string]bool                  // macvlan devices it made
	watchers map[string]*arpWatcher
}

// canMoveHere: root inside a network namespace of its own, where adding
// addresses touches nothing but the simulation.
func canMoveHere() bool { return os.Geteuid() == 0 && inOwnNetns() }

// inOwnNetns reports whether this process lives in another network
// namespace than init's, as under `ip netns exec`: one of the namespaces
// iproute2 names in /run/netns, or (where init's can be read) not init's.
func inOwnNetns() bool {
	var self unix.Stat_t
	if unix.Stat("/proc/self/ns/net", &self) != nil {
		return false
	}
	var initNS unix.Stat_t
	if unix.Stat("/proc/1/ns/net", &initNS) == nil {
		return self.Ino != initNS.Ino || self.Dev != initNS.Dev
	}
	named, _ := os.ReadDir("/run/netns")
	for _, e := range named {
		var st unix.Stat_t
		if unix.Stat(filepath.Join("/run/netns", e.Name()), &st) == nil && st.Ino == self.Ino && st.Dev == self.Dev {
			return true
		}
	}
	return false
}

func newHostAddrs(opts hostOptions) (hostAddrs, error) {
	if os.Geteuid() != 0 {
		return nil, errors.New("changing a camera's address on this computer needs root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return nil, errors.New("changing a camera's address needs iproute2's ip command")
	}
	parent := opts.iface
	if parent == "" {
		parent = interfaceFor(opts.first)
	}
	if parent == "" {
		return nil, errors.New("no network interface to put the cameras on; name one with --interface")
	}
	if _, err := net.InterfaceByName(parent); err != nil {
		return nil, fmt.Errorf("--interface %s: %w", parent, err)
	}
	if opts.macvlan && inOwnNetns() {
		// Only the interface that holds an address answers ARP for it, as
		// on separate devices; else eth0 would answer for every camera.
		_ = os.WriteFile("/proc/sys/net/ipv4/conf/all/arp_ignore", []byte("1"), 0o644)
	}
	return &linuxAddrs{
		opts: opts, parent: parent,
		cams: map[string]*camsim.Camera{}, ours: map[string]map[netip.Prefix]bool{},
		links: map[string]bool{}, watchers: map[string]*arpWatcher{},
	}, nil
}

// interfaceFor is the interface holding a, else the first up, non-loopback
// interface with an IPv4 address.
func interfaceFor(a netip.Addr) string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return ""
	}
	first := ""
	for _, ifi := range ifaces {
		if ifi.Flags&net.FlagUp == 0 || ifi.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifi.Addrs()
		for _, x := range addrs {
			p, err := netip.ParsePrefix(x.String())
			if err != nil || !p.Addr().Is4() {
				continue
			}
			if p.Addr() == a {
				return ifi.Name
			}
			if first == "" {
				first = ifi.Name
			}
		}
	}
	return first
}

func (h *linuxAddrs) register(cam *camsim.Camera) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cams[cam.MAC()] = cam
}

// device is the interface a camera's addresses go on: its own macvlan
// ("c" and the MAC, 13 characters of the 15 allowed), or the parent.
func (h *linuxAddrs) device(mac string) string {
	if h.opts.macvlan {
		return "c" + strings.ToLower(mac)
	}
	return h.parent
}

func (h *linuxAddrs) hook(mac string, add, remove []netip.Prefix) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	dev := h.device(mac)
	ours := h.ours[dev]
	if ours == nil {
		ours = map[netip.Prefix]bool{}
		h.ours[dev] = ours
	}
	var errs []error
	for _, p := range remove {
		if !ours[p] {
			continue // there before the simulator: not its to take away
		}
		if err := ipCmd("addr", "del", p.String(), "dev", dev); err != nil {
			errs = append(errs, err)
			continue
		}
		delete(ours, p)
	}
	if len(add) > 0 && h.opts.macvlan && !h.links[dev] {
		if err := h.makeLinkLocked(mac, dev); err != nil {
			return errors.Join(append(errs, err)...)
		}
	}
	for _, p := range add {
		if !ours[p] && hasAddr(p.Addr()) {
			continue // already on this computer (a test put it there)
		}
		if err := ipCmd("addr", "add", p.String(), "dev", dev); err != nil {
			errs = append(errs, err)
			continue
		}
		ours[p] = true
	}
	return errors.Join(errs...)
}

// makeLinkLocked gives the camera its own interface with its MAC, and
// starts watching it for ARP/Ping.
func (h *linuxAddrs) makeLinkLocked(mac, dev string) error {
	hw := make([]string, 6)
	for i := range hw {
		hw[i] = strings.ToLower(mac[2*i : 2*i+2])
	}
	_ = ipCmd("link", "del", dev) // left over from a killed run
	if err := ipCmd("link", "add", "link", h.parent, "name", dev, "address", strings.Join(hw, ":"), "type", "macvlan", "mode", "bridge"); err != nil {
		return err
	}
	h.links[dev] = true
	// No IPv6 chatter from simulated cameras.
	_ = os.WriteFile("/proc/sys/net/ipv6/conf/"+dev+"/disable_ipv6", []byte("1"), 0o644)
	if err := ipCmd("link", "set", dev, "multicast", "on", "up"); err != nil {
		return err
	}
	if cam := h.cams[mac]; cam != nil {
		w, err := watchARPPing(dev, cam, h.opts.logf)
		if err != nil {
			h.opts.logf("camsim %s: not watching for ARP/Ping: %v", mac, err)
		} else {
			h.watchers[dev] = w
		}
	}
	return nil
}

func (h *linuxAddrs) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for dev, w := range h.watchers {
		w.close()
		delete(h.watchers, dev)
	}
	for dev, ours := range h.ours {
		if h.links[dev] {
			continue // the addresses go with the interface
		}
		for p := range ours {
			_ = ipCmd("addr", "del", p.String(), "dev", dev)
		}
	}
	for dev := range h.links {
		_ = ipCmd("link", "del", dev)
	}
	h.links = map[string]bool{}
	h.ours = map[string]map[netip.Prefix]bool{}
}

func hasAddr(a netip.Addr) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, x := range addrs {
		if p, err := netip.ParsePrefix(x.String()); err == nil && p.Addr() == a {
			return true
		}
	}
	return false
}

func ipCmd(args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
