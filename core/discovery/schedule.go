package discovery

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/netif"
)

// startBurst is when the multicast queries go out after a start or Refresh:
// at once, then again to catch what packet loss or a full receive buffer
// dropped (known-answer suppression keeps the cameras already heard quiet).
var startBurst = []time.Duration{0, 250 * time.Millisecond, 700 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second}

// Refresh searches again now and probes every camera listed again (the
// "Search again" button, and after an action changed a camera).
func (e *Engine) Refresh() {
	select {
	case e.refresh <- struct{}{}:
	default:
	}
}

// schedule sends the multicast searches (a burst at start, on Refresh and
// on each connection that came, then at the liveness pace), expires
// sightings, and re-probes cameras that no mDNS answer keeps alive.
func (e *Engine) schedule(ctx context.Context, s *session, mdns *mdnsBrowser, ssdpc *ssdpClient, joined <-chan netif.Interface) {
	reg := s.reg
	live := e.opts.Liveness
	var joins []joinBurst // connections that came, each with its own burst
	burstStep := func(i int) {
		if mdns != nil {
			// Known answers keep the cameras already heard quiet, so the
			// rest of a large fleet gets through.
			mdns.query(true)
		}
		// SSDP windows are whole seconds (go-ssdp); two at the start are
		// enough, the passive listener hears the rest. The first asks
		// for Axis' own service type only, so that each camera answers
		// it once while the start's mDNS answers and probes are under
		// way; the second adds the root device, for a device that does
		// not answer the service type.
		switch {
		case ssdpc == nil:
		case i == 0:
			ssdpc.search(1, ssdpAxisST)
		case i == 2:
			ssdpc.search(1, ssdpTargets...)
		}
	}
	burst, burstStart := 0, time.Now()
	burstStep(0)
	burst = 1
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	t0 := time.Now()
	lastTick, lastMDNS, lastSSDP, lastReprobe := t0, t0, t0, t0
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.refresh:
			burstStart, burst = time.Now(), 0
			// "Search again" also asks every camera listed what it is now:
			// after a password was set or a camera restarted, its row must
			// not keep saying what the last probe said.
			for _, d := range reg.devices() {
				if !d.Lost {
					e.queueProbe(reg, d.MAC, true)
				}
			}
		case it := <-joined:
			joins = startJoin(joins, it, time.Now())
		case now := <-tick.C:
			joins = e.joinSteps(now, joins, s.ifaces, mdns, ssdpc)
			if burst < len(startBurst) && now.Sub(burstStart) >= startBurst[burst] {
				burstStep(burst)
				burst++
				lastMDNS = now
			}
			if now.Sub(lastMDNS) >= live {
				if mdns != nil {
					mdns.query(false) // everyone answers: that is the liveness check
				}
				lastMDNS = now
			}
			if ssdpc != nil && now.Sub(lastSSDP) >= 6*live {
				ssdpc.search(1, ssdpTargets...)
				lastSSDP = now
			}
			if now.Sub(lastTick) >= 250*time.Millisecond {
				e.emit(ctx, reg.tick())
				lastTick = now
			}
			if now.Sub(lastReprobe) >= 3*live {
				for _, mac := range reg.needReprobe() {
					e.queueProbe(reg, mac, true)
				}
				lastReprobe = now
			}
		}
	}
}
