package discovery

import (
	"context"
	"net/netip"
	"sync"
	"time"

	"github.com/openipu/openipu/core/macaddr"
)

// How long what a claim check found at an address is believed: a camera
// found there stays attached through a gateway's repeated answers without
// a new probe; an address where nothing or another device answered is not
// probed again for a while, however many answers name it.
const (
	claimHeldFor     = 5 * time.Minute
	claimSilentFor   = 30 * time.Second
	maxClaimsTracked = 8192
	// maxClaimsPerAnswer bounds the probes one answer can cause.
	maxClaimsPerAnswer = 4
)

// claimChecks remembers, per address an mDNS gateway claimed for a camera,
// which MAC one anonymous probe found there. Trust follows that probe, never
// the answer: a forged answer that names another device's address costs one
// bounded, credential-free probe, and the address is not attached.
type claimChecks struct {
	mu      sync.Mutex
	found   map[netip.Addr]claimFound
	pending map[netip.Addr]bool
}

type claimFound struct {
	mac string // "" when nothing answered as a camera
	at  time.Time
}

func newClaimChecks() *claimChecks {
	return &claimChecks{found: map[netip.Addr]claimFound{}, pending: map[netip.Addr]bool{}}
}

// verdict says what is known of mac at addr: attach (a probe found mac
// there recently), probe (nothing known, and a probe may start), or
// neither.
func (c *claimChecks) verdict(mac string, addr netip.Addr, now time.Time) (attach, probe bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.found[addr]; ok {
		hold := claimHeldFor
		if f.mac == "" {
			hold = claimSilentFor
		}
		if now.Sub(f.at) < hold {
			return f.mac == mac, false
		}
		delete(c.found, addr)
	}
	if c.pending[addr] {
		return false, false
	}
	if len(c.found)+len(c.pending) >= maxClaimsTracked {
		for a, f := range c.found {
			if now.Sub(f.at) >= claimHeldFor {
				delete(c.found, a)
			}
		}
		if len(c.found)+len(c.pending) >= maxClaimsTracked {
			return false, false
		}
	}
	c.pending[addr] = true
	return false, true
}

func (c *claimChecks) record(addr netip.Addr, mac string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, addr)
	c.found[addr] = claimFound{mac: mac, at: now}
}

// claimed handles an answer an mDNS gateway sent on a camera's behalf: each
// claimed address already checked is attached at once (or ignored), and
// each new one is checked with one anonymous probe, whose answer, when it
// is this camera, also enriches it.
func (e *Engine) claimed(ctx context.Context, reg *registry, s Sighting) {
	mac := macaddr.Normalize(s.MAC)
	if mac == "" {
		return
	}
	if s.Goodbye {
		// A gateway's goodbye withdraws what it announced; it names no
		// address to check.
		evs, _ := reg.observe(Sighting{MAC: mac, Source: s.Source, Goodbye: true})
		e.emit(ctx, evs)
		return
	}
	port := s.HTTPPort
	if port == 0 {
		port = 80
	}
	for i, addr := range s.Claimed {
		if i == maxClaimsPerAnswer {
			break
		}
		attach, probe := e.claims.verdict(mac, addr, time.Now())
		switch {
		case attach:
			if e.attach(ctx, reg, s, addr) {
				e.queueProbe(reg, mac, false)
			}
		case probe:
			go e.checkClaim(ctx, reg, s, netip.AddrPortFrom(addr, uint16(port)))
		}
	}
}

// attach records s as heard at addr, which a probe showed is the camera's,
// and reports whether that is news to probe.
func (e *Engine) attach(ctx context.Context, reg *registry, s Sighting, addr netip.Addr) (needProbe bool) {
	s.Addr, s.Claimed = addr, nil
	evs, needProbe := reg.observe(s)
	e.emit(ctx, evs)
	return needProbe
}

func (e *Engine) checkClaim(ctx context.Context, reg *registry, s Sighting, ap netip.AddrPort) {
	id, err := e.identify(ctx, ap)
	if ctx.Err() != nil {
		return
	}
	found := ""
	if err == nil {
		found = macaddr.Normalize(id.MAC)
	}
	e.claims.record(ap.Addr(), found, time.Now())
	mac := macaddr.Normalize(s.MAC)
	if found != mac {
		e.opts.Logf("mdns: %v announced %s at %v, where %s", s.Via, mac, ap.Addr(), describeFound(found))
		return
	}
	// The check was the probe: no other probe follows it, and asking
	// again at the same address would learn nothing.
	e.attach(ctx, reg, s, ap.Addr())
	if targets, epoch := reg.probeTargets(mac); len(targets) > 0 && targets[0] == ap {
		e.markAnswered(mac, ap, epoch)
	}
	e.emit(ctx, reg.enrich(mac, enrichmentOf(id, ap.Addr())))
}

func describeFound(mac string) string {
	if mac == "" {
		return "no camera answers"
	}
	return mac + " answers"
}
