package discovery

import (
	"context"
	"slices"
	"sync"
)

// probeLimit bounds the anonymous HTTP probes in flight and adapts the
// bound to the network, as TCP adapts its window: every probe answered in
// time lets one more run (so the bound doubles each round while all goes
// well), and a probe that timed out halves it. A site's cameras answer in
// tens of milliseconds each, so a fleet of a thousand is only quick when
// hundreds of probes overlap; a slow link or an overloaded router shows up
// as timeouts, and then fewer run at once.
//
// A freed slot goes to the probe that has waited longest, and wakes only
// that one: with hundreds waiting, waking them all on every release cost
// more than the probes.
type probeLimit struct {
	mu       sync.Mutex
	limit    int
	min, max int
	inflight int
	waiting  []chan struct{} // closed when handed a slot, oldest first
}

// newProbeLimit starts at start probes at once, never below min nor above
// max.
func newProbeLimit(start, min, max int) *probeLimit {
	min = max1(min)
	if max < min {
		max = min
	}
	return &probeLimit{limit: clamp(start, min, max), min: min, max: max}
}

// acquire waits for a slot; false when ctx ended first.
func (l *probeLimit) acquire(ctx context.Context) bool {
	l.mu.Lock()
	if l.inflight < l.limit && len(l.waiting) == 0 {
		l.inflight++
		l.mu.Unlock()
		return true
	}
	ch := make(chan struct{})
	l.waiting = append(l.waiting, ch)
	l.mu.Unlock()
	select {
	case <-ch:
		return true
	case <-ctx.Done():
		l.mu.Lock()
		if i := slices.Index(l.waiting, ch); i >= 0 {
			l.waiting = slices.Delete(l.waiting, i, i+1)
			l.mu.Unlock()
			return false
		}
		// Handed a slot just as ctx ended: pass it on.
		l.inflight--
		l.handOutLocked()
		l.mu.Unlock()
		return false
	}
}

// release frees a slot; timedOut says the probe got no answer in time.
func (l *probeLimit) release(timedOut bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inflight--
	if timedOut {
		l.limit = max(l.min, l.limit/2)
	} else {
		l.limit = min(l.max, l.limit+1)
	}
	l.handOutLocked()
}

// handOutLocked gives the free slots to the longest waiting.
func (l *probeLimit) handOutLocked() {
	for l.inflight < l.limit && len(l.waiting) > 0 {
		ch := l.waiting[0]
		l.waiting = l.waiting[1:]
		l.inflight++
		close(ch)
	}
}

// current is the bound now, for tests.
func (l *probeLimit) current() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limit
}

func max1(n int) int { return max(1, n) }

func clamp(n, lo, hi int) int { return min(hi, max(lo, n)) }
