package mcast

import (
	"net/netip"
	"os/exec"
	"slices"
	"testing"
)

func TestInterfacesAreTheTestNetworksMulticastOnesNotLoopback(t *testing.T) {
	tnet.Need(t)
	got, err := Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ifi := range got {
		names = append(names, ifi.Name)
	}
	slices.Sort(names)
	// The namespace holds lo (up, IPv4, but not multicast), va and vb.
	if !slices.Equal(names, []string{tnet.Cams.Name, tnet.Client.Name}) {
		t.Fatalf("interfaces %v, want %s and %s", names, tnet.Cams.Name, tnet.Client.Name)
	}
}

func TestIfIndexesFindsTheInterfaceHoldingAnAddress(t *testing.T) {
	tnet.Need(t)
	var x IfIndexes
	if got := x.Lookup(tnet.CamIPs[len(tnet.CamIPs)-1]); got != tnet.Cams.Index {
		t.Errorf("a camera address is on interface %d, want %d (%s)", got, tnet.Cams.Index, tnet.Cams.Name)
	}
	if got := x.Lookup(tnet.ClientIP); got != tnet.Client.Index {
		t.Errorf("the client address is on interface %d, want %d (%s)", got, tnet.Client.Index, tnet.Client.Name)
	}
	if got := x.Lookup(netip.MustParseAddr("192.0.2.1")); got != 0 {
		t.Errorf("an address no interface has is on interface %d, want 0", got)
	}
}

func TestIfIndexesFindsAnAddressAddedAfterTheFirstLookup(t *testing.T) {
	tnet.Need(t)
	var x IfIndexes
	if got := x.Lookup(tnet.CamIPs[0]); got != tnet.Cams.Index {
		t.Fatalf("a camera address is on interface %d, want %d", got, tnet.Cams.Index)
	}
	// A camera moved onto an address of its own after the fleet started.
	late := netip.MustParseAddr("10.77.9.9")
	if out, err := exec.Command("ip", "addr", "add", late.String()+"/16", "dev", tnet.Cams.Name).CombinedOutput(); err != nil {
		t.Fatalf("adding %s: %v: %s", late, err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "addr", "del", late.String()+"/16", "dev", tnet.Cams.Name).Run() })
	if got := x.Lookup(late); got != tnet.Cams.Index {
		t.Fatalf("%s, added later, is on interface %d, want %d", late, got, tnet.Cams.Index)
	}
}
