package camsim

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"time"
)

// DHCPMode says whether a DHCP server answers the camera.
type DHCPMode int

const (
	// DHCPOn: a DHCP server hands out Config.DHCPAddr (the default).
	DHCPOn DHCPMode = iota
	// DHCPOff: no DHCP server; after a hard reset the firmware falls back to
	// 192.168.0.90 plus link-local (≤11) or link-local only (12).
	DHCPOff
)

// DefaultARPPingWindow is how long after boot a camera listens for ARP/Ping
// ([I] "about 2 minutes"; docs/protocol.md, ARP/Ping).
const DefaultARPPingWindow = 2 * time.Minute

// ARPPingPayload is the ICMP echo payload size that asks an Axis camera to
// take the address it was sent to (`ping -l 408` / `ping -s 408`;
// docs/protocol.md, ARP/Ping).
const ARPPingPayload = 408

// linkLocalNet is where ZeroConf addresses live.
var linkLocalNet = netip.MustParsePrefix("169.254.0.0/16")

// addressesFor is where the firmware puts itself for a network
// configuration (docs/protocol.md, Address after a reset), primary first:
// the static address, or the DHCP lease, or without DHCP the static fallback
// (≤11, or 12 with "fallback to static" on); then the link-local address,
// always beside on ≤11 and as the last resort on 12.
func addressesFor(n NetworkState, dhcp DHCPMode, lease netip.Prefix, mac string) []netip.Prefix {
	var out []netip.Prefix
	static := func() {
		a, err := netip.ParseAddr(n.IPAddress)
		if err != nil || !a.Is4() {
			return
		}
		bits, ok := maskToPrefix(n.SubnetMask)
		if !ok {
			bits = 24
		}
		out = append(out, netip.PrefixFrom(a, bits))
	}
	switch {
	case n.BootProto == "none":
		static()
	case dhcp == DHCPOn && lease.IsValid():
		out = append(out, lease)
	case n.StaticDHCPFallback:
		static()
	}
	ll := n.ZeroConfIPAddress
	if ll == "" && n.ZeroConfEnabled && len(out) == 0 {
		ll = linkLocalFor(mac)
	}
	if a, err := netip.ParseAddr(ll); err == nil && !slices.ContainsFunc(out, func(p netip.Prefix) bool { return p.Addr() == a }) {
		out = append(out, netip.PrefixFrom(a, 16))
	}
	return out
}

// installedStatic turns a factory configuration into the static one of a
// camera installed at addr, for a network without DHCP.
func installedStatic(n NetworkState, addr netip.Prefix) NetworkState {
	if !addr.IsValid() || !addr.Addr().Is4() {
		return n
	}
	n.BootProto = "none"
	n.IPAddress = addr.Addr().String()
	n.SubnetMask = prefixToMask(addr.Bits())
	n.Broadcast = broadcastOf(n.IPAddress, addr.Bits())
	return n
}

// wantAddrsLocked is where the camera should be now. Without an AddrHook it
// stays where it was started.
func (c *Camera) wantAddrsLocked() []netip.Prefix {
	if c.cfg.AddrHook == nil {
		return []netip.Prefix{netip.PrefixFrom(c.httpBind.Addr(), c.httpBind.Addr().BitLen())}
	}
	return addressesFor(c.net, c.cfg.DHCP, c.cfg.DHCPAddr, c.cfg.MAC)
}

// placeLocked asks the host for the addresses the camera should hold and
// gives back the ones it should not.
func (c *Camera) placeLocked(want []netip.Prefix) error {
	add := diffPrefixes(want, c.held)
	remove := diffPrefixes(c.held, want)
	if len(add) == 0 && len(remove) == 0 {
		return nil
	}
	if err := c.cfg.AddrHook(c.cfg.MAC, add, remove); err != nil {
		return fmt.Errorf("camsim %s: moving to %v: %w", c.cfg.MAC, want, err)
	}
	c.held = slices.Clone(want)
	return nil
}

// releaseLocked gives every address back: the camera is off the network.
func (c *Camera) releaseLocked() {
	if c.cfg.AddrHook == nil || len(c.held) == 0 {
		c.held, c.bound = nil, nil
		return
	}
	if err := c.cfg.AddrHook(c.cfg.MAC, nil, c.held); err != nil {
		c.cfg.Logf("camsim %s: releasing %v: %v", c.cfg.MAC, c.held, err)
	}
	c.held, c.bound = nil, nil
}

