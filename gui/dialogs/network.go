package dialogs

import (
	"context"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// onComputerNetwork reports whether addr is on a subnet of one of this
// computer's working interfaces.
func onComputerNetwork(local []netif.Interface, addr netip.Addr) bool {
	_, ok := netif.InterfaceFor(local, addr)
	return ok
}

// ComputerNetworks names this computer's subnets for a sentence.
func ComputerNetworks(local []netif.Interface) string {
	var nets []string
	for _, i := range netif.Usable(local) {
		for _, p := range i.Prefixes {
			if !p.Addr().IsLinkLocalUnicast() {
				nets = append(nets, p.Masked().String())
			}
		}
	}
	if len(nets) > 3 {
		nets = nets[:3]
	}
	return strings.Join(nets, ", ")
}

// ComputerAddressWords names this computer's networks by the addresses on
// them, for people who do not know what 10.0.4.0/24 means: "addresses
// starting with 10.0.4.".
func ComputerAddressWords(local []netif.Interface) string {
	var nets []string
	for _, i := range netif.Usable(local) {
		for _, p := range i.Prefixes {
			if p.Addr().Is4() && !p.Addr().IsLinkLocalUnicast() {
				nets = append(nets, NetworkWords(p))
			}
		}
	}
	if len(nets) > 3 {
		nets = nets[:3]
	}
	return strings.Join(nets, lang.X("network.or", " or "))
}

// NetworkWords names the addresses of network p the way people read them
// off their devices: "addresses starting with 10.0.4." when p ends at a
// dot, "addresses 10.0.4.0 to 10.0.4.127" when it does not.
func NetworkWords(p netip.Prefix) string {
	p = p.Masked()
	n := p.Bits()
	switch {
	case !p.Addr().Is4():
		return p.String()
	case n == 32:
		return lang.X("network.single", "only the address {{.Addr}}", map[string]any{"Addr": p.Addr().String()})
	case n > 0 && n%8 == 0:
		b := p.Addr().As4()
		start := ""
		for _, octet := range b[:n/8] {
			start += strconv.Itoa(int(octet)) + "."
		}
		return lang.X("network.starting_with", "addresses starting with {{.Start}}", map[string]any{"Start": start})
	}
	return lang.X("network.range", "addresses {{.First}} to {{.Last}}", map[string]any{"First": p.Addr().String(), "Last": addrplan.Broadcast(p).String()})
}

// parseMask reads a subnet mask as people copy it from a router's page
// (255.255.255.0) or as installers write it (/24, 24), and returns its
// length in bits.
func parseMask(s string) (int, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "/")
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 32
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	m := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	// A mask is ones then zeros: its complement plus one is a power of two.
	if m == 0 || (^m)&(^m+1) != 0 {
		return 0, false
	}
	return bits.OnesCount32(m), true
}

// localPrefixFor is the subnet of this computer's that holds addr, if any.
func localPrefixFor(local []netif.Interface, addr netip.Addr) (netip.Prefix, bool) {
	i, ok := netif.InterfaceFor(local, addr)
	if !ok {
		return netip.Prefix{}, false
	}
	return i.PrefixFor(addr)
}

// firstComputerPrefix is the computer's first usable routable subnet, the
// one a camera is most likely to be moved to.
func firstComputerPrefix(local []netif.Interface) (netip.Prefix, bool) {
	for _, i := range netif.Usable(local) {
		for _, p := range i.Prefixes {
			if !p.Addr().IsLinkLocalUnicast() {
				return p, true
			}
		}
	}
	return netip.Prefix{}, false
}

// cameraIPv4 is the camera's current IPv4 address, if known.
func cameraIPv4(d discovery.Device) (netip.Addr, bool) {
	for _, a := range d.Addresses {
		if a.Unmap().Is4() {
			return a.Unmap(), true
		}
	}
	return netip.Addr{}, false
}

// takenCheck knocks, off the Fyne goroutine, at an address being typed to
// learn whether something already answers there (Assign IP address and
// ARP/Ping both refuse or warn about such an address). Embedded in a
// dialog; tests replace knock and probeLaunch so nothing reaches beyond
// this machine.
type takenCheck struct {
	// probes counts running checks; probeLaunch starts one.
	probes      sync.WaitGroup
	probeLaunch func(func())
	knock       func(ctx context.Context, addr netip.Addr) bool
	// probed is the last address knocked at, and taken whether something
	// answered there, so that typing elsewhere does not knock again.
	probed netip.Addr
	taken  bool
}

func newTakenCheck(knock func(ctx context.Context, addr netip.Addr) bool) takenCheck {
	if knock == nil {
		// A world that offers no check: nothing is known to answer.
		knock = func(context.Context, netip.Addr) bool { return false }
	}
	return takenCheck{probeLaunch: func(fn func()) { go fn() }, knock: knock}
}

// checkTaken knocks at a once, and calls onTaken through ui when something
// answers and a is still the last address asked about. Asked again about
// an address already found taken, it calls onTaken at once.
func (c *takenCheck) checkTaken(ctx context.Context, a netip.Addr, ui func(func()), onTaken func()) {
	if a == c.probed {
		if c.taken {
			onTaken()
		}
		return
	}
	c.probed, c.taken = a, false
	c.probes.Add(1)
	c.probeLaunch(func() {
		defer c.probes.Done()
		if !c.knock(ctx, a) {
			return
		}
		ui(func() {
			if c.probed != a {
				return
			}
			c.taken = true
			onTaken()
		})
	})
}
