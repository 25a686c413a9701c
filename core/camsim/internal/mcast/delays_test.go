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
	var l Delays
	var closed atomic.Bool
	ran := make(chan struct{}, 1)
	l.After(50*time.Millisecond, &closed, func() { ran <- struct{}{} })
	closed.Store(true)
	// The timer still fires and gives back its place.
	waitNonePending(t, &l)
	select {
	case <-ran:
		t.Fatal("a callback ran after close")
	default:
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
