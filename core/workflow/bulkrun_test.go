package workflow

import (
	"context"
	"sync"
	"testing"
)

func TestEachWorksOnNoMoreThanParallelAtOnceAndOnEveryIndexOnce(t *testing.T) {
	const n, parallel = 13, 3
	var mu sync.Mutex
	running, most := 0, 0
	seen := map[int]int{}
	// Each holds the work until `parallel` are running, so a runner that
	// started too many would be seen doing so.
	gate := make(chan struct{})
	var once sync.Once
	Each(context.Background(), n, parallel, func(_ context.Context, i int) {
		mu.Lock()
		running++
		most = max(most, running)
		seen[i]++
		if running == parallel {
			once.Do(func() { close(gate) })
		}
		mu.Unlock()
		<-gate
		mu.Lock()
		running--
		mu.Unlock()
	}, func(i int) { t.Errorf("index %d not started without a stop", i) })
	if most != parallel {
		t.Errorf("at most %d ran at once, want %d", most, parallel)
	}
	for i := range n {
		if seen[i] != 1 {
			t.Errorf("index %d worked on %d times", i, seen[i])
		}
	}
}

func TestEachHandsEveryIndexNotYetStartedAtAStopToNotStarted(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	var mu sync.Mutex
	worked, skipped := map[int]bool{}, map[int]bool{}
	Each(ctx, 10, 2, func(ctx context.Context, i int) {
		mu.Lock()
		worked[i] = true
		mu.Unlock()
		if i == 1 {
			stop()
		}
		<-ctx.Done()
	}, func(i int) {
		mu.Lock()
		skipped[i] = true
		mu.Unlock()
	})
	if !worked[0] || !worked[1] {
		t.Errorf("worked on %v, want the first two", worked)
	}
	for i := range 10 {
		if worked[i] == skipped[i] {
			t.Errorf("index %d: worked %v, not started %v; want exactly one", i, worked[i], skipped[i])
		}
	}
	if len(skipped) == 0 {
		t.Error("nothing was left unstarted after the stop")
	}
}
