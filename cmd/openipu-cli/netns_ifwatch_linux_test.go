//go:build linux

package main

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netlab"
)

// awaitNew waits for an event not read before that satisfies ok.
func (w *watcher) awaitNew(tb testing.TB, what string, within time.Duration, ok func(watchEvent) bool) watchEvent {
	tb.Helper()
	deadline := time.After(within)
	for {
		select {
		case ev, open := <-w.events:
			if !open {
				tb.Fatalf("watch ended before %s", what)
			}
			w.seen[ev.Event+" "+ev.Device.MAC] = ev
			if ok(ev) {
				return ev
			}
		case <-deadline:
			tb.Fatalf("no %s within %v", what, within)
		}
	}
}

// awaitEach waits for one new event per camera of cams that satisfies ok.
func (w *watcher) awaitEach(tb testing.TB, what string, cams map[string]camLine, ok func(watchEvent) bool) map[string]watchEvent {
	tb.Helper()
	got := map[string]watchEvent{}
	for len(got) < len(cams) {
		ev := w.awaitNew(tb, what, 60*time.Second, func(ev watchEvent) bool {
			_, mine := cams[ev.Device.MAC]
			return mine && ok(ev)
		})
		got[ev.Device.MAC] = ev
	}
	return got
}

func (w *watcher) awaitConnection(tb testing.TB, kind, ifname string) {
	tb.Helper()
	w.awaitNew(tb, kind+" "+ifname, 60*time.Second, func(ev watchEvent) bool {
		return ev.Event == kind && ev.Interface == ifname
	})
}

// A laptop is opened on one network and plugged into the site's switch
// while discovery runs: the cameras there must be found without anyone
// searching again, and lost when the cable is pulled, while the camera on
// the first network stays. Plugged in a second time, the cameras it has
// just lost, which it lists as known answers, must answer again.
func TestDiscoverWatchFindsCamerasOnAConnectionPluggedInWhileItRunsAndLosesThemWhenItGoes(t *testing.T) {
	office := netlab.New(t)
	officeCam := office.Host("cam", "10.83.0.10/16")
	client := office.Host("client", "10.83.255.1/16")
	site := netlab.New(t)
	siteCams := site.Host("cams", "10.84.0.1/16")
	siteCams.AddAddrs(netlab.Range("10.84.0.10", 2, 16)...)
	onSite := startFleet(t, siteCams, 2, "--count", "2", "--firmware", "mixed", "--ips", "10.84.0.10-10.84.0.11").byMAC()
	inOffice := startFleet(t, officeCam, 1, "--count", "1", "--firmware", "mixed", "--ips", "10.83.0.10").cams[0]

	// A liveness round of ten minutes asks nobody again during the test:
	// only the search of the new connection can find the site's cameras.
	w := startWatch(t, client, "--liveness", "10m")
	// The office camera found says the search runs, on eth0 alone.
	w.await(t, "added", inOffice.MAC, 60*time.Second)

	for round := 1; round <= 2; round++ {
		client.Attach(site, "eth1", "10.84.255.1/16")
		w.awaitConnection(t, "connection_added", "eth1")
		found := w.awaitEach(t, fmt.Sprintf("round %d: site camera found", round), onSite, func(ev watchEvent) bool {
			return (ev.Event == "added" || ev.Event == "updated") && !ev.Device.Lost
		})
		for mac, ev := range found {
			if !contains(ev.Device.Interfaces, "eth1") || !contains(ev.Device.Addresses, ipOf(onSite[mac].HTTP)) {
				t.Errorf("round %d: site camera %s: interfaces %v, addresses %v", round, mac, ev.Device.Interfaces, ev.Device.Addresses)
			}
		}

		client.Detach("eth1")
		w.awaitConnection(t, "connection_removed", "eth1")
		lost := w.awaitEach(t, fmt.Sprintf("round %d: site camera lost", round), onSite, func(ev watchEvent) bool {
			return ev.Event == "lost"
		})
		for mac, ev := range lost {
			if ev.Device.Reach != "lost" {
				t.Errorf("round %d: site camera %s after the cable was pulled: %+v", round, mac, ev.Device)
			}
		}
	}

	// Everything the search said until it stops: the office camera was
	// never lost.
	_ = w.cmd.Process.Signal(syscall.SIGINT)
	for ev := range w.events {
		w.seen[ev.Event+" "+ev.Device.MAC] = ev
	}
	if ev, lost := w.seen["lost "+inOffice.MAC]; lost {
		t.Errorf("the office camera was lost with the site's connection: %+v", ev.Device)
	}
}
