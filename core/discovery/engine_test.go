package discovery

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

// offlineEngine searches no interface (no packets leave this machine) and
// identifies cameras through fake probes, so the engine's merging, probing
// and event stream are tested without a network.
func offlineEngine(identify func(ctx context.Context, target string) (vapix.Identity, error)) *Engine {
	return New(Options{
		DisableMDNS: true, DisableSSDP: true,
		Identify: identify,
		ListInterfaces: func() ([]netif.Interface, error) {
			return []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}}, nil
		},
		Liveness: 100 * time.Millisecond,
	})
}

func next(t *testing.T, events <-chan Event, kind EventKind, cond func(Device) bool) Device {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream closed")
			}
			if ev.Kind == kind && (cond == nil || cond(ev.Device)) {
				return ev.Device
			}
		case <-timeout:
			t.Fatalf("no %v event in time", kind)
		}
	}
}

func TestEngineEnrichesAnInjectedSightingThroughTheProbe(t *testing.T) {
	var probes atomic.Int32
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		probes.Add(1)
		if target != "http://10.0.4.50/" {
			return vapix.Identity{}, errors.New("unexpected target " + target)
		}
		return vapix.Identity{MAC: "ACCC8E270AD8", Serial: "ACCC8E270AD8", Model: "AXIS M1075-L", Firmware: "12.9.57", NeedsSetup: true}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eng.Inject(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Interface: "eth0", Addr: netip.MustParseAddr("10.0.4.50")})
	next(t, events, Added, nil)
	d := next(t, events, Updated, func(d Device) bool { return d.Enriched })
	if d.Model != "AXIS M1075-L" || !d.NeedsSetup() || d.Diagnosis.Reach != ReachOK || d.Firmware != "12.9.57" {
		t.Fatalf("device %+v", d)
	}
	// The same announcement again is not news and is not probed again.
	eng.Inject(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Interface: "eth0", Addr: netip.MustParseAddr("10.0.4.50")})
	time.Sleep(100 * time.Millisecond)
	if n := probes.Load(); n != 1 {
		t.Fatalf("probed %d times", n)
	}
}

func TestEngineMarksSilentCameraLostAndKeepsIt(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		return vapix.Identity{MAC: "ACCC8E270AD8"}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A legacy-unicast mDNS TTL is stretched to 3.5 liveness rounds (350 ms here).
	eng.Inject(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Addr: netip.MustParseAddr("10.0.4.50"), TTL: 10 * time.Millisecond})
	next(t, events, Added, nil)
	d := next(t, events, Lost, nil)
	if !d.Lost || d.Diagnosis.Reach != ReachLost {
		t.Fatalf("device %+v", d)
	}
	if devs := eng.Devices(); len(devs) != 1 || !devs[0].Lost {
		t.Fatalf("lost device dropped from the list: %+v", devs)
	}
}

func TestEngineAddHostReportsTypedErrorAndAddsAnsweringCamera(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		if target == "http://10.0.4.60:8080/" {
			return vapix.Identity{MAC: "00408C123456", Model: "AXIS P1375"}, nil
		}
		return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Host: target}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.AddHost(ctx, "10.0.4.61"); !errors.Is(err, vapix.NoAnswer) {
		t.Fatalf("silent address: %v", err)
	}
	d, err := eng.AddHost(ctx, "10.0.4.60:8080")
	if err != nil || d.MAC != "00408C123456" || d.HTTPURL != "http://10.0.4.60:8080/" || !d.HasSource(SourceManual) || d.Interfaces[0] != "eth0" {
		t.Fatalf("added %+v %v", d, err)
	}
	next(t, events, Added, nil)
	if _, err := eng.AddHost(ctx, "10.0.4.60:99999"); KindOf(err) != InvalidAddress {
		t.Fatalf("bad port: %v", err)
	}
}

func TestScanAddressesRefusesMoreThanASlash22(t *testing.T) {
	if _, err := ScanAddresses(netip.MustParsePrefix("10.0.0.0/21")); !errors.Is(err, ErrScanTooLarge) {
		t.Fatalf("/21: %v", err)
	}
	got, err := ScanAddresses(netip.MustParsePrefix("10.0.0.7/22"))
	if err != nil || len(got) != 1022 || got[0] != netip.MustParseAddr("10.0.0.1") || got[1021] != netip.MustParseAddr("10.0.3.254") {
		t.Fatalf("/22: %d %v", len(got), err)
	}
	if got, _ := ScanAddresses(netip.MustParsePrefix("10.0.0.5/32")); len(got) != 1 {
		t.Fatalf("/32: %v", got)
	}
	if _, err := ScanAddresses(netip.MustParsePrefix("fe80::/120")); err == nil {
		t.Fatal("IPv6 range accepted")
	}
}

