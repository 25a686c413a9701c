package discovery

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

// fakeSite answers anonymous probes as the cameras at each address would,
// and counts the probes per address.
type fakeSite struct {
	mu     sync.Mutex
	at     map[string]vapix.Identity // target URL -> who answers there
	probes map[string]int
	probed chan string // every probe's target, as it happens
}

func newFakeSite(at map[string]vapix.Identity) *fakeSite {
	return &fakeSite{at: at, probes: map[string]int{}, probed: make(chan string, 1024)}
}

// waitProbe waits until target has been probed.
func (f *fakeSite) waitProbe(t *testing.T, target string) {
	t.Helper()
	for {
		select {
		case got := <-f.probed:
			if got == target {
				return
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s was never probed", target)
		}
	}
}

func (f *fakeSite) identify(ctx context.Context, target string) (vapix.Identity, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.probes[target]++
	select {
	case f.probed <- target:
	default:
	}
	if id, ok := f.at[target]; ok {
		return id, nil
	}
	return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Op: "identify the camera", Host: target, Err: errors.New("connection refused")}
}

func (f *fakeSite) count(target string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.probes[target]
}

func cam(mac, firmware string) vapix.Identity {
	return vapix.Identity{MAC: mac, Serial: mac, Model: "AXIS Q1961-TE", Firmware: firmware}
}

// settle injects a sighting of a camera nobody else mentions and waits until
// it is listed: the merge handles sightings in order, so everything injected
// before it has been handled.
func settle(t *testing.T, eng *Engine, events <-chan Event) {
	t.Helper()
	eng.Inject(Sighting{MAC: "00408C000001", Source: SourceManual, Addr: ip("10.0.4.250")})
	next(t, events, Added, func(d Device) bool { return d.MAC == "00408C000001" })
}

// enrichedBoth waits for the first enriched event of each of two cameras,
// in whichever order they come.
func enrichedBoth(t *testing.T, events <-chan Event, a, b string) [2]Device {
	t.Helper()
	var got [2]Device
	seen := [2]bool{}
	for !seen[0] || !seen[1] {
		d := next(t, events, Updated, func(d Device) bool {
			return d.Enriched && (d.MAC == a && !seen[0] || d.MAC == b && !seen[1])
		})
		i := 0
		if d.MAC == b {
			i = 1
		}
		got[i], seen[i] = d, true
	}
	return got
}

func run(t *testing.T, eng *Engine) <-chan Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

func TestCameraHeardThroughAnMDNSGatewayIsAttachedAtItsOwnAddressAfterOneProbeFindsItsMAC(t *testing.T) {
	site := newFakeSite(map[string]vapix.Identity{"http://10.0.2.15/": cam("E82725000001", "12.9.57")})
	eng := offlineEngine(site.identify)
	events := run(t, eng)
	viaGateway := Sighting{MAC: "E82725000001", Source: SourceMDNS, Interface: "eth0", Service: "_vapix-http._tcp.local.",
		Via: ip("10.0.1.1"), Claimed: []netip.Addr{ip("10.0.2.15")}, HTTPPort: 80}
	eng.Inject(viaGateway)
	d := next(t, events, Updated, func(d Device) bool { return d.MAC == "E82725000001" && d.Enriched })
	if !slices.Equal(d.Addresses, []netip.Addr{ip("10.0.2.15")}) || d.AnnouncedBy != ip("10.0.1.1") || d.Firmware != "12.9.57" {
		t.Fatalf("addresses %v, announced by %v, firmware %q; want 10.0.2.15 announced by the gateway 10.0.1.1", d.Addresses, d.AnnouncedBy, d.Firmware)
	}
	// The gateway repeats the answer, as it will every liveness round: the
	// check is not made again, and the check was also the probe.
	for range 3 {
		eng.Inject(viaGateway)
	}
	settle(t, eng, events)
	if n := site.count("http://10.0.2.15/"); n != 1 {
		t.Fatalf("the camera behind the gateway was probed %d times; want once", n)
	}
	if ds := eng.Devices(); len(ds) != 2 || slices.Contains(ds[1].Addresses, ip("10.0.1.1")) {
		t.Fatalf("devices %+v: the gateway's own address must not become a camera's", ds)
	}
}

