package addresswizard

import (
	"net/netip"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
)

func TestTheCameraIsReachedAtItsFactoryAddressElseItsLinkLocalOne(t *testing.T) {
	addrs := func(s ...string) discovery.Device {
		var d discovery.Device
		for _, a := range s {
			d.Addresses = append(d.Addresses, netip.MustParseAddr(a))
		}
		return d
	}
	for _, tc := range []struct {
		d    discovery.Device
		want string
	}{
		{addrs("169.254.17.8", "192.168.0.90"), "192.168.0.90"},
		{addrs("fe80::1", "169.254.17.8"), "169.254.17.8"},
		{addrs("172.16.5.9"), "172.16.5.9"},
	} {
		got, ok := cameraAddr(tc.d)
		if !ok || got.String() != tc.want {
			t.Errorf("cameraAddr(%v) = %v, want %s", tc.d.Addresses, got, tc.want)
		}
	}
	if _, ok := cameraAddr(addrs("fe80::1")); ok {
		t.Error("an IPv6-only camera was given an IPv4 address to reach")
	}
}

func TestTheSuggestedAddressIsFreeOnTheComputersNetworkAndNeverItsEnds(t *testing.T) {
	h := fakes.NewHost(t) // the computer is 192.168.1.10/24
	taken := fakes.Camera("ACCC8E000001", discovery.SetupDone, "192.168.1.100")
	h.SetCameras(taken)
	w := &Wizard{h: h, cam: fakes.Camera("ACCC8E000002", discovery.SetupNeeded, "192.168.0.90")}
	a, ok := w.freeAddress()
	if !ok || a != netip.MustParseAddr("192.168.1.101") {
		t.Fatalf("freeAddress = %v, want 192.168.1.101 (after the camera on .100)", a)
	}
	for _, s := range []string{"192.168.1.0", "192.168.1.255", "192.168.1.10", "192.168.0.5", "10.0.0.1"} {
		if w.onHomeNetwork(netip.MustParseAddr(s)) {
			t.Errorf("%s is offered for a camera", s)
		}
	}
	if !w.onHomeNetwork(netip.MustParseAddr("192.168.1.254")) {
		t.Error("192.168.1.254 is refused although it is on the computer's network")
	}
}
