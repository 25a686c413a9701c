package discovery

import (
	"context"
	"sync"
)

// probeLimit bounds the anonymous HTTP probes in flight and adapts the
// bound to the network, as TCP adapts its window: every probe answered in
// time lets one more run (so the bound doubles each round while all goes
// well), and a probe that timed out halves it. A site's cameras answer in
// tens of milliseconds each, so a fleet of a thousand is only quick when
// hundreds of probes overlap; a slow link or an overloaded router shows up
// as timeouts, and then fewer run at once.
type probeLimit struct {
	mu       sync.Mutex
	limit    int
	min, max int
	inflight int
	changed  chan struct{} // closed and replaced whenever a slot frees
}

// newProbeLimit starts at start probes at once, never below min nor above
// max.
func newProbeLimit(start, min, max int) *probeLimit {
	min = max1(min)
	if max < min {
		max = min
	}
	start = clamp(start, min, max)
	return &probeLimit{limit: start, min: min, max: max, changed: make(chan struct{})}
}

// acquire waits for a slot; false when ctx ended first.
func (l *probeLimit) acquire(ctx context.Context) bool {
	for {
		l.mu.Lock()
		if l.inflight < l.limit {
			l.inflight++
			l.mu.Unlock()
			return true
		}
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}

// release frees a slot; timedOut says the probe got no answer in time.
func (l *probeLimit) release(timedOut bool) {
	l.mu.Lock()
	l.inflight--
	if timedOut {
		l.limit = max(l.min, l.limit/2)
	} else {
		l.limit = min(l.max, l.limit+1)
	}
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
}

// current is the bound now, for tests.
func (l *probeLimit) current() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limit
}

func max1(n int) int { return max(1, n) }

func clamp(n, lo, hi int) int { return min(hi, max(lo, n)) }
