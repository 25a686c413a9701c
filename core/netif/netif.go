// Package netif lists this computer's network interfaces in the form
// discovery needs: which ones can carry multicast, and which IPv4 subnets they
// are on. Discovery searches each interface on its own so that a VPN or a
// virtual adapter cannot hide the LAN, and the reachability diagnosis compares
// a camera's addresses with these subnets.
package netif

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
)

// Interface is one network adapter with its IPv4 subnets.
type Interface struct {
	Name      string
	Index     int
	Up        bool
	Multicast bool
	Loopback  bool
	// NoCarrier is true when the interface is up but its link is not: no
	// cable, or Wi-Fi not associated. Only Linux says so apart from Up: it
	// keeps a fixed address on an unplugged port, where Windows reports
	// the adapter down and macOS takes the address away.
	NoCarrier bool
	// Virtual is a best guess that this is a VPN, container or hypervisor
	// adapter, used only to order and label interfaces for the user.
	Virtual  bool
	Prefixes []netip.Prefix // IPv4 addresses with their subnet, e.g. 10.0.4.17/24
}

// Usable reports whether discovery should search this interface.
func (i Interface) Usable() bool {
	return i.Up && i.Multicast && !i.Loopback && len(i.Prefixes) > 0
}

// Contains reports whether addr is on one of the interface's subnets.
func (i Interface) Contains(addr netip.Addr) bool {
	_, ok := i.PrefixFor(addr)
	return ok
}

// PrefixFor is the interface's own address and subnet that hold addr.
func (i Interface) PrefixFor(addr netip.Addr) (netip.Prefix, bool) {
	for _, p := range i.Prefixes {
		if p.Masked().Contains(addr) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

// List returns the computer's interfaces. Interfaces whose addresses cannot
// be read are still listed, without prefixes, so the user can see them.
func List() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listing network interfaces: %w", err)
	}
	out := make([]Interface, 0, len(ifs))
	for _, ni := range ifs {
		it := Interface{
			Name:      ni.Name,
			Index:     ni.Index,
			Up:        ni.Flags&net.FlagUp != 0,
			Multicast: ni.Flags&net.FlagMulticast != 0,
			Loopback:  ni.Flags&net.FlagLoopback != 0,
			NoCarrier: ni.Flags&net.FlagUp != 0 && ni.Flags&net.FlagRunning == 0,
			Virtual:   LooksVirtual(ni.Name),
		}
		if addrs, err := ni.Addrs(); err == nil {
			it.Prefixes = ipv4Prefixes(addrs)
		}
		out = append(out, it)
	}
	return out, nil
}

func ipv4Prefixes(addrs []net.Addr) []netip.Prefix {
	var out []netip.Prefix
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip4 := ipn.IP.To4()
		if ip4 == nil {
			continue
		}
		ones, bits := ipn.Mask.Size()
		if bits != 32 {
			continue
		}
		addr, _ := netip.AddrFromSlice(ip4)
		out = append(out, netip.PrefixFrom(addr, ones))
	}
	return out
}

// virtualPrefixes are interface-name starts that usually mean a tunnel,
// container bridge or hypervisor adapter on Linux, macOS or Windows.
var virtualPrefixes = []string{
	"docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "utun", "tun", "tap",
	"wg", "zt", "tailscale", "awdl", "llw", "bridge", "anpi", "ap", "gif", "stf",
	"vethernet", "hyper-v", "vmware", "virtualbox", "npcap", "teredo", "isatap",
}

// LooksVirtual guesses from the name whether an adapter is virtual. Windows
// names are free text ("vEthernet (WSL)", "VirtualBox Host-Only Network"), so
// the check is on lower-case prefixes and words.
func LooksVirtual(name string) bool {
	n := strings.ToLower(name)
	for _, p := range virtualPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	for _, w := range []string{"virtual", "vpn", "wsl", "host-only", "loopback pseudo"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Usable filters the interfaces discovery should search, physical ones first.
func Usable(all []Interface) []Interface {
	var out []Interface
	for _, i := range all {
		if i.Usable() {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b Interface) int {
		switch {
		case a.Virtual == b.Virtual:
			return 0
		case !a.Virtual:
			return -1
		default:
			return 1
		}
	})
	return out
}

// Select keeps only the named interfaces; an empty list keeps all.
func Select(all []Interface, names []string) ([]Interface, error) {
	if len(names) == 0 {
		return all, nil
	}
	var out []Interface
	for _, n := range names {
		i := slices.IndexFunc(all, func(it Interface) bool { return it.Name == n })
		if i < 0 {
			return nil, fmt.Errorf("no network interface named %q", n)
		}
		out = append(out, all[i])
	}
	return out, nil
}

// InterfaceFor is the interface a packet to or from a travels through: the
// first up interface in ifaces whose subnet holds a. A loopback interface
// counts only when a is itself a loopback address, so that an alias on the
// loopback (as macOS allows) cannot claim a camera on the LAN.
func InterfaceFor(ifaces []Interface, a netip.Addr) (Interface, bool) {
	a = a.Unmap()
	if !a.IsValid() {
		return Interface{}, false
	}
	for _, it := range ifaces {
		if !it.Up || (it.Loopback && !a.IsLoopback()) {
			continue
		}
		if it.Contains(a) {
			return it, true
		}
	}
	return Interface{}, false
}
