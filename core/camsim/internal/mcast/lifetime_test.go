package mcast

import (
	"context"
	"testing"
	"time"
)

func TestCloseOnCancelClosesWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	closed := make(chan struct{})
	CloseOnCancel(ctx, make(chan struct{}), func() error { close(closed); return nil })
	cancel()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("not closed after the context ended")
	}
}

func TestCloseOnCancelStopsWatchingOnceDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	calls := make(chan struct{}, 1)
	CloseOnCancel(ctx, done, func() error { calls <- struct{}{}; return nil })
	close(done)
	// Give the watcher its chance to see done before the context ends.
	time.Sleep(20 * time.Millisecond)
	cancel()
	time.Sleep(20 * time.Millisecond)
	select {
	case <-calls:
		t.Fatal("closed again after the responder was already done")
	default:
	}
}
