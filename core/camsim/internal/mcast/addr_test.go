package mcast

import (
	"net/netip"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestCameraAddrIsTheHTTPAddressElseTheHTTPSOneAndOnlyIPv4(t *testing.T) {
	ap := netip.MustParseAddrPort
	cases := []struct {
		name        string
		http, https netip.AddrPort
		want        netip.Addr
		ok          bool
	}{
		{"HTTP first", ap("10.0.0.5:80"), ap("10.0.0.6:443"), netip.MustParseAddr("10.0.0.5"), true},
		{"HTTPS when HTTP is off", netip.AddrPort{}, ap("10.0.0.6:443"), netip.MustParseAddr("10.0.0.6"), true},
		{"IPv4-mapped unmapped", ap("[::ffff:10.0.0.7]:80"), netip.AddrPort{}, netip.MustParseAddr("10.0.0.7"), true},
		{"IPv6 only", ap("[fe80::1]:80"), netip.AddrPort{}, netip.Addr{}, false},
		{"no address", netip.AddrPort{}, netip.AddrPort{}, netip.Addr{}, false},
	}
	for _, c := range cases {
		ip, ok := CameraAddr(camsim.AnnounceInfo{HTTPAddr: c.http, HTTPSAddr: c.https})
		if ok != c.ok || (ok && ip != c.want) {
			t.Errorf("%s: got %s %v, want %s %v", c.name, ip, ok, c.want, c.ok)
		}
	}
}