func TestForgedAnswerNamingAnotherDevicesAddressCostsOneProbeAndIsNeverAttached(t *testing.T) {
	site := newFakeSite(map[string]vapix.Identity{"http://10.0.2.20/": cam("ACCC8E000020", "11.11.1")})
	eng := offlineEngine(site.identify)
	events := run(t, eng)
	forged := Sighting{MAC: "ACCC8E0000FF", Source: SourceMDNS, Interface: "eth0",
		Via: ip("10.0.4.66"), Claimed: []netip.Addr{ip("10.0.2.20")}}
	for range 5 {
		eng.Inject(forged)
	}
	// Forged MACs, many of them, all naming the same address.
	for i := range 5 {
		f := forged
		f.MAC = "ACCC8E0001" + string(rune('0'+i)) + "0"
		eng.Inject(f)
	}
	site.waitProbe(t, "http://10.0.2.20/")
	settle(t, eng, events)
	if n := site.count("http://10.0.2.20/"); n != 1 {
		t.Fatalf("the address a forged answer named was probed %d times; want once", n)
	}
	for _, d := range eng.Devices() {
		if d.MAC != "00408C000001" {
			t.Errorf("%s was attached to %v on a forged answer's word", d.MAC, d.Addresses)
		}
	}
}

func TestCameraWhoseFirstAddressBelongsToAnotherCameraIsReachedAtItsNextAndLosesTheFirst(t *testing.T) {
	site := newFakeSite(map[string]vapix.Identity{
		"http://10.0.4.50/": cam("ACCC8E000050", "11.11.1"), // another camera took this address
		"http://10.0.4.60/": cam("ACCC8E000060", "12.9.57"),
	})
	eng := offlineEngine(site.identify)
	events := run(t, eng)
	eng.Inject(Sighting{MAC: "ACCC8E000060", Source: SourceMDNS, Interface: "eth0", Addr: ip("10.0.4.50"), Extra: []netip.Addr{ip("10.0.4.60")}})
	// The two enrichments may come in either order.
	got := enrichedBoth(t, events, "ACCC8E000060", "ACCC8E000050")
	d, other := got[0], got[1]
	if !slices.Equal(d.Addresses, []netip.Addr{ip("10.0.4.60")}) || d.Diagnosis.Reach != ReachOK || d.Firmware != "12.9.57" {
		t.Fatalf("addresses %v, diagnosis %v, firmware %q; want reached at 10.0.4.60 only", d.Addresses, d.Diagnosis.Reach, d.Firmware)
	}
	if !slices.Contains(other.Addresses, ip("10.0.4.50")) {
		t.Fatalf("the camera that answers at 10.0.4.50 is listed at %v", other.Addresses)
	}
}

func TestCameraWhoseOnlyAddressAnotherCameraAnswersAtSaysSo(t *testing.T) {
	site := newFakeSite(map[string]vapix.Identity{"http://10.0.4.50/": cam("ACCC8E000050", "11.11.1")})
	eng := offlineEngine(site.identify)
	events := run(t, eng)
	eng.Inject(Sighting{MAC: "ACCC8E000060", Source: SourceMDNS, Interface: "eth0", Addr: ip("10.0.4.50")})
	d := next(t, events, Updated, func(d Device) bool {
		return d.MAC == "ACCC8E000060" && d.Diagnosis.What.Key == msgAddressTaken.Key
	})
	if d.Lost || d.Diagnosis.What.Args["Other"] != "ACCC8E000050" || d.Diagnosis.What.Args["Addr"] != "10.0.4.50" {
		t.Fatalf("device %+v", d)
	}
}
