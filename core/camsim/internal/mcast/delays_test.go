package mcast

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestDelaysRunEachCallbackOnce(t *testing.T) {
	var l Delays
	var closed atomic.Bool
	ran := make(chan int, 3)
	for i := range 3 {
		l.After(time.Millisecond, &closed, func() { ran <- i })
	}
	seen := map[int]bool{}
	for range 3 {
		seen[<-ran] = true
	}
	if len(seen) != 3 {
		t.Fatalf("callbacks run: %v, want 0, 1 and 2", seen)
	}
	waitNonePending(t, &l) // the count drops just after fn returns
}

func TestDelaysRunNothingOnceClosed(t *testing.T) {
	const delay = 50 * time.Millisecond
	var l Delays
	for try := 1; ; try++ {
		var closed atomic.Bool
		ran := make(chan struct{}, 1)
		scheduled := time.Now()
		l.After(delay, &closed, func() { ran <- struct{}{} })
		closed.Store(true)
		// Closed before the delay was up, as the measure says, the timer
		// still fires, runs nothing and gives back its place. A machine
		// too slow to close in time proves nothing and tries again.
		inTime := time.Since(scheduled) < delay
		waitNonePending(t, &l)
		if !inTime {
			if try == 5 {
				t.Fatalf("the machine never closed within %v of scheduling in %d tries", delay, try)
			}
			continue
		}
		select {
		case <-ran:
			t.Fatal("a callback ran after close")
		default:
		}
		return
	}
}

func TestDelaysDropWhatIsBeyondTheBound(t *testing.T) {
	var l Delays
	var closed atomic.Bool
	closed.Store(true) // the hour-long timers must do nothing if they ever fire
	for range maxPending + 5 {
		l.After(time.Hour, &closed, func() {})
	}
	if n := l.pending.Load(); n != maxPending {
		t.Fatalf("%d waiting, want the bound %d", n, maxPending)
	}
}

func waitNonePending(t *testing.T, l *Delays) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for l.pending.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d still waiting after their timers fired", l.pending.Load())
		}
		time.Sleep(time.Millisecond)
	}
}
