package demo

import (
	"net/netip"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/netif"
)

// The simulated computer: one wired connection on 10.0.4.0/24, as in a
// small office, plus the loopback adapter every computer has.
var (
	computerAddr = netip.MustParsePrefix("10.0.4.17/24")
	// Interface is the name of the computer's wired connection; every
	// camera is heard on it.
	Interface = "eth0"
)

func computerInterfaces() []netif.Interface {
	return []netif.Interface{
		{Name: "lo", Index: 1, Up: true, Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
		{Name: Interface, Index: 2, Up: true, Multicast: true, Prefixes: []netip.Prefix{computerAddr}},
	}
}

// spec is one camera of the demo fleet.
type spec struct {
	mac   string
	gen   camsim.Generation
	model string
	// lease is what the office's DHCP server gives the camera.
	lease netip.Addr
	// lateLease: the camera booted while the DHCP server was down, so it
	// sits on its fallback address until it asks again (after a restart,
	// a reset or a change of its network settings).
	lateLease bool
	setUp     bool
	// comesAndGoes: someone keeps unplugging this one.
	comesAndGoes bool
}

// fleet is the demo: every firmware generation, new and set-up cameras,
// one on the factory address and one with a loose cable. MACs are fixed so
// that screenshots and tests are repeatable.
var fleet = []spec{
	{mac: "ACCC8E7A1001", gen: camsim.Gen12, model: "Q1961-TE", lease: addr("10.0.4.101")},
	{mac: "ACCC8E7A1002", gen: camsim.Gen11, model: "M1075-L", lease: addr("10.0.4.102")},
	{mac: "00408C7A1003", gen: camsim.Gen10, model: "P3245-LVE", lease: addr("10.0.4.103")},
	{mac: "B8A44F7A1004", gen: camsim.Gen12, model: "P3265-LVE", lease: addr("10.0.4.104"), setUp: true},
	{mac: "ACCC8E7A1005", gen: camsim.Gen11, model: "M3086-V", lease: addr("10.0.4.105"), setUp: true},
	{mac: "00408C7A1006", gen: camsim.Gen10, model: "M3066-V", lease: addr("10.0.4.106"), setUp: true},
	{mac: "ACCC8E7A1007", gen: camsim.Gen11, model: "Q1951-E", lease: addr("10.0.4.107"), comesAndGoes: true},
	{mac: "E827257A1008", gen: camsim.Gen11, model: "P3245-LVE", lease: addr("10.0.4.108"), lateLease: true},
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }
