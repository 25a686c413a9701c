package camsim_test

import (
	"net"
	"net/netip"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestNewFleetHasDistinctAxisMACsAndCyclesFirmwareAndModels(t *testing.T) {
	cams, err := camsim.NewFleet(camsim.FleetConfig{Count: 9, Firmware: "mixed"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, c := range cams {
		if seen[c.MAC()] {
			t.Errorf("duplicate MAC %s", c.MAC())
		}
		seen[c.MAC()] = true
		axis := false
		for _, oui := range camsim.AxisOUIs {
			axis = axis || strings.HasPrefix(c.MAC(), oui)
		}
		if !axis {
			t.Errorf("MAC %s has no Axis OUI", c.MAC())
		}
		if want := camsim.Generations[i%3]; c.Generation() != want {
			t.Errorf("camera %d: %s, want %s", i, c.Generation(), want)
		}
	}
	again, err := camsim.NewFleet(camsim.FleetConfig{Count: 9, Firmware: "mixed"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range cams {
		if cams[i].Model() != again[i].Model() {
			t.Errorf("camera %d model %s then %s: not deterministic", i, cams[i].Model(), again[i].Model())
		}
	}
	if cams[0].Model() == cams[3].Model() {
		t.Errorf("two 10.12 cameras share model %s; the fleet should cycle", cams[0].Model())
	}
}

func TestFleetStartsAndClosesOnLoopback(t *testing.T) {
	cams, err := camsim.NewFleet(camsim.FleetConfig{Count: 3, Firmware: "12.9", ResetDowntime: testDowntime})
	if err != nil {
		t.Fatal(err)
	}
	if err := camsim.StartAll(cams); err != nil {
		t.Fatal(err)
	}
	for _, c := range cams {
		if c.Generation() != camsim.Gen12 || systemReady(t, c).status != 200 {
			t.Errorf("camera %s not serving 12.9", c.MAC())
		}
	}
	if err := camsim.CloseAll(cams); err != nil {
		t.Fatal(err)
	}
	for _, c := range cams {
		if !refused(c) {
			t.Errorf("camera %s still listening after CloseAll", c.MAC())
		}
	}
}

func TestFleetWithIPsBindsEachCameraToItsAddress(t *testing.T) {
	ips, err := camsim.ParseIPRange("127.0.0.2-127.0.0.3")
	if err != nil {
		t.Fatal(err)
	}
	if ln, err := net.Listen("tcp", "127.0.0.3:0"); err != nil {
		t.Skipf("this OS does not route 127.0.0.3 to loopback: %v", err)
	} else {
		ln.Close()
	}
	cams, err := camsim.NewFleet(camsim.FleetConfig{Count: 2, Firmware: "11.11", IPs: ips})
	if err != nil {
		t.Fatal(err)
	}
	if err := camsim.StartAll(cams); err != nil {
		t.Fatal(err)
	}
	defer camsim.CloseAll(cams)
	for i, c := range cams {
		if !strings.HasPrefix(c.HTTPURL(), "http://"+ips[i].String()+":") || !strings.HasPrefix(c.HTTPSURL(), "https://"+ips[i].String()+":") {
			t.Errorf("camera %d on %s / %s", i, c.HTTPURL(), c.HTTPSURL())
		}
		if r := systemReady(t, c); r.status != 200 {
			t.Errorf("camera %d: %d", i, r.status)
		}
	}
	if _, err := camsim.NewFleet(camsim.FleetConfig{Count: 3, IPs: ips}); err == nil {
		t.Error("three cameras on two addresses accepted")
	}
}

func TestParseIPRange(t *testing.T) {
	got, err := camsim.ParseIPRange("10.0.0.250-10.0.1.4")
	if err != nil || len(got) != 11 || got[0] != netip.MustParseAddr("10.0.0.250") || got[10] != netip.MustParseAddr("10.0.1.4") {
		t.Errorf("range: %v %v", got, err)
	}
	if got, err := camsim.ParseIPRange("192.168.1.7"); err != nil || len(got) != 1 {
		t.Errorf("single: %v %v", got, err)
	}
	if got, err := camsim.ParseIPRange("10.0.0.0-10.0.15.255"); err != nil || len(got) != camsim.MaxFleet {
		t.Errorf("4096 addresses: %d %v", len(got), err)
	}
	for _, bad := range []string{"10.0.0.9-10.0.0.1", "10.0.0.0-10.0.16.0", "10.0.0.1-::1", "ten-eleven", "", "10.0.0.1-"} {
		if _, err := camsim.ParseIPRange(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNewFleetRejectsBadSizesAndFirmware(t *testing.T) {
	for _, cfg := range []camsim.FleetConfig{{Count: 0}, {Count: camsim.MaxFleet + 1}, {Count: 1, Firmware: "9.80"}} {
		if _, err := camsim.NewFleet(cfg); err == nil {
			t.Errorf("accepted %+v", cfg)
		}
	}
}
