package discovery

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"testing"
	"time"

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
