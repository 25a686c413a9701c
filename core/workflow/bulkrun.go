package workflow

import (
	"context"
	"sync"
)

// Each runs work for every index from 0 to n-1, at most parallel at once
// (default as Bulk's), and returns when all have finished. An index whose
// turn comes after ctx ended is handed to notStarted instead, so a
// front-end can say that nothing reached that camera. Both may be called
// from several goroutines at once.
//
// It is the bounded runner behind SetPasswords, for the workflows that do
// not have a bulk form of their own (restart, factory default, network
// settings): each camera's own call already says everything about it.
func Each(ctx context.Context, n, parallel int, work func(ctx context.Context, i int), notStarted func(i int)) {
	if parallel <= 0 {
		parallel = defaultParallel
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := range n {
		// Taken in list order, so the first cameras are worked on first
		// and a stop leaves the tail of the list untouched.
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			if notStarted != nil {
				for j := i; j < n; j++ {
					notStarted(j)
				}
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			work(ctx, i)
		}()
	}
	wg.Wait()
}
