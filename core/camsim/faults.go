package camsim

import (
	"bytes"
	"net"
	"net/http"
	"time"
)

// Faults make the camera misbehave, to test how the client copes. They apply
// to every request that starts after SetFaults.
type Faults struct {
	// Delay sleeps before every reply (stopping early if the client leaves).
	Delay time.Duration
	// OversizeBody pads every reply body with this many extra bytes
	// (whitespace, so a JSON reply stays valid JSON: only a size limit
	// catches it).
	OversizeBody int64
	// EndlessBody streams a 200 reply slowly forever, until the client leaves.
	EndlessBody bool
	// Malformed truncates and garbles every reply body.
	Malformed bool
	// DropConnection closes the TCP connection without any reply.
	DropConnection bool
	// DropAfterFactoryDefault accepts a factory default or restart, then
	// resets the TCP connection in the middle of the reply, as real cameras
	// often do.
	DropAfterFactoryDefault bool
}

// SetFaults replaces the active faults. Safe to call at any time.
func (c *Camera) SetFaults(f Faults) { c.faults.Store(&f) }

func (c *Camera) currentFaults() Faults {
	if f := c.faults.Load(); f != nil {
		return *f
	}
	return Faults{}
}

// withFaults wraps the camera's handler with the fault switches.
func (c *Camera) withFaults(stop <-chan struct{}, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := c.currentFaults()
		if f.DropConnection {
			dropConnection(w)
			return
		}
		if f.Delay > 0 && !hold(r, stop, f.Delay) {
			return
		}
		if f.EndlessBody {
			endlessBody(w, r, stop)
			return
		}
		if !f.Malformed && f.OversizeBody <= 0 {
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufferedWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(bw, r)
		if bw.hijacked {
			return
		}
		body := bw.buf.Bytes()
		if f.Malformed {
			body = garble(body)
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(bw.status)
		_, _ = w.Write(body)
		if f.OversizeBody > 0 {
			writePadding(w, f.OversizeBody)
		}
	})
}

// dropConnection closes the connection with a TCP reset and no reply at all.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	resetConn(conn)
}

// resetConn closes with RST rather than FIN where the OS allows, the way a
// camera that reboots mid-reply looks to the client.
func resetConn(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func endlessBody(w http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	chunk := bytes.Repeat([]byte("root.Padding=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"), 8)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-tick.C:
		case <-r.Context().Done():
			return
		case <-stop:
			return
		}
	}
}

func writePadding(w http.ResponseWriter, n int64) {
	pad := bytes.Repeat([]byte{' '}, 32<<10)
	for n > 0 {
		k := min(n, int64(len(pad)))
		if _, err := w.Write(pad[:k]); err != nil {
			return
		}
		n -= k
	}
}

// garble keeps the first half of a body and appends bytes no parser accepts,
// so JSON is unterminated and HTML loses its closing tags.
func garble(body []byte) []byte {
	out := append([]byte(nil), body[:len(body)/2]...)
	return append(out, "\x00\xff<!--\"{["...)
}

// bufferedWriter holds a handler's reply so a fault can rewrite it.
type bufferedWriter struct {
	http.ResponseWriter
	buf      bytes.Buffer
	status   int
	wrote    bool
	hijacked bool
}

func (b *bufferedWriter) WriteHeader(code int) {
	if !b.wrote {
		b.status, b.wrote = code, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.buf.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (for hijacking).
func (b *bufferedWriter) Unwrap() http.ResponseWriter {
	b.hijacked = true
	return b.ResponseWriter
}
