package mcast

import "context"

// CloseOnCancel closes a started responder when the context given to its
// Start ends. Once done is closed (the responder was closed some other
// way) it stops watching, so the goroutine does not outlive the responder.
// The channel it returns is closed when the watching has ended.
func CloseOnCancel(ctx context.Context, done <-chan struct{}, closeResponder func() error) <-chan struct{} {
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		select {
		case <-ctx.Done():
			closeResponder()
		case <-done:
		}
	}()
	return ended
}
