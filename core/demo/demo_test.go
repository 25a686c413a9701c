package demo

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
)

// fast is a demo on a test's clock: the loose cable drops every second and
// stays away half a second.
var fast = Options{Liveness: 300 * time.Millisecond, ResetDowntime: 500 * time.Millisecond, ComeAndGo: time.Second, AwayFor: 500 * time.Millisecond}

func startDemo(t *testing.T, opts Options) (*Network, <-chan discovery.Event) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	n, err := Start(ctx, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	events, err := n.Engine().Run(ctx)
	if err != nil {
		cancel()
		n.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := n.Close(); err != nil {
			t.Errorf("closing the demo: %v", err)
		}
	})
	return n, events
}

// watch applies events to a device table until done says so.
func watch(t *testing.T, events <-chan discovery.Event, within time.Duration, done func(map[string]discovery.Device, discovery.Event) bool) map[string]discovery.Device {
	t.Helper()
	devs := map[string]discovery.Device{}
	deadline := time.After(within)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream closed")
			}
			devs[ev.Device.MAC] = ev.Device
			if done(devs, ev) {
				return devs
			}
		case <-deadline:
			for _, d := range devs {
				t.Logf("%s %v lost=%v setup=%v reach=%v", d.MAC, d.Addresses, d.Lost, d.Setup, d.Diagnosis.Reach)
			}
			t.Fatalf("not done within %v", within)
		}
	}
}

func settled(devs map[string]discovery.Device) bool {
	if len(devs) != len(fleet) {
		return false
	}
	for _, d := range devs {
		if d.Lost || d.Diagnosis.Reach == discovery.ReachUnknown {
			return false
		}
	}
	return true
}

func TestEngineFindsWholeFleetWithFactoryCameraDiagnosedAndSetupStatesProbed(t *testing.T) {
	_, events := startDemo(t, Options{ComeAndGo: -1})
	devs := watch(t, events, 20*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool { return settled(d) })

	for _, s := range fleet {
		d, ok := devs[s.mac]
		if !ok {
			t.Errorf("%s not found", s.mac)
			continue
		}
		if s.lateLease {
			if d.Diagnosis.Reach != discovery.ReachFactoryAddress {
				t.Errorf("%s: reach %v, want factory address; %q", s.mac, d.Diagnosis.Reach, d.Diagnosis.What.String())
			}
			if len(d.Addresses) != 2 || d.Addresses[0] != discovery.FactoryAddress || !d.Addresses[1].IsLinkLocalUnicast() {
				t.Errorf("%s: addresses %v, want 192.168.0.90 and a link-local one", s.mac, d.Addresses)
			}
			continue
		}
		if d.Diagnosis.Reach != discovery.ReachOK || d.Addresses[0] != s.lease {
			t.Errorf("%s: reach %v at %v, want ok at %v", s.mac, d.Diagnosis.Reach, d.Addresses, s.lease)
		}
		want := discovery.SetupNeeded
		if s.setUp {
			want = discovery.SetupDone
		}
		if d.Setup != want || d.Firmware == "" || d.Model == "" {
			t.Errorf("%s: setup %v firmware %q model %q, want setup %v", s.mac, d.Setup, d.Firmware, d.Model, want)
		}
		if !d.HasSource(discovery.SourceMDNS) || len(d.Interfaces) != 1 || d.Interfaces[0] != Interface {
			t.Errorf("%s: sources %v interfaces %v", s.mac, d.Sources, d.Interfaces)
		}
	}
}

func TestCameraWithLooseCableGoesLostThenComesBack(t *testing.T) {
	n, events := startDemo(t, fast)
	var flapper string
	for _, c := range n.Cameras() {
		if c.ComesAndGoes {
			flapper = c.MAC
		}
	}
	if flapper == "" {
		t.Fatal("the fleet has no camera that comes and goes")
	}
	sawLost := false
	watch(t, events, 15*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.MAC != flapper {
			return false
		}
		if ev.Kind == discovery.Lost {
			if ev.Device.Diagnosis.Reach != discovery.ReachLost {
				t.Errorf("lost camera diagnosed %v", ev.Device.Diagnosis.Reach)
			}
			sawLost = true
		}
		return sawLost && !ev.Device.Lost && ev.Device.Enriched
	})
}

func TestAssigningAnAddressMovesFactoryCameraOntoTheComputersNetwork(t *testing.T) {
	n, events := startDemo(t, Options{ComeAndGo: -1})
	var factory discovery.Device
	watch(t, events, 20*time.Second, func(d map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.Diagnosis.Reach == discovery.ReachFactoryAddress {
			factory = ev.Device
		}
		return factory.MAC != ""
	})

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client, err := n.Connect(factory, vapix.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := client.CreateFirstAccount(ctx, "admin", "Demo-test-7531"); err != nil {
		t.Fatal(err)
	}
	moved := netip.MustParseAddr("10.0.4.150")
	if err := client.SetNetwork(ctx, vapix.NetworkConfig{Address: netip.PrefixFrom(moved, 24)}); err != nil {
		t.Fatal(err)
	}
	n.Sync()

	d := watch(t, events, 10*time.Second, func(d map[string]discovery.Device, ev discovery.Event) bool {
		e := d[factory.MAC]
		return len(e.Addresses) > 0 && e.Addresses[0] == moved && e.Diagnosis.Reach == discovery.ReachOK
	})[factory.MAC]
	if d.Lost || d.Setup != discovery.SetupDone {
		t.Errorf("moved camera: lost=%v setup=%v", d.Lost, d.Setup)
	}
	if _, err := n.Engine().AddHost(ctx, "192.168.0.90"); vapix.KindOf(err) != vapix.NoAnswer {
		t.Errorf("the factory address still answers after the move: %v", err)
	}
}

func TestRangeScanFindsOnlyCamerasOnTheComputersNetwork(t *testing.T) {
	n, events := startDemo(t, Options{ComeAndGo: -1})
	go func() {
		for range events { // keep the engine flowing
		}
	}()
	var calls, last int
	found, err := n.Scan(context.Background(), netip.MustParsePrefix("10.0.4.0/24"), func(done, total int) {
		calls++
		last = done
		if total != 254 {
			t.Errorf("total %d, want 254", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(fleet) - 1; found != want {
		t.Errorf("found %d, want %d (all but the one on the factory address)", found, want)
	}
	if calls != 254 || last != 254 {
		t.Errorf("progress called %d times, last %d", calls, last)
	}
}

func TestRestartOnLoopbackOnlyHearsNoCameraButAddByAddressStillWorks(t *testing.T) {
	n, _ := startDemo(t, Options{ComeAndGo: -1})
	e, err := n.Restart([]string{"lo"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := e.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-events:
		t.Fatalf("heard %s on loopback only", ev.Device.MAC)
	case <-time.After(time.Second):
	}
	d, err := n.AddHost(ctx, "10.0.4.101")
	if err != nil || d.MAC != fleet[0].mac {
		t.Fatalf("AddHost: %+v, %v", d.MAC, err)
	}
	if _, err := n.AddHost(ctx, "camera.example"); discovery.KindOf(err) != discovery.HostNotFound {
		t.Errorf("a host name should not be looked up in the demo, only said to be unknown: %v", err)
	}
	if _, err := n.Restart([]string{"wlan9"}); err == nil {
		t.Error("restart on an unknown interface succeeded")
	}
}
