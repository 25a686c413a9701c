package camsim

import (
	"net/netip"
	"sync"
	"time"
)

// maxTrackedClients bounds the lockout table per camera.
const maxTrackedClients = 256

// lockoutTracker is the brute-force protection (AXIS OS 11.5+ default): more
// than N failed logins within one second from one address block that address
// with 403 for a while (System.PreventDoSAttack, DoSPageCount=20,
// DoSPageInterval=1, DoSBlockingPeriod=10 on recorded devices).
type lockoutTracker struct {
	mu sync.Mutex
	m  map[netip.Addr]*failures
}

type failures struct {
	windowStart  time.Time
	count        int
	blockedUntil time.Time
}

func (t *lockoutTracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m = nil
}

func (t *lockoutTracker) blocked(ip netip.Addr, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.m[ip]
	return f != nil && now.Before(f.blockedUntil)
}

func (t *lockoutTracker) fail(ip netip.Addr, now time.Time, limit int, blockFor time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[netip.Addr]*failures{}
	}
	f := t.m[ip]
	if f == nil {
		if len(t.m) >= maxTrackedClients {
			t.evict(now)
		}
		f = &failures{windowStart: now}
		t.m[ip] = f
	}
	if now.Sub(f.windowStart) > time.Second {
		f.windowStart, f.count = now, 0
	}
	f.count++
	if f.count > limit {
		f.blockedUntil = now.Add(blockFor)
		f.windowStart, f.count = now, 0
	}
}

func (t *lockoutTracker) evict(now time.Time) {
	for ip, f := range t.m {
		if now.After(f.blockedUntil) && now.Sub(f.windowStart) > time.Second {
			delete(t.m, ip)
		}
	}
	for ip := range t.m {
		if len(t.m) < maxTrackedClients {
			break
		}
		delete(t.m, ip)
	}
}
