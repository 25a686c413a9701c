package mdnsresp

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camsim"
)

func TestCameraWithSeveralAddressesPublishesAnARecordForEachAndSendsFromThePrimary(t *testing.T) {
	factory := netip.MustParseAddr("192.168.0.90")
	linkLocal := netip.MustParseAddr("169.254.10.20")
	info := camInfo("ACCC8E270AD8", camsim.Gen11, "M1075-L", factory, true)
	// The link-local address repeated, and an IPv6 one, must not make extra
	// A records.
	info.Addrs = []netip.Addr{factory, linkLocal, linkLocal, netip.MustParseAddr("fe80::1")}
	c, err := newCamera(info, factory, 0, info.FriendlyNameBonjour, Misbehaviour{})
	if err != nil {
		t.Fatal(err)
	}
	if c.ip != factory || !slices.Equal(c.addrs, []netip.Addr{factory, linkLocal}) {
		t.Fatalf("sends from %s, addresses %v; want %s first, then %s", c.ip, c.addrs, factory, linkLocal)
	}
	var aRecs []int
	for i, rec := range c.records {
		if a, ok := rec.rr.(*dns.A); ok {
			aRecs = append(aRecs, i)
			if a.Hdr.Name != "axis-accc8e270ad8.local." {
				t.Errorf("A record owner %q", a.Hdr.Name)
			}
		}
	}
	if len(aRecs) != 2 {
		t.Fatalf("%d A records, want 2 (factory and link-local)", len(aRecs))
	}
	got := []netip.Addr{}
	for _, i := range aRecs {
		a, _ := netip.AddrFromSlice(c.records[i].rr.(*dns.A).A.To4())
		got = append(got, a)
	}
	if !slices.Equal(got, []netip.Addr{factory, linkLocal}) {
		t.Errorf("A records %v", got)
	}
	// A browser that asks for the service gets every address with the SRV.
	for _, rec := range c.records {
		if srv, ok := rec.rr.(*dns.SRV); ok && !slices.Equal(rec.extra, aRecs) {
			t.Errorf("SRV %s carries additional records %v, want the A records %v", srv.Hdr.Name, rec.extra, aRecs)
		}
	}
}
