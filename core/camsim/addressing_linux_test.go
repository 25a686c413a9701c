//go:build linux

package camsim_test

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// answersAt reports whether the camera's web server answers systemready at
// addr on port.
func answersAt(addr netip.Addr, port int) bool {
	r, err := try(plainClient(), http.MethodPost, "http://"+net.JoinHostPort(addr.String(), strconv.Itoa(port))+"/axis-cgi/systemready.cgi",
		"application/json", `{"apiVersion":"1","method":"systemready"}`)
	return err == nil && r.status == http.StatusOK
}

func portOf(t *testing.T, cam *camsim.Camera) int {
	t.Helper()
	ap, err := netip.ParseAddrPort(cam.HTTPURL()[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	return int(ap.Port())
}

func TestHardResetWithoutDHCPMovesEachGenerationToItsFallbackAddresses(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	installed := netip.MustParseAddr("10.9.0.5")
	for _, g := range camsim.Generations {
		rec := &recorder{}
		cam := startCam(t, camsim.Config{
			Generation: g, DHCP: camsim.DHCPOff, AddrHook: loHook, Announcers: []camsim.Announcer{rec},
			HTTPAddr: "10.9.0.5:0", HTTPSAddr: "10.9.0.5:0", DHCPAddr: netip.MustParsePrefix("10.9.0.5/24"),
		})
		port := portOf(t, cam)
		setUp(t, cam, firstUser(g), "pw")
		cam.PowerCycle(true)
		waitFor(t, "the camera to leave "+installed.String(), 5*time.Second, func() bool { return !answersAt(installed, port) })
		waitFor(t, "the camera to come back", 5*time.Second, func() bool { return cam.Snapshot().Online })

		var want []netip.Addr
		if g == camsim.Gen12 {
			// AXIS OS 12 without DHCP: link-local only.
			want = []netip.Addr{linkLocalOf(t, cam)}
		} else {
			want = []netip.Addr{netip.MustParseAddr("192.168.0.90"), netip.MustParseAddr(cam.Snapshot().Network.ZeroConfIPAddress)}
		}
		got := []netip.Addr{}
		for _, p := range cam.Addresses() {
			got = append(got, p.Addr())
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: back on %v, want %v", g, got, want)
		}
		for _, a := range want {
			if !answersAt(a, port) {
				t.Errorf("%s: nothing answers on %s:%d", g, a, port)
			}
		}
		if answersAt(installed, port) {
			t.Errorf("%s: still answers on its old address %s", g, installed)
		}
		if b := boot(t, cam); b.Data.NeedSetup != "yes" {
			t.Errorf("%s: needsetup %q after the reset", g, b.Data.NeedSetup)
		}
		if ev := rec.last(t, "announce"); !slices.Equal(ev.Addrs, want) || ev.HTTPAddr.Addr() != want[0] {
			t.Errorf("%s: announced %v with HTTP on %s, want %v", g, ev.Addrs, ev.HTTPAddr, want)
		}
		if ev := rec.last(t, "withdraw"); ev.HTTPAddr.Addr() != installed {
			t.Errorf("%s: withdrew %s, want the old address %s", g, ev.HTTPAddr, installed)
		}
		if err := cam.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// linkLocalOf is the camera's 169.254 address as it reports it.
func linkLocalOf(t *testing.T, cam *camsim.Camera) netip.Addr {
	t.Helper()
	for _, p := range cam.Addresses() {
		if p.Addr().As4()[0] == 169 {
			return p.Addr()
		}
	}
	t.Fatalf("no link-local address among %v", cam.Addresses())
	return netip.Addr{}
}

func TestCameraMovesAfterNewSettingsKeepsThemOnASoftResetAndTakesTheLeaseOnAHardOne(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	lease := netip.MustParseAddr("10.9.1.10")
	static := netip.MustParseAddr("10.9.2.20")
	cam := startCam(t, camsim.Config{
		Generation: camsim.Gen12, AddrHook: loHook,
		HTTPAddr: "10.9.1.10:0", HTTPSAddr: "off", DHCPAddr: netip.MustParsePrefix("10.9.1.10/24"),
	})
	port := portOf(t, cam)
	setUp(t, cam, "installer", "pw")
	c := digestClient("installer", "pw")
	r := postJSON(t, c, cam.HTTPURL()+"/axis-cgi/network_settings.cgi", `{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"eth0","configurationMode":"static","staticAddressConfigurations":[{"address":"10.9.2.20","prefixLength":24}]}}`)
	if r.status != http.StatusOK || r.body == "" {
		t.Fatalf("setIPv4AddressConfiguration: %d %s", r.status, r.body)
	}
	waitFor(t, "the camera to move to "+static.String(), 5*time.Second, func() bool { return answersAt(static, port) })
	if answersAt(lease, port) {
		t.Error("still answers on the DHCP address after moving to a static one")
	}

	// A soft factory default keeps the static address.
	back := downAndBack(t, cam)
	r = postJSON(t, digestClient("installer", "pw"), "http://"+net.JoinHostPort(static.String(), strconv.Itoa(port))+fwmgrPath,
		`{"apiVersion":"1.0","method":"factoryDefault","params":{"factoryDefaultMode":"soft"}}`)
	if r.status != http.StatusOK {
		t.Fatalf("soft factory default: %d %s", r.status, r.body)
	}
	back()
	if !answersAt(static, port) {
		t.Errorf("not back on %s after the soft reset", static)
	}

	// A hard one (the button) brings back DHCP, and with it the lease.
	cam.PowerCycle(true)
	waitFor(t, "the camera to come back on its lease "+lease.String(), 5*time.Second, func() bool { return answersAt(lease, port) })
	if answersAt(static, port) {
		t.Error("still answers on the static address after a hard reset with DHCP")
	}
}

func TestARPPingMovesTheCameraToTheAddressItWasPingedAt(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	target := netip.MustParseAddr("10.9.3.33")
	rec := &recorder{}
	cam := startCam(t, camsim.Config{
		Generation: camsim.Gen11, DHCP: camsim.DHCPOff, AddrHook: loHook, Announcers: []camsim.Announcer{rec},
		HTTPAddr: "192.168.0.90:0", HTTPSAddr: "192.168.0.90:0", DHCPAddr: netip.MustParsePrefix("192.168.0.90/24"),
	})
	port := portOf(t, cam)
	if !cam.ARPPing(target, camsim.ARPPingPayload) {
		t.Fatal("ARP/Ping refused right after start")
	}
	waitFor(t, "the camera to answer on "+target.String(), 5*time.Second, func() bool { return answersAt(target, port) })
	if answersAt(netip.MustParseAddr("192.168.0.90"), port) {
		t.Error("still answers on 192.168.0.90")
	}
	if ev := rec.last(t, "announce"); ev.HTTPAddr.Addr() != target || len(ev.Addrs) != 2 || ev.Addrs[0] != target {
		t.Errorf("announced %v (HTTP %s), want %s first and the link-local address", ev.Addrs, ev.HTTPAddr, target)
	}
	if got := cam.Addresses(); len(got) == 0 || got[0] != netip.PrefixFrom(target, 24) {
		t.Errorf("addresses %v, want %s/24 first", got, target)
	}
}

func TestMovedCameraAnswersAtItsNewAddressOnlyOnceItIsAnnouncedThere(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	target := netip.MustParseAddr("10.9.4.44")
	cam, g := startGated(t, camsim.Config{
		Generation: camsim.Gen11, DHCP: camsim.DHCPOff, AddrHook: loHook,
		HTTPAddr: "192.168.0.90:0", HTTPSAddr: "192.168.0.90:0", DHCPAddr: netip.MustParsePrefix("192.168.0.90/24"),
	})
	port := portOf(t, cam)
	if !cam.ARPPing(target, camsim.ARPPingPayload) {
		t.Fatal("ARP/Ping refused right after start")
	}
	g.whileAnnouncing(t, func(info camsim.AnnounceInfo) {
		if info.HTTPAddr.Addr() != target {
			t.Errorf("announced HTTP on %s, want %s", info.HTTPAddr, target)
		}
		if a := cam.Addresses(); len(a) > 0 {
			t.Errorf("answers on %v before it is announced at %s", a, target)
		}
	})
	waitFor(t, "the camera to answer on "+target.String(), 5*time.Second, func() bool { return answersAt(target, port) })
	if got := cam.Addresses(); len(got) == 0 || got[0].Addr() != target {
		t.Errorf("addresses %v once announced, want %s first", got, target)
	}
}
