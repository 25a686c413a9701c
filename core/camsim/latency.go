package camsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// LatencyRange is how long a camera takes before it answers a request: a
// duration drawn afresh for every request, uniformly between Min and Max.
// A camera on a real site answers in tens of milliseconds (a small CPU, a
// switch or two between it and the computer), where one on loopback answers
// at once; a client that is quick only on loopback is slow on site. The zero
// value is no delay.
type LatencyRange struct{ Min, Max time.Duration }

// ParseLatency reads "20ms-60ms" (a range, both ends included), "40ms" (a
// fixed delay), or "" and "0" (none).
func ParseLatency(s string) (LatencyRange, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return LatencyRange{}, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	var l LatencyRange
	var err error
	if l.Min, err = parseLatencyEnd(s, lo); err != nil {
		return LatencyRange{}, err
	}
	if l.Max, err = parseLatencyEnd(s, hi); err != nil {
		return LatencyRange{}, err
	}
	return l, l.check()
}

func parseLatencyEnd(whole, end string) (time.Duration, error) {
	end = strings.TrimSpace(end)
	if end == "" {
		// "-5ms" lands here too: its "-" reads as the range's.
		return 0, fmt.Errorf("latency %q is not a duration such as 40ms, or a range such as 20ms-60ms", whole)
	}
	d, err := time.ParseDuration(end)
	if err != nil {
		return 0, fmt.Errorf("latency %q is not a duration such as 40ms, or a range such as 20ms-60ms", whole)
	}
	return d, nil
}

// check refuses a range a camera cannot have.
func (l LatencyRange) check() error {
	switch {
	case l.Min < 0 || l.Max < 0:
		return errors.New("latency must not be negative")
	case l.Max < l.Min:
		return fmt.Errorf("latency range %s-%s ends before it starts", l.Min, l.Max)
	}
	return nil
}

// String is the form ParseLatency reads.
func (l LatencyRange) String() string {
	switch {
	case l == LatencyRange{}:
		return "0"
	case l.Min == l.Max:
		return l.Min.String()
	}
	return l.Min.String() + "-" + l.Max.String()
}

func (l LatencyRange) draw() time.Duration {
	if l.Max <= l.Min {
		return l.Min
	}
	return l.Min + rand.N(l.Max-l.Min+1)
}

// RequestCounts is the camera's account of the HTTP requests it was sent,
// over HTTP and HTTPS together, since New.
type RequestCounts struct {
	// Received counts every request that reached the camera's web server.
	Received int
	// Answering is how many of them it is working on now (the latency
	// included).
	Answering int
	// Connections counts the TCP connections it accepted, each TLS
	// handshake on the HTTPS port included, whether or not a request
	// followed.
	Connections int
}

// requestLog keeps RequestCounts and tells waiters of every change.
type requestLog struct {
	mu      sync.Mutex
	counts  RequestCounts
	changed chan struct{} // closed at the next change
}

func (l *requestLog) update(f func(*RequestCounts)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(&l.counts)
	if l.changed != nil {
		close(l.changed)
		l.changed = nil
	}
}

func (l *requestLog) get() (RequestCounts, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.changed == nil {
		l.changed = make(chan struct{})
	}
	return l.counts, l.changed
}

// Requests is the camera's account of the requests it was sent.
func (c *Camera) Requests() RequestCounts {
	counts, _ := c.reqs.get()
	return counts
}

// AwaitRequests waits until cond holds for the camera's request counts,
// and returns ctx's error if ctx ends first. It is how a test learns that a
// request has arrived, or has been let go, without guessing how long that
// takes.
func (c *Camera) AwaitRequests(ctx context.Context, cond func(RequestCounts) bool) error {
	for {
		counts, changed := c.reqs.get()
		if cond(counts) {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// withLatency counts each request and holds it for the camera's latency
// before next sees it. The wait ends early when the client leaves or the
// camera goes off the network (stop), so no request outlives either.
func (c *Camera) withLatency(stop <-chan struct{}, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.reqs.update(func(n *RequestCounts) { n.Received++; n.Answering++ })
		defer c.reqs.update(func(n *RequestCounts) { n.Answering-- })
		if d := c.cfg.Latency.draw(); d > 0 {
			// The server notices a client leaving only once the request
			// body has been read to its end; a camera has it by then too.
			r.Body = readAhead(r.Body)
			if !hold(r, stop, d) {
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// readAhead reads a request body up to the camera's limit and gives back
// one that replays it. A longer body is given back whole, read part and
// rest, for the handler's own limit to refuse; a failed read fails again
// where the handler reads.
func readAhead(body io.ReadCloser) io.ReadCloser {
	head, err := io.ReadAll(io.LimitReader(body, maxRequestBody+1))
	parts := []io.Reader{bytes.NewReader(head)}
	switch {
	case err != nil:
		parts = append(parts, failedRead{err})
	case len(head) > maxRequestBody:
		parts = append(parts, body)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(parts...), body}
}

type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }
