package mcast

import "context"

// CloseOnCancel closes a started responder when the context given to its
// Start ends. Once done is closed (the responder was closed some other
// way) it stops watching, so the goroutine does not outlive the responder.
func CloseOnCancel(ctx context.Context, done <-chan struct{}, close func() error) {
	go func() {
		select {
		case <-ctx.Done():
			close()
		case <-done:
		}
	}()
}
