package discovery

import (
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/netif"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestRegistry() (*registry, *fakeClock) {
	c := &fakeClock{t: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)}
	local := []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}}
	return newRegistry(c.now, local, 100), c
}

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

func TestObserveMergesSourcesAndAddressesIntoOneDevicePerMAC(t *testing.T) {
	r, _ := newTestRegistry()
	evs, probe := r.observe(Sighting{MAC: "accc8e270ad8", Source: SourceMDNS, Interface: "eth0", Addr: ip("10.0.4.50"), Extra: []netip.Addr{ip("169.254.3.4")}})
	if len(evs) != 1 || evs[0].Kind != Added || !probe {
		t.Fatalf("first sighting: %+v probe=%v", evs, probe)
	}
	evs, _ = r.observe(Sighting{MAC: "AC:CC:8E:27:0A:D8", Source: SourceSSDP, Interface: "eth0", Addr: ip("10.0.4.50")})
	if len(evs) != 1 || evs[0].Kind != Updated {
		t.Fatalf("second source should update: %+v", evs)
	}
	devs := r.devices()
	if len(devs) != 1 {
		t.Fatalf("want one device, got %d", len(devs))
	}
	d := devs[0]
	if d.MAC != "ACCC8E270AD8" || len(d.Sources) != 2 || d.Sources[0] != SourceMDNS || d.Sources[1] != SourceSSDP {
		t.Fatalf("device %+v", d)
	}
	if len(d.Addresses) != 2 || d.Addresses[0] != ip("10.0.4.50") || d.HTTPURL != "http://10.0.4.50/" {
		t.Fatalf("addresses %v url %q", d.Addresses, d.HTTPURL)
	}
}

func TestRepeatedIdenticalSightingIsNotNews(t *testing.T) {
	r, c := newTestRegistry()
	s := Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50")}
	r.observe(s)
	c.advance(time.Second)
	if evs, probe := r.observe(s); len(evs) != 0 || probe {
		t.Fatalf("duplicate announcement produced %+v probe=%v", evs, probe)
	}
}

func TestInvalidMACIsDropped(t *testing.T) {
	r, _ := newTestRegistry()
	for _, mac := range []string{"", "AXIS M1075-L", "ACCC8E270AD", "ACCC8E270AD8FF", "ZZCC8E270AD8"} {
		if evs, _ := r.observe(Sighting{MAC: mac, Source: SourceMDNS, Addr: ip("10.0.4.50")}); len(evs) != 0 {
			t.Fatalf("MAC %q accepted: %+v", mac, evs)
		}
	}
}

func TestGoodbyeMarksLostButKeepsDeviceAndAddress(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("10.0.4.50")})
	evs, _ := r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Goodbye: true})
	if len(evs) != 1 || evs[0].Kind != Lost || !evs[0].Device.Lost {
		t.Fatalf("byebye: %+v", evs)
	}
	d := r.devices()[0]
	if d.Diagnosis.Reach != ReachLost || len(d.Addresses) != 1 || d.Diagnosis.What.String() != "Not seen since 10:00:00." {
		t.Fatalf("lost device %+v", d)
	}
	evs, probe := r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("10.0.4.50")})
	if len(evs) != 1 || evs[0].Kind != Updated || evs[0].Device.Lost || !probe {
		t.Fatalf("return after byebye: %+v probe=%v", evs, probe)
	}
}

func TestDeviceBackAfterBeingLostForgetsItsOldPasswordState(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50")})
	r.enrich("ACCC8E270AD8", Enrichment{OK: true, Setup: SetupDone})
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Goodbye: true})
	// Reset with the control button: back on the factory address, which
	// this computer cannot reach, so no probe can say it needs a password.
	evs, probe := r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("192.168.0.90")})
	if len(evs) != 1 || !probe {
		t.Fatalf("return: %+v probe=%v", evs, probe)
	}
	if d := evs[0].Device; d.Setup != SetupUnknown || d.Diagnosis.Reach != ReachFactoryAddress {
		t.Fatalf("device after return %+v", d)
	}
}

func TestGoodbyeFromOneSourceKeepsDeviceAliveThroughAnother(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("10.0.4.50")})
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50")})
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Goodbye: true})
	if r.devices()[0].Lost {
		t.Fatal("mDNS still vouches for the camera")
	}
}

func TestMaxAgeExpiryMarksLost(t *testing.T) {
	r, c := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("10.0.4.50"), TTL: 30 * time.Second})
	c.advance(29 * time.Second)
	if evs := r.tick(); len(evs) != 0 {
		t.Fatalf("expired early: %+v", evs)
	}
	c.advance(2 * time.Second)
	evs := r.tick()
	if len(evs) != 1 || evs[0].Kind != Lost {
		t.Fatalf("after max-age: %+v", evs)
	}
	if evs := r.tick(); len(evs) != 0 {
		t.Fatalf("lost twice: %+v", evs)
	}
}

func TestUnicastDeviceIsLostAfterFailedReprobes(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceManual, Addr: ip("10.0.4.50")})
	if got := r.needReprobe(); len(got) != 1 {
		t.Fatalf("unicast-only list %v", got)
	}
	if evs := r.enrich("ACCC8E270AD8", Enrichment{OK: false}); len(evs) != 1 || evs[0].Kind != Updated || evs[0].Device.Diagnosis.Reach != ReachNoHTTP {
		t.Fatalf("first failure: %+v", evs)
	}
	evs := r.enrich("ACCC8E270AD8", Enrichment{OK: false})
	if len(evs) != 1 || evs[0].Kind != Lost {
		t.Fatalf("second failure: %+v", evs)
	}
}

