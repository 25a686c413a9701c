package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

// webPort listens on every local address, so that a range in 127.0.0.0/8
// (all of which is this computer) looks like a network full of web
// servers. It returns the port for Engine.scanPort.
func webPort(t *testing.T) uint16 {
	t.Helper()
	ln, err := net.Listen("tcp4", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return uint16(ln.Addr().(*net.TCPAddr).Port)
}

func TestScanReturnsAtOnceWhenCancelledWhileEverySlotIsBusy(t *testing.T) {
	release := make(chan struct{})
	inFlight := make(chan struct{}, 1024)
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		// A probe that is slow to give up: it holds its slot past the
		// cancel.
		inFlight <- struct{}{}
		<-release
		return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Host: target}
	})
	eng.scanPort = webPort(t)
	defer close(release)
	engCtx, stopEngine := context.WithCancel(context.Background())
	defer stopEngine()
	if _, err := eng.Run(engCtx); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		n   int
		err error
	}
	res := make(chan result, 1)
	go func() {
		n, err := eng.Scan(ctx, netip.MustParsePrefix("127.77.0.0/24"), nil)
		res <- result{n, err}
	}()
	deadline := time.After(10 * time.Second)
	for range scanSlots {
		select {
		case <-inFlight:
		case <-deadline:
			t.Fatal("the scan never had every slot busy")
		}
	}
	cancel()
	select {
	case r := <-res:
		if r.n != 0 || !errors.Is(r.err, context.Canceled) {
			t.Fatalf("cancelled scan: %d, %v", r.n, r.err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a cancelled scan waited for its busy slots")
	}
}

// macFor makes up a camera MAC from the last two bytes of an address.
func macFor(a netip.Addr) string {
	b := a.As4()
	return fmt.Sprintf("ACCC8E00%02X%02X", b[2], b[3])
}

func TestScanCountsTheCamerasAmongTheAnsweringAddressesAndReportsProgressInOrder(t *testing.T) {
	eng := offlineEngine(func(ctx context.Context, target string) (vapix.Identity, error) {
		ap := probedAddrPort(target)
		if ap.Addr().As4()[3]%2 == 1 {
			// A printer or a router: it answers on port 80 too.
			return vapix.Identity{}, &vapix.Error{Kind: vapix.NotAxis, Host: target}
		}
		return vapix.Identity{MAC: macFor(ap.Addr())}, nil
	})
	eng.scanPort = webPort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := eng.Run(ctx); err != nil {
		t.Fatal(err)
	}
	var seen []int
	total := 0
	n, err := eng.Scan(ctx, netip.MustParsePrefix("127.77.1.0/25"), func(done, all int) {
		seen = append(seen, done) // calls come one at a time
		total = all
	})
	if err != nil || n != 63 {
		t.Fatalf("found %d, %v; want the 63 even addresses of 127.77.1.1-126", n, err)
	}
	if total != 126 || len(seen) != 126 {
		t.Fatalf("progress: %d calls, total %d", len(seen), total)
	}
	for i, d := range seen {
		if d != i+1 {
			t.Fatalf("progress out of order: %v", seen)
		}
	}
	if devs := eng.Devices(); len(devs) != 63 || !devs[0].HasSource(SourceScan) {
		t.Fatalf("%d devices listed, first %+v", len(devs), devs[0])
	}
}

// The computer joins another network while the engine runs (a second
// cable, a VPN): the diagnoses, and cameras added by address or found by a
// scan, go by the interfaces it has now, not those it had at the start.
func TestEngineFollowsTheComputerOntoANetworkItJoinedWhileRunning(t *testing.T) {
	eth0 := netif.Interface{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}
	eth1 := netif.Interface{Name: "eth1", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.0.10/24")}}
	lo := netif.Interface{Name: "lo", Up: true, Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}}
	var ifaces atomic.Pointer[[]netif.Interface]
	ifaces.Store(&[]netif.Interface{eth0})
	eng := New(Options{
		DisableMDNS: true, DisableSSDP: true,
		Identify: func(ctx context.Context, target string) (vapix.Identity, error) {
			ap := probedAddrPort(target)
			return vapix.Identity{MAC: macFor(ap.Addr())}, nil
		},
		ListInterfaces: func() ([]netif.Interface, error) { return *ifaces.Load(), nil },
		Liveness:       50 * time.Millisecond,
	})
	eng.scanPort = webPort(t)
	// The camera's announcement lasts 3.5 rounds of 50 ms: the interfaces
	// are read well within that.
	eng.ifacePoll = 10 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	factory := netip.MustParseAddr("192.168.0.90")
	eng.Inject(Sighting{MAC: macFor(factory), Source: SourceMDNS, Interface: "eth0", Addr: factory})
	next(t, events, Updated, func(d Device) bool { return d.Enriched && d.Diagnosis.Reach == ReachFactoryAddress })

	ifaces.Store(&[]netif.Interface{eth0, eth1, lo})
	next(t, events, Updated, func(d Device) bool { return d.MAC == macFor(factory) && d.Diagnosis.Reach == ReachOK })

	d, err := eng.AddHost(ctx, "192.168.0.91")
	if err != nil || len(d.Interfaces) != 1 || d.Interfaces[0] != "eth1" {
		t.Fatalf("added by address after joining 192.168.0.x: %v, interfaces %v", err, d.Interfaces)
	}
	if n, err := eng.Scan(ctx, netip.MustParsePrefix("127.77.2.5/32"), nil); n != 1 || err != nil {
		t.Fatalf("scan: %d, %v", n, err)
	}
	for _, d := range eng.Devices() {
		if d.MAC == macFor(netip.MustParseAddr("127.77.2.5")) && (len(d.Interfaces) != 1 || d.Interfaces[0] != "lo") {
			t.Fatalf("found by the scan on %v, want lo", d.Interfaces)
		}
	}
}

// probedAddrPort is the address and port a probe URL ("http://a:p/") asks.
func probedAddrPort(target string) netip.AddrPort {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	return netip.MustParseAddrPort(net.JoinHostPort(u.Hostname(), port))
}
