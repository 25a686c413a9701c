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
