package camsim_test

import (
	"net/netip"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// hostAddrs is an AddrHook that keeps the addresses a camera asked for, as
// the host's interface would.
type hostAddrs struct {
	mu   sync.Mutex
	have map[netip.Prefix]bool
	macs map[string]bool
}

func newHostAddrs() *hostAddrs {
	return &hostAddrs{have: map[netip.Prefix]bool{}, macs: map[string]bool{}}
}

func (h *hostAddrs) hook(mac string, add, remove []netip.Prefix) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.macs[mac] = true
	for _, p := range remove {
		delete(h.have, p)
	}
	for _, p := range add {
		h.have[p] = true
	}
	return nil
}

func (h *hostAddrs) list() []netip.Prefix {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []netip.Prefix
	for p := range h.have {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) })
	return out
}

// last is the most recent event of a kind.
func (r *recorder) last(t *testing.T, what string) camsim.AnnounceInfo {
	t.Helper()
	evs := r.events()
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].what == what {
			return evs[i].info
		}
	}
	t.Fatalf("no %s event", what)
	return camsim.AnnounceInfo{}
}

func TestWithoutAHookTheCameraStaysOnItsAddressWhateverTheResetSays(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11, DHCP: camsim.DHCPOff})
	url := cam.HTTPURL()
	if n := cam.Snapshot().Network; n.BootProto != "none" || n.IPAddress != "127.0.0.1" {
		t.Fatalf("a camera started without DHCP is installed static on its address: %+v", n)
	}
	back := downAndBack(t, cam)
	cam.PowerCycle(true)
	back()
	if cam.HTTPURL() != url {
		t.Errorf("moved from %s to %s without a hook", url, cam.HTTPURL())
	}
	if got := cam.Addresses(); len(got) != 1 || got[0].Addr().String() != "127.0.0.1" {
		t.Errorf("addresses %v, want only 127.0.0.1", got)
	}
	// The settings still say what a real camera would have done.
	if n := cam.Snapshot().Network; n.BootProto != "dhcp" || n.IPAddress != "192.168.0.90" || n.ZeroConfIPAddress == "" {
		t.Errorf("network after the hard reset %+v", n)
	}
}

func TestHookIsGivenTheAddressesOfEachPowerStateAndGetsThemBack(t *testing.T) {
	host := newHostAddrs()
	rec := &recorder{}
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11, AddrHook: host.hook, Announcers: []camsim.Announcer{rec}})
	setUp(t, cam, "installer", "pw")
	lease := netip.MustParsePrefix("127.0.0.1/24")
	ll := netip.MustParsePrefix(cam.Snapshot().Network.ZeroConfIPAddress + "/16")
	want := []netip.Prefix{lease, ll} // sorted by address
	if got := host.list(); !slices.Equal(got, want) {
		t.Fatalf("host addresses after Start %v, want the lease and the link-local address %v", got, want)
	}
	// The link-local address cannot be bound on this host, so it is not
	// announced; the lease is.
	if got := cam.Addresses(); !slices.Equal(got, []netip.Prefix{lease}) {
		t.Errorf("listening on %v, want %v", got, lease)
	}
	if ev := rec.last(t, "announce"); !slices.Equal(ev.Addrs, []netip.Addr{lease.Addr()}) || ev.HTTPAddr.Addr() != lease.Addr() {
		t.Errorf("announced %v (HTTP %s)", ev.Addrs, ev.HTTPAddr)
	}

	cam.Unplug()
	waitFor(t, "camera to leave the network", 5*time.Second, func() bool { return refused(cam) })
	if got := host.list(); len(got) != 0 {
		t.Errorf("an unplugged camera still holds %v", got)
	}
	if cam.PluggedIn() || cam.Addresses() != nil {
		t.Errorf("unplugged camera: plugged in %v, addresses %v", cam.PluggedIn(), cam.Addresses())
	}
	cam.Plug(true)
	waitFor(t, "camera to come back", 5*time.Second, func() bool { return !refused(cam) && cam.Snapshot().Online })
	if got := host.list(); !slices.Equal(got, want) {
		t.Errorf("host addresses after plugging in %v, want %v", got, want)
	}
	if s := cam.Snapshot(); !s.NeedsSetup || s.LastReset != "hard" {
		t.Errorf("plugged in with the button held: needs setup %v, last reset %q", s.NeedsSetup, s.LastReset)
	}
	if err := cam.Close(); err != nil {
		t.Fatal(err)
	}
	if got := host.list(); len(got) != 0 {
		t.Errorf("a closed camera still holds %v", got)
	}
}

