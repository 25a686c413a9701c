package netif

import (
	"net/netip"
	"testing"
)

func TestContainsUsesTheSubnetNotTheHostAddress(t *testing.T) {
	it := Interface{Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}
	if !it.Contains(netip.MustParseAddr("10.0.4.200")) {
		t.Fatal("10.0.4.200 should be on 10.0.4.17/24")
	}
	if it.Contains(netip.MustParseAddr("10.0.5.1")) {
		t.Fatal("10.0.5.1 is not on 10.0.4.17/24")
	}
}

func TestUsableSkipsLoopbackDownAndAddresslessAndPutsPhysicalFirst(t *testing.T) {
	p := []netip.Prefix{netip.MustParsePrefix("192.168.1.2/24")}
	all := []Interface{
		{Name: "lo", Up: true, Multicast: true, Loopback: true, Prefixes: p},
		{Name: "utun3", Up: true, Multicast: true, Virtual: true, Prefixes: p},
		{Name: "eth1", Up: false, Multicast: true, Prefixes: p},
		{Name: "eth2", Up: true, Multicast: true},
		{Name: "eth0", Up: true, Multicast: true, Prefixes: p},
	}
	got := Usable(all)
	if len(got) != 2 || got[0].Name != "eth0" || got[1].Name != "utun3" {
		t.Fatalf("got %+v", got)
	}
}

func TestLooksVirtualRecognisesCommonAdapters(t *testing.T) {
	for _, n := range []string{"docker0", "vEthernet (WSL)", "VirtualBox Host-Only Network", "utun2", "wg0", "tailscale0"} {
		if !LooksVirtual(n) {
			t.Errorf("%q should look virtual", n)
		}
	}
	for _, n := range []string{"eth0", "en0", "Ethernet", "Wi-Fi", "wlp2s0"} {
		if LooksVirtual(n) {
			t.Errorf("%q should look physical", n)
		}
	}
}

func TestSelectRejectsUnknownName(t *testing.T) {
	all := []Interface{{Name: "eth0"}}
	if _, err := Select(all, []string{"eth9"}); err == nil {
		t.Fatal("want error for unknown interface")
	}
	got, err := Select(all, nil)
	if err != nil || len(got) != 1 {
		t.Fatalf("empty selection keeps all: %v %v", got, err)
	}
}

func TestListReturnsLoopbackWithIPv4(t *testing.T) {
	all, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range all {
		if i.Loopback && i.Contains(netip.MustParseAddr("127.0.0.1")) {
			return
		}
	}
	t.Fatalf("no loopback interface with 127.0.0.1 in %+v", all)
}

func TestInterfaceForPicksTheUpInterfaceWhoseSubnetHoldsTheAddress(t *testing.T) {
	pfx := func(s ...string) []netip.Prefix {
		var out []netip.Prefix
		for _, p := range s {
			out = append(out, netip.MustParsePrefix(p))
		}
		return out
	}
	ifaces := []Interface{
		{Name: "eth1", Up: false, Prefixes: pfx("10.0.9.2/24")},
		// A loopback alias on a LAN subnet, as macOS allows on lo0.
		{Name: "lo", Up: true, Loopback: true, Prefixes: pfx("127.0.0.1/8", "10.0.4.250/32", "192.168.7.1/24")},
		{Name: "eth0", Up: true, Prefixes: pfx("10.0.4.17/24", "169.254.10.20/16")},
		{Name: "wlan0", Up: true, Prefixes: pfx("192.168.7.5/24")},
		{Name: "eth2", Up: true, Prefixes: pfx("10.0.9.3/24")},
	}
	cases := []struct {
		addr string
		want string // "" for none
	}{
		{"10.0.4.200", "eth0"},
		{"10.0.4.17", "eth0"},         // the computer's own address
		{"::ffff:10.0.4.200", "eth0"}, // IPv4 written as IPv6
		{"169.254.93.22", "eth0"},     // a second prefix of the same interface
		{"10.0.4.250", "eth0"},        // the loopback's /32 alias does not win
		{"192.168.7.9", "wlan0"},      // the loopback lists it first, but a LAN address is not loopback
		{"10.0.9.7", "eth2"},          // eth1 holds it too, but is down
		{"127.0.0.1", "lo"},           // a loopback address is on the loopback
		{"127.0.0.53", "lo"},
		{"192.168.0.90", ""}, // on no subnet of this computer
		{"fe80::1", ""},      // IPv6: the interfaces list IPv4 subnets only
		{"", ""},             // no address at all
	}
	for _, c := range cases {
		var a netip.Addr
		if c.addr != "" {
			a = netip.MustParseAddr(c.addr)
		}
		it, ok := InterfaceFor(ifaces, a)
		if ok != (c.want != "") || it.Name != c.want {
			t.Errorf("InterfaceFor(%s) = %q, %v; want %q", c.addr, it.Name, ok, c.want)
		}
	}
	if _, ok := InterfaceFor(nil, netip.MustParseAddr("10.0.4.200")); ok {
		t.Error("an interface found in an empty list")
	}
}
