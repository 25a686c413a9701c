package demo

import (
	"net/netip"
	"reflect"
	"slices"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
)

// camera is one simulated camera and what the demo network announced for
// it.
type camera struct {
	spec
	n          *Network
	sim        *camsim.Camera
	initialNet camsim.NetworkState

	// Guarded by n.mu.
	online bool
	info   camsim.AnnounceInfo
	// addrs are the made-up addresses it was last announced at (primary
	// first); they stay mapped while the camera is away, so a client that
	// tries it meets a closed port, as with a real camera that is off.
	addrs []netip.Addr
	// announced: the engine holds a live sighting of it.
	announced bool
}

// Announce is camsim telling that the camera is on the network. The
// addresses depend on its settings, which must not be read from inside the
// camera's callback, so the sync loop reads them and announces.
func (c *camera) Announce(info camsim.AnnounceInfo) {
	c.n.mu.Lock()
	c.online, c.info = true, info
	c.n.mu.Unlock()
	c.n.poke()
}

// Withdraw is camsim telling that the camera leaves (power cut, reset,
// close): its mDNS responder sends goodbyes.
func (c *camera) Withdraw(camsim.AnnounceInfo) {
	n := c.n
	n.mu.Lock()
	defer n.mu.Unlock()
	c.online = false
	if c.announced {
		c.announced = false
		n.injectLocked(c, true)
	}
}

// Sync re-reads every camera's network settings now and announces the ones
// that moved, so a caller that has just changed a camera's address finds it
// at the new one. The demo also does this on its own every quarter second.
func (n *Network) Sync() { n.sync(false) }

func (n *Network) sync(all bool) {
	n.syncMu.Lock()
	defer n.syncMu.Unlock()
	n.mu.Lock()
	all = all || n.announceAll
	n.announceAll = false
	n.mu.Unlock()
	for _, c := range n.cams {
		st := c.sim.Snapshot()
		if !st.Online {
			continue
		}
		addrs := c.addresses(st)
		n.mu.Lock()
		if c.online && len(addrs) > 0 {
			moved := !slices.Equal(addrs, c.addrs)
			if moved && c.announced {
				n.injectLocked(c, true) // goodbye from the old address
				c.announced = false
			}
			c.addrs = addrs
			if moved || all || !c.announced {
				n.injectLocked(c, false)
				c.announced = true
			}
		}
		n.mu.Unlock()
	}
	n.mu.Lock()
	clear(n.byAddr)
	for _, c := range n.cams {
		for _, a := range c.addrs {
			if _, taken := n.byAddr[a]; !taken {
				n.byAddr[a] = c
			}
		}
	}
	n.mu.Unlock()
}

// addresses are where the camera is on the made-up network, from its
// stored settings: a static address, or the DHCP lease, or (no DHCP
// answer) the static fallback 192.168.0.90, plus the link-local address
// the firmware keeps beside it.
func (c *camera) addresses(st camsim.State) []netip.Addr {
	nw := st.Network
	var out []netip.Addr
	add := func(s string) {
		if a, err := netip.ParseAddr(s); err == nil && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	leased := c.lease.IsValid() && (!c.lateLease || st.Resets > 0 || !reflect.DeepEqual(nw, c.initialNet))
	switch {
	case nw.BootProto == "none":
		add(nw.IPAddress)
	case leased:
		out = append(out, c.lease)
	case nw.StaticDHCPFallback:
		add(nw.IPAddress)
	}
	if nw.ZeroConfIPAddress != "" {
		add(nw.ZeroConfIPAddress)
	}
	return out
}

// injectLocked hands the engine what the camera's mDNS responder would
// say on the computer's wired connection.
func (n *Network) injectLocked(c *camera, goodbye bool) {
	if !n.hearsCams || len(c.addrs) == 0 {
		return
	}
	s := discovery.Sighting{
		MAC:       c.mac,
		Source:    discovery.SourceMDNS,
		Interface: Interface,
		Addr:      c.addrs[0],
		Extra:     slices.Clone(c.addrs[1:]),
		HTTPPort:  80,
		Model:     c.info.ProdShortName,
		FullName:  c.info.FullName,
		Serial:    c.mac,
		Name:      c.info.FriendlyNameBonjour,
		Service:   "_axis-video._tcp",
		TTL:       mdnsTTL,
		Goodbye:   goodbye,
	}
	if c.info.HTTPSAddr.IsValid() {
		s.HTTPSPort = 443
	}
	n.engine.Inject(s)
}
