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
	ended := CloseOnCancel(ctx, done, func() error { calls <- struct{}{}; return nil })
	close(done)
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("still watching after the responder was done")
	}
	cancel()
	select {
	case <-calls:
		t.Fatal("closed again after the responder was already done")
	default:
	}
}