// listenMovedLocked binds every wanted address on the camera's ports, the
// primary one first; a secondary address that cannot be bound (a link-local
// clash) is left out rather than keeping the camera off the network.
func (c *Camera) listenMovedLocked() ([]net.Listener, error) {
	want := c.wantAddrsLocked()
	if len(want) == 0 {
		return nil, errors.New("camsim: no address to be on (DHCP off and link-local off)")
	}
	if err := c.placeLocked(want); err != nil {
		return nil, err
	}
	var lns []net.Listener
	c.bound = c.bound[:0]
	closeAll := func() {
		for _, ln := range lns {
			_ = ln.Close()
		}
	}
	httpPort, httpsPort := c.httpBind.Port(), c.httpsBind.Port()
	for i, p := range want {
		ln, err := net.Listen("tcp", netip.AddrPortFrom(p.Addr(), httpPort).String())
		if err != nil {
			if i == 0 {
				return nil, fmt.Errorf("camsim: listen %s: %w", p.Addr(), err)
			}
			c.cfg.Logf("camsim %s: not listening on %s: %v", c.cfg.MAC, p.Addr(), err)
			continue
		}
		if i == 0 {
			c.httpBind = boundAddr(ln, netip.AddrPortFrom(p.Addr(), httpPort))
			httpPort = c.httpBind.Port()
		}
		lns = append(lns, ln)
		c.bound = append(c.bound, p)
		if !c.httpsOn {
			continue
		}
		sln, err := net.Listen("tcp", netip.AddrPortFrom(p.Addr(), httpsPort).String())
		if err != nil {
			if i == 0 {
				closeAll()
				return nil, fmt.Errorf("camsim: listen %s: %w", p.Addr(), err)
			}
			c.cfg.Logf("camsim %s: not listening on %s: %v", c.cfg.MAC, p.Addr(), err)
			continue
		}
		if i == 0 {
			c.httpsBind = boundAddr(sln, netip.AddrPortFrom(p.Addr(), httpsPort))
			httpsPort = c.httpsBind.Port()
		}
		lns = append(lns, tls.NewListener(sln, c.tlsConfig()))
	}
	return lns, nil
}

// heldAddrsLocked is what the camera announces: every address it answers on.
func (c *Camera) heldAddrsLocked() []netip.Addr {
	if c.cfg.AddrHook == nil || len(c.bound) == 0 {
		return []netip.Addr{c.httpBind.Addr()}
	}
	out := make([]netip.Addr, len(c.bound))
	for i, p := range c.bound {
		out[i] = p.Addr()
	}
	return out
}

// scheduleMoveLocked moves the camera after d, as a real one does once it
// has sent its reply to the change.
func (c *Camera) scheduleMoveLocked(d time.Duration) {
	if c.cfg.AddrHook == nil || c.closed {
		return
	}
	if c.moveTimer != nil {
		c.moveTimer.Stop()
	}
	c.moveTimer = time.AfterFunc(d, c.move)
}

// move takes the camera from its addresses to the ones its configuration
// now asks for: the old listeners close, connections to them die, and the
// responders withdraw the old addresses and announce the new ones.
func (c *Camera) move() {
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	if c.closed || !c.online || slices.Equal(c.wantAddrsLocked(), c.held) {
		c.mu.Unlock()
		return
	}
	srvs, old := c.stopServingLocked()
	c.mu.Unlock()

	c.withdraw(old)
	for _, s := range srvs {
		_ = s.Close()
	}

	c.mu.Lock()
	if c.closed || !c.online {
		c.mu.Unlock()
		return
	}
	lns, err := c.listenLocked()
	if err != nil {
		c.cfg.Logf("camsim %s: move: %v", c.cfg.MAC, err)
		c.moveTimer = time.AfterFunc(time.Second, c.move)
		c.mu.Unlock()
		return
	}
	info := c.announceThenServeLocked(lns)
	c.cfg.Logf("camsim %s: moved to %v", c.cfg.MAC, info.Addrs)
}

// Addresses are the addresses the camera answers on now, primary first;
// none while it is off the network or on its way between addresses.
func (c *Camera) Addresses() []netip.Prefix {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.online || len(c.servers) == 0 {
		return nil
	}
	if c.cfg.AddrHook == nil {
		return []netip.Prefix{netip.PrefixFrom(c.httpBind.Addr(), c.httpBind.Addr().BitLen())}
	}
	return slices.Clone(c.bound)
}

// ARPPing is an ICMP echo request that reached the camera's MAC address for
// dst with payload bytes of data. Within ARPPingWindow after boot, with
// Network.ARPPingIPAddress.Enabled=yes and the 408-byte payload, the camera
// takes dst as its static address (/24) and moves there; ARPPing reports
// whether it did. Whether real firmware also refuses when it already has a
// static address is not known (docs/protocol.md, Open questions); the
// simulator accepts.
func (c *Camera) ARPPing(dst netip.Addr, payload int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	dst = dst.Unmap()
	switch {
	case c.closed || !c.online || payload != ARPPingPayload || !dst.Is4():
		return false
	case c.cfg.ARPPingWindow <= 0 || time.Since(c.bootTime) > c.cfg.ARPPingWindow:
		return false
	case c.overrides["Network.ARPPingIPAddress.Enabled"] == "no":
		return false
	case dst.IsMulticast() || dst.IsUnspecified() || linkLocalNet.Contains(dst):
		return false
	}
	for _, a := range c.heldAddrsLocked() {
		if a == dst {
			return false // an ordinary ping to an address it has
		}
	}
	n := installedStatic(c.net.clone(), netip.PrefixFrom(dst, 24))
	c.net = n
	c.cfg.Logf("camsim %s: ARP/Ping: taking %s", c.cfg.MAC, dst)
	c.scheduleMoveLocked(0)
	return true
}

func diffPrefixes(a, b []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range a {
		if !slices.Contains(b, p) {
			out = append(out, p)
		}
	}
	return out
}
