// Package nstest gives the simulator's multicast responders a real network
// to be tested on without touching the machine's own. On Linux, as root, the
// test binary runs itself again in a throwaway network namespace holding a
// veth pair: cameras live on "va", the querier on "vb", and what one sends
// crosses the pair as it would cross a switch. Elsewhere, or without root,
// the network tests skip and say why.
//
// Only tests import it.
package nstest

import (
	"net"
	"net/netip"
	"testing"
)

// FleetSize is how many camera addresses the test network has.
const FleetSize = 300

// Network is the test network as the tests see it.
type Network struct {
	// Why is why the network tests skip, when they do.
	Why    string
	Cams   *net.Interface
	Client *net.Interface
	// ClientIP is the querier's address, CamIPs the cameras'.
	ClientIP netip.Addr
	CamIPs   []netip.Addr
}

// Need skips t when there is no test network.
func (n *Network) Need(t testing.TB) {
	t.Helper()
	if n.Why != "" {
		t.Skip(n.Why)
	}
}
