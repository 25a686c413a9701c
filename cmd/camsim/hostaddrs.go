package main

import (
	"net/netip"

	"github.com/openipu/openipu/core/camsim"
)

// hostOptions say how cameras get their addresses on this computer.
type hostOptions struct {
	// iface is the interface the cameras live on ("" = the one holding
	// the first camera address, else the first one that is up).
	iface string
	// first is the first camera address, to find iface.
	first netip.Addr
	// macvlan gives each camera its own interface with its own MAC, so a
	// frame sent to that MAC reaches it: what ARP/Ping needs.
	macvlan bool
	logf    func(format string, args ...any)
}

// hostAddrs puts simulated cameras' addresses on and off this computer's
// interfaces (camsim.Config.AddrHook), and in macvlan mode watches each
// camera's interface for ARP/Ping.
type hostAddrs interface {
	hook(mac string, add, remove []netip.Prefix) error
	// register tells which camera a MAC belongs to, before it starts.
	register(cam *camsim.Camera)
	// close takes every address and interface it made away again.
	close()
}
