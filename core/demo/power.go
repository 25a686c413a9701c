package demo

import (
	"fmt"
	"net/netip"

	"github.com/openipu/openipu/core/camsim"
)

// The simulated office's hands: the reset wizard pulls a camera's plug and
// puts it back with the control button held, and the ARP/Ping dialog's
// 408-byte pings reach the camera by its MAC, as on a real network.

func (n *Network) camera(mac string) (*camera, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, c := range n.cams {
		if c.mac == mac {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no simulated camera %s", mac)
}

// Unplug cuts a simulated camera's power.
func (n *Network) Unplug(mac string) error {
	c, err := n.camera(mac)
	if err != nil {
		return err
	}
	c.sim.Unplug()
	n.poke()
	return nil
}

// Plug gives the power back; holdingButton is the control button held
// while powering up: a factory reset.
func (n *Network) Plug(mac string, holdingButton bool) error {
	c, err := n.camera(mac)
	if err != nil {
		return err
	}
	c.sim.Plug(holdingButton)
	n.poke()
	return nil
}

// ARPPing delivers the ARP/Ping method's 408-byte ping for addr to the
// camera with mac, and reports whether the camera took the address (it
// only does within its window after power-up).
func (n *Network) ARPPing(mac string, addr netip.Addr) bool {
	c, err := n.camera(mac)
	if err != nil {
		return false
	}
	took := c.sim.ARPPing(addr, camsim.ARPPingPayload)
	if took {
		n.poke()
	}
	return took
}