func TestEngineStatusSaysNothingHeardOnlyAfterAQuietWhile(t *testing.T) {
	eng := offlineEngine(nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if eng.Status().NothingHeard {
		t.Fatal("nothing heard right at the start")
	}
	// As if Run had started a minute ago.
	s := *eng.run.Load()
	s.started = time.Now().Add(-time.Minute)
	eng.run.Store(&s)
	st := eng.Status()
	if !st.NothingHeard || st.What.Key != MsgNothingFound.Key {
		t.Fatalf("status %+v", st)
	}
}

func TestEngineProbesACameraAgainWhenItComesBackAfterBeingLost(t *testing.T) {
	var probes atomic.Int32
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		n := probes.Add(1)
		// Set up the first time; after the control-button reset, in setup.
		return vapix.Identity{MAC: "ACCC8E270AD8", Firmware: "11.11.192", NeedsSetup: n > 1, Ready: true}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Interface: "eth0", Addr: netip.MustParseAddr("10.0.4.50")}
	eng.Inject(s)
	next(t, events, Updated, func(d Device) bool { return d.Enriched && d.Setup == SetupDone })
	eng.Inject(Sighting{MAC: s.MAC, Source: SourceMDNS, Goodbye: true})
	next(t, events, Lost, nil)
	eng.Inject(s) // same address, a moment later: it must still be asked again
	d := next(t, events, Updated, func(d Device) bool { return !d.Lost && d.NeedsSetup() })
	if probes.Load() != 2 || d.Diagnosis.Reach != ReachOK {
		t.Fatalf("probes %d, device %+v", probes.Load(), d)
	}
}

func TestRefreshAsksEveryListedCameraAgain(t *testing.T) {
	var probes atomic.Int32
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		n := probes.Add(1)
		// The password is set between the first probe and the refresh.
		return vapix.Identity{MAC: "ACCC8E270AD8", NeedsSetup: n == 1, Ready: true}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eng.Inject(Sighting{MAC: "ACCC8E270AD8", Source: SourceMDNS, Interface: "eth0", Addr: netip.MustParseAddr("10.0.4.50")})
	next(t, events, Updated, func(d Device) bool { return d.NeedsSetup() })
	eng.Refresh()
	next(t, events, Updated, func(d Device) bool { return d.Setup == SetupDone })
}

// The window asks for the status and the list, and the user may add a
// camera, while the engine is still starting: none of that may race with
// Run setting the engine up (go test -race proves it).
func TestEngineAnswersStatusDevicesAndAddHostWhileRunStarts(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		return vapix.Identity{MAC: "ACCC8E270AD8"}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	begin := make(chan struct{})
	ran := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-begin
			for {
				_ = eng.Status()
				_ = eng.Devices()
				_ = eng.Stats()
				d, err := eng.AddHost(ctx, "10.0.4.50")
				if err == nil && d.MAC != "ACCC8E270AD8" {
					t.Errorf("added %+v", d)
				}
				select {
				case <-ran:
					return
				default:
				}
			}
		}()
	}
	close(begin)
	events, err := eng.Run(ctx)
	close(ran)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if st := eng.Status(); len(st.Interfaces) != 1 || st.Interfaces[0].Name != "eth0" {
		t.Fatalf("status after start %+v", st)
	}
	if _, err := eng.AddHost(ctx, "10.0.4.50"); err != nil {
		t.Fatal(err)
	}
	next(t, events, Added, nil)
}

// A Run that could not read the interfaces started nothing, so the window
// may call it again once the computer is ready.
func TestEngineRunCanBeCalledAgainAfterItFailedToStart(t *testing.T) {
	var calls atomic.Int32
	eng := New(Options{
		DisableMDNS: true, DisableSSDP: true,
		ListInterfaces: func() ([]netif.Interface, error) {
			if calls.Add(1) == 1 {
				return nil, errors.New("network stack not ready")
			}
			return []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}}, nil
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err == nil {
		t.Fatal("the first Run did not report the failure")
	}
	if _, err := eng.Run(ctx); err != nil {
		t.Fatalf("second Run: %v", err)
	}
	if _, err := eng.Run(ctx); err == nil {
		t.Fatal("a running engine started twice")
	}
}

func TestACameraThatBecomesReachableWhenTheComputerGainsAnAddressIsProbedAtOnce(t *testing.T) {
	var mu sync.Mutex
	prefixes := []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}
	reachable := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(prefixes) > 1
	}
	eng := New(Options{
		DisableMDNS: true, DisableSSDP: true,
		Identify: func(ctx context.Context, target string) (vapix.Identity, error) {
			if !reachable() {
				return vapix.Identity{}, errors.New("no route to " + target)
			}
			return vapix.Identity{MAC: "E827257A1008", Firmware: "10.12.228", NeedsSetup: true}, nil
		},
		ListInterfaces: func() ([]netif.Interface, error) {
			mu.Lock()
			defer mu.Unlock()
			return []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: slices.Clone(prefixes)}}, nil
		},
		// Slow enough that the periodic re-probe cannot be what asks again
		// within the test's wait.
		Liveness: time.Second,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eng.Inject(Sighting{MAC: "E827257A1008", Source: SourceMDNS, Interface: "eth0", Addr: FactoryAddress, TTL: time.Hour})
	next(t, events, Added, func(d Device) bool { return d.Diagnosis.Reach == ReachFactoryAddress })

	mu.Lock()
	prefixes = append(prefixes, netip.MustParsePrefix("192.168.0.213/24"))
	mu.Unlock()
	d := next(t, events, Updated, func(d Device) bool { return d.Diagnosis.Reach == ReachOK })
	if !d.NeedsSetup() {
		t.Fatalf("device %+v: want it probed as needing a password", d)
	}
}
