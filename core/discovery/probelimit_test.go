package discovery

import (
	"context"
	"testing"
)

func TestProbeLimitGrowsWithEveryAnswerAndHalvesOnATimeoutWithinItsBounds(t *testing.T) {
	l := newProbeLimit(4, 2, 6)
	ctx := context.Background()
	for range 4 {
		if !l.acquire(ctx) {
			t.Fatal("a slot under the limit was refused")
		}
	}
	for range 4 {
		l.release(false)
	}
	if got := l.current(); got != 6 {
		t.Fatalf("after four answers the limit is %d; want it grown to the ceiling 6", got)
	}
	for _, want := range []int{3, 2, 2} {
		l.acquire(ctx)
		l.release(true)
		if got := l.current(); got != want {
			t.Fatalf("after a timeout the limit is %d; want %d", got, want)
		}
	}
}

func TestProbeLimitHoldsTheProbeOverTheLimitUntilASlotFreesOrItsContextEnds(t *testing.T) {
	l := newProbeLimit(1, 1, 1)
	ctx := context.Background()
	l.acquire(ctx)
	got := make(chan bool)
	go func() { got <- l.acquire(ctx) }()
	select {
	case <-got:
		t.Fatal("a second probe ran beside the first with a limit of one")
	default:
	}
	l.release(false)
	if !<-got {
		t.Fatal("the waiting probe did not get the freed slot")
	}
	cctx, cancel := context.WithCancel(ctx)
	go func() { got <- l.acquire(cctx) }()
	cancel()
	if <-got {
		t.Fatal("a probe whose search ended still got a slot")
	}
}