func TestUnpluggedCameraStaysOffUntilPluggedAndKeepsItsSettings(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	setUp(t, cam, "installer", "pw")
	cam.Unplug()
	waitFor(t, "camera to leave the network", 5*time.Second, func() bool { return refused(cam) })
	// A second camera with the same downtime, power cycled twice after the
	// unplugging, is the clock: by the time it is back the second time,
	// the unplugged one would have come back if it were going to. Only
	// Plug brings it back.
	clock := startCam(t, camsim.Config{Generation: camsim.Gen12})
	for range 2 {
		back := downAndBack(t, clock)
		clock.PowerCycle(false)
		back()
	}
	if !refused(cam) || cam.Snapshot().Online {
		t.Fatal("an unplugged camera came back by itself")
	}
	cam.Plug(false)
	waitFor(t, "camera to come back", 5*time.Second, func() bool { return !refused(cam) && cam.Snapshot().Online })
	if s := cam.Snapshot(); s.NeedsSetup || len(s.Users) != 1 {
		t.Errorf("plugged in without the button: needs setup %v, users %v", s.NeedsSetup, s.Users)
	}
	// A power cycle of an unplugged camera is power coming back.
	cam.Unplug()
	waitFor(t, "camera to leave the network", 5*time.Second, func() bool { return refused(cam) })
	cam.PowerCycle(true)
	waitFor(t, "camera to come back", 5*time.Second, func() bool { return !refused(cam) && cam.Snapshot().Online })
	if !cam.Snapshot().NeedsSetup {
		t.Error("power cycle with the button held did not reset the camera")
	}
}

func TestARPPingIsTakenOnlyWithTheRightSizeInsideTheWindowWhenEnabled(t *testing.T) {
	target := netip.MustParseAddr("10.40.0.50")
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	if cam.ARPPing(target, 64) {
		t.Error("an ordinary 64-byte ping set the address")
	}
	if cam.ARPPing(netip.MustParseAddr("127.0.0.1"), camsim.ARPPingPayload) {
		t.Error("a ping to the address it has set the address")
	}
	setUp(t, cam, "installer", "pw")
	c := digestClient("installer", "pw")
	if r := call(t, c, "GET", cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.ARPPingIPAddress.Enabled=no", "", ""); r.body != "OK" {
		t.Fatalf("turning ARP/Ping off: %q", r.body)
	}
	if cam.ARPPing(target, camsim.ARPPingPayload) {
		t.Error("ARP/Ping worked with Network.ARPPingIPAddress.Enabled=no (hardened)")
	}
	if r := call(t, c, "GET", cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.ARPPingIPAddress.Enabled=yes", "", ""); r.body != "OK" {
		t.Fatalf("turning ARP/Ping on: %q", r.body)
	}
	if !cam.ARPPing(target, camsim.ARPPingPayload) {
		t.Fatal("a 408-byte ping within the window was refused")
	}
	if n := cam.Snapshot().Network; n.BootProto != "none" || n.IPAddress != target.String() || n.SubnetMask != "255.255.255.0" {
		t.Errorf("network after ARP/Ping %+v, want static %s/24", n, target)
	}

	const window = 300 * time.Millisecond
	late := startCam(t, camsim.Config{Generation: camsim.Gen12, ARPPingWindow: window})
	waitFor(t, "the window since boot to close", 5*time.Second, func() bool { return late.Snapshot().Uptime > window })
	if late.ARPPing(target, camsim.ARPPingPayload) {
		t.Error("ARP/Ping was taken after the window since boot closed")
	}
	// A power cycle opens the window again. Whether the ping comes within
	// it depends on the machine too: the camera's uptime, read after a
	// refusal, tells one inside the window (wrong) from one too late (try
	// again).
	for try := 1; ; try++ {
		back := downAndBack(t, late)
		late.PowerCycle(false)
		back()
		if late.ARPPing(target, camsim.ARPPingPayload) {
			break
		}
		if up := late.Snapshot().Uptime; up <= window {
			t.Fatalf("ARP/Ping refused %v after the power cycle, inside the %v window", up, window)
		}
		if try == 5 {
			t.Fatalf("the machine never pinged within %v of boot in %d power cycles", window, try)
		}
	}
}
