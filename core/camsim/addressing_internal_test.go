package camsim

import (
	"net/netip"
	"slices"
	"testing"
)

func TestAddressesForFollowEachGenerationsFallbacks(t *testing.T) {
	const mac = "ACCC8E270AD8"
	ll := netip.PrefixFrom(netip.MustParseAddr(linkLocalFor(mac)), 16)
	factory := netip.MustParsePrefix("192.168.0.90/24")
	lease := netip.MustParsePrefix("10.20.30.40/24")
	static := netip.MustParsePrefix("10.1.2.3/16")
	staticNet := func(g Generation) NetworkState {
		return installedStatic(factoryNetwork(profileOf(g), mac), static)
	}
	cases := []struct {
		name string
		n    NetworkState
		dhcp DHCPMode
		want []netip.Prefix
	}{
		{"10.12 factory with DHCP: lease and link-local", factoryNetwork(profileOf(Gen10), mac), DHCPOn, []netip.Prefix{lease, ll}},
		{"11.11 factory with DHCP: lease and link-local", factoryNetwork(profileOf(Gen11), mac), DHCPOn, []netip.Prefix{lease, ll}},
		{"12.9 factory with DHCP: the lease only", factoryNetwork(profileOf(Gen12), mac), DHCPOn, []netip.Prefix{lease}},
		{"10.12 factory without DHCP: 192.168.0.90 and link-local", factoryNetwork(profileOf(Gen10), mac), DHCPOff, []netip.Prefix{factory, ll}},
		{"11.11 factory without DHCP: 192.168.0.90 and link-local", factoryNetwork(profileOf(Gen11), mac), DHCPOff, []netip.Prefix{factory, ll}},
		{"12.9 factory without DHCP: link-local only", factoryNetwork(profileOf(Gen12), mac), DHCPOff, []netip.Prefix{ll}},
		{"11.11 static: the static address and link-local", staticNet(Gen11), DHCPOn, []netip.Prefix{static, ll}},
		{"12.9 static: the static address only", staticNet(Gen12), DHCPOff, []netip.Prefix{static}},
	}
	for _, tc := range cases {
		if got := addressesFor(tc.n, tc.dhcp, lease, mac); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}

	// 12.x with "fallback to static IP address if DHCP isn't available"
	// switched on behaves like 11.
	n := factoryNetwork(profileOf(Gen12), mac)
	n.StaticDHCPFallback = true
	if got := addressesFor(n, DHCPOff, lease, mac); !slices.Equal(got, []netip.Prefix{factory}) {
		t.Errorf("12.9 with static fallback on, no DHCP: %v, want only %v", got, factory)
	}
	// Nothing at all when link-local is switched off and DHCP is silent.
	n = factoryNetwork(profileOf(Gen12), mac)
	n.ZeroConfEnabled = false
	if got := addressesFor(n, DHCPOff, lease, mac); len(got) != 0 {
		t.Errorf("12.9 with link-local off and no DHCP: %v, want no address", got)
	}
}

func TestLinkLocalAddressIsStablePerMACAndInsideTheZeroConfRange(t *testing.T) {
	a := netip.MustParseAddr(linkLocalFor("ACCC8E270AD8"))
	if a != netip.MustParseAddr(linkLocalFor("ACCC8E270AD8")) {
		t.Fatal("the same MAC gave two link-local addresses")
	}
	// RFC 3927 §2.1: 169.254.1.0 to 169.254.254.255.
	b := a.As4()
	if !linkLocalNet.Contains(a) || b[2] < 1 || b[2] > 254 {
		t.Errorf("%s is outside 169.254.1.0-169.254.254.255", a)
	}
	if linkLocalFor("ACCC8E270AD9") == a.String() {
		t.Error("two MACs one apart share a link-local address")
	}
}
