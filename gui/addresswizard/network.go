package addresswizard

import (
	"net/netip"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/dialogs"
)

// iface is this computer's connection the camera was heard on, else its
// first usable one.
func (w *Wizard) iface() string {
	if len(w.cam.Interfaces) > 0 && w.cam.Interfaces[0] != "" {
		return w.cam.Interfaces[0]
	}
	for _, i := range netif.Usable(dialogs.Local(w.h.Backend())) {
		if !i.Loopback {
			return i.Name
		}
	}
	return ""
}

// homeNetwork is this computer's own IPv4 network on the camera's
// connection (not a link-local one, not the temporary address).
func (w *Wizard) homeNetwork() (netip.Prefix, bool) {
	name := w.iface()
	var first netip.Prefix
	for _, i := range dialogs.Local(w.h.Backend()) {
		if i.Loopback || !i.Up {
			continue
		}
		for _, p := range i.Prefixes {
			a := p.Addr()
			if !a.Is4() || a.IsLinkLocalUnicast() || p == w.tempPrefix {
				continue
			}
			if i.Name == name {
				return p, true
			}
			if !first.IsValid() {
				first = p
			}
		}
	}
	return first, first.IsValid()
}

// freeAddress suggests an address on the computer's network for the
// camera: from .100 up, none this computer or a listed camera has. Whether
// something else answers there is checked before it is used.
func (w *Wizard) freeAddress() (netip.Addr, bool) {
	home, ok := w.homeNetwork()
	if !ok || home.Bits() < 8 || home.Bits() > 30 {
		return netip.Addr{}, false
	}
	taken := map[netip.Addr]bool{home.Addr(): true}
	for _, d := range w.h.Cameras() {
		for _, a := range d.Addresses {
			taken[a.Unmap()] = true
		}
	}
	net := home.Masked()
	b := net.Addr().As4()
	start := netip.AddrFrom4([4]byte{b[0], b[1], b[2], b[3] + 100})
	if home.Bits() > 24 {
		start = net.Addr().Next()
	}
	for a := start; net.Contains(a); a = a.Next() {
		if taken[a] || a == addrplan.Broadcast(net) {
			continue
		}
		return a, true
	}
	return netip.Addr{}, false
}

// onHomeNetwork says a is an address for a camera on the computer's
// network: inside it, not its first or last address, not the computer's.
func (w *Wizard) onHomeNetwork(a netip.Addr) bool {
	home, ok := w.homeNetwork()
	net := home.Masked()
	return ok && net.Contains(a) && a != net.Addr() && a != addrplan.Broadcast(net) && a != home.Addr() &&
		a != w.tempPrefix.Addr()
}
