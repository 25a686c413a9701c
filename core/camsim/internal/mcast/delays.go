package mcast

import (
	"sync/atomic"
	"time"
)

// maxPending bounds the packets waiting for their delay, so a query or
// M-SEARCH flood cannot make a responder hold unbounded timers.
const maxPending = 1 << 16

// Delays runs a responder's delayed sends on timers rather than a
// goroutine each. The zero value is ready.
type Delays struct{ pending atomic.Int64 }

// After runs fn after d unless too many are already waiting, and not once
// closed is set: a responder closed meanwhile sends nothing more.
func (l *Delays) After(d time.Duration, closed *atomic.Bool, fn func()) {
	if l.pending.Add(1) > maxPending {
		l.pending.Add(-1)
		return
	}
	time.AfterFunc(d, func() {
		defer l.pending.Add(-1)
		if !closed.Load() {
			fn()
		}
	})
}