func TestSSDPDeviceThatAnsweredBeforeIsLostWhenReprobesFail(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("10.0.4.50")})
	r.enrich("ACCC8E270AD8", Enrichment{OK: true})
	if got := r.needReprobe(); len(got) != 1 {
		t.Fatalf("SSDP-only device should be re-probed: %v", got)
	}
	r.enrich("ACCC8E270AD8", Enrichment{OK: false})
	evs := r.enrich("ACCC8E270AD8", Enrichment{OK: false})
	if len(evs) != 1 || evs[0].Kind != Lost {
		t.Fatalf("events %+v", evs)
	}
}

func TestUnreachableSSDPDeviceIsNotLostJustBecauseProbesFail(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceSSDP, Addr: ip("192.168.0.90")})
	for range 3 {
		r.enrich("ACCC8E270AD8", Enrichment{OK: false})
	}
	if d := r.devices()[0]; d.Lost || d.Diagnosis.Reach != ReachFactoryAddress {
		t.Fatalf("device %+v", d)
	}
}

func TestMDNSSightingsLastAFewLivenessRoundsWhateverTheirTTL(t *testing.T) {
	r, c := newTestRegistry()
	r.mdnsTTL = 35 * time.Second
	// An announcement's 75-minute TTL must not keep a dead camera listed.
	r.observe(Sighting{MAC: "00408C123456", Source: SourceMDNS, Addr: ip("10.0.4.51"), TTL: 4500 * time.Second})
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50"), TTL: 10 * time.Second})
	c.advance(20 * time.Second)
	if evs := r.tick(); len(evs) != 0 {
		t.Fatalf("lost after a legacy-unicast TTL: %+v", evs)
	}
	if got := r.needReprobe(); len(got) != 0 {
		t.Fatalf("mDNS vouches for it: %v", got)
	}
	c.advance(16 * time.Second)
	if evs := r.tick(); len(evs) != 2 || evs[0].Kind != Lost || evs[1].Kind != Lost {
		t.Fatalf("silent cameras not lost: %+v", evs)
	}
}

func TestEnrichmentFillsIdentityAndSetupAndBeatsAnnouncements(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50"), Model: "AXIS announced"})
	evs := r.enrich("ACCC8E270AD8", Enrichment{OK: true, Model: "AXIS M1075-L", Firmware: "12.9.57", Serial: "ACCC8E270AD8", Setup: SetupNeeded})
	if len(evs) != 1 {
		t.Fatalf("events %+v", evs)
	}
	d := evs[0].Device
	if d.Model != "AXIS M1075-L" || d.Firmware != "12.9.57" || !d.NeedsSetup() || !d.Enriched || d.Diagnosis.Reach != ReachOK {
		t.Fatalf("device %+v", d)
	}
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("10.0.4.50"), Model: "AXIS announced"})
	if got := r.devices()[0].Model; got != "AXIS M1075-L" {
		t.Fatalf("announcement overwrote the probed model: %q", got)
	}
}

func TestAddressesOnThisComputersNetworkComeFirst(t *testing.T) {
	r, _ := newTestRegistry()
	r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("169.254.9.9"), Extra: []netip.Addr{ip("192.168.0.90"), ip("10.0.4.50")}})
	d := r.devices()[0]
	if d.Addresses[0] != ip("10.0.4.50") || d.Addresses[1] != ip("192.168.0.90") || d.Addresses[2] != ip("169.254.9.9") {
		t.Fatalf("order %v", d.Addresses)
	}
	targets, _ := r.probeTargets("ACCC8E270AD8")
	want := []netip.AddrPort{netip.MustParseAddrPort("10.0.4.50:80"), netip.MustParseAddrPort("192.168.0.90:80"), netip.MustParseAddrPort("169.254.9.9:80")}
	if !slices.Equal(targets, want) {
		t.Fatalf("probe tries %v, want %v", targets, want)
	}
}

func TestFactoryAddressCameraIsDiagnosed(t *testing.T) {
	r, _ := newTestRegistry()
	evs, _ := r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: ip("192.168.0.90"), Extra: []netip.Addr{ip("169.254.9.9")}})
	if evs[0].Device.Diagnosis.Reach != ReachFactoryAddress {
		t.Fatalf("diagnosis %+v", evs[0].Device.Diagnosis)
	}
}

func TestDeviceCapBoundsMemoryUnderFlood(t *testing.T) {
	r, _ := newTestRegistry()
	r.maxDevices = 3
	for i := range 10 {
		mac := macaddr.Normalize("ACCC8E0000" + string(rune('0'+i)) + "0")
		r.observe(Sighting{MAC: mac, Source: SourceMDNS, Addr: ip("10.0.4.50")})
	}
	if n := len(r.devices()); n != 3 {
		t.Fatalf("devices %d", n)
	}
}

func TestAddressFloodPerDeviceIsBounded(t *testing.T) {
	r, _ := newTestRegistry()
	for i := range 100 {
		r.observe(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: netip.AddrFrom4([4]byte{10, 0, 4, byte(i)})})
	}
	if n := len(r.devices()[0].Addresses); n != 16 {
		t.Fatalf("addresses %d", n)
	}
}

func TestIsAxisMACKnowsAxisOUIs(t *testing.T) {
	if !IsAxisMAC("E82725000001") || IsAxisMAC("001122334455") {
		t.Fatal("OUI check")
	}
}
