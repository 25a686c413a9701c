package camsim

import (
	"sync"
	"time"
)

// maxTrackedNonces bounds the per-camera memory for nonce counters: a fleet of
// a thousand cameras must stay small.
const maxTrackedNonces = 256

// nonceTracker remembers which nonce counts (nc) were used, so a replayed
// request is refused. It is tolerant of reordering: concurrent requests that
// share a nonce may arrive out of nc order, so any unused nc within the last
// 64 is accepted (an anti-replay window, as in IPsec).
type nonceTracker struct {
	mu sync.Mutex
	m  map[string]*ncWindow
}

type ncWindow struct {
	max     int
	seen    uint64 // bit i: max-i was used
	expires time.Time
}

func (t *nonceTracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m = nil
}

// use records nc for nonce and reports whether it was fresh.
func (t *nonceTracker) use(nonce string, nc int, expires time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]*ncWindow{}
	}
	w := t.m[nonce]
	if w == nil {
		if len(t.m) >= maxTrackedNonces {
			t.evict(time.Now())
		}
		w = &ncWindow{expires: expires}
		t.m[nonce] = w
	}
	switch {
	case nc > w.max:
		if shift := nc - w.max; shift >= 64 {
			w.seen = 0
		} else {
			w.seen <<= uint(shift)
		}
		w.seen |= 1
		w.max = nc
		return true
	case w.max-nc >= 64:
		return false
	default:
		bit := uint64(1) << uint(w.max-nc)
		if w.seen&bit != 0 {
			return false
		}
		w.seen |= bit
		return true
	}
}

// evict drops expired nonces, or the soonest-expiring one if none expired.
func (t *nonceTracker) evict(now time.Time) {
	var oldest string
	var oldestAt time.Time
	for k, w := range t.m {
		if now.After(w.expires) {
			delete(t.m, k)
			continue
		}
		if oldest == "" || w.expires.Before(oldestAt) {
			oldest, oldestAt = k, w.expires
		}
	}
	if len(t.m) >= maxTrackedNonces {
		delete(t.m, oldest)
	}
}
