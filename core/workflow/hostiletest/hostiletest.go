// Package hostiletest plays the attacker on the same network as OpenIPU,
// over real loopback sockets, for the tests that prove no password leaves
// the program where someone else could read it: devices that pretend to be
// cameras (a fresh impostor offering only Basic, an impostor claiming a
// known camera's MAC with another certificate, a device that asks for a
// digest login without qop, one that asks for a 600-second pause), and a
// recording relay in front of a genuine (simulated) camera.
//
// Every server here records every byte it receives on every connection, as
// it crossed the socket, and, where it speaks TLS itself, every request as
// it was decrypted; a test then asks whether a password appears there in
// any form a listener could read it (plain, URL-encoded, in Basic).
package hostiletest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Recorder keeps what servers received: the raw bytes of every connection
// and, for servers that decrypt TLS themselves, every request in clear.
// Safe for concurrent use.
type Recorder struct {
	mu       sync.Mutex
	conns    []*recordedConn
	requests [][]byte
	auth     []string
}

// NewRecorder makes an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{} }

type recordedConn struct {
	mu  sync.Mutex
	raw bytes.Buffer
}

// listener records every accepted connection's incoming bytes.
type listener struct {
	net.Listener
	rec *Recorder
}

func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	rc := &recordedConn{}
	l.rec.mu.Lock()
	l.rec.conns = append(l.rec.conns, rc)
	l.rec.mu.Unlock()
	return &conn{Conn: c, rc: rc}, nil
}

type conn struct {
	net.Conn
	rc *recordedConn
}

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.rc.mu.Lock()
		c.rc.raw.Write(p[:n])
		c.rc.mu.Unlock()
	}
	return n, err
}

// Listen wraps l so that every byte received on every connection it
// accepts is recorded, before any TLS layered on top decrypts it.
func (r *Recorder) Listen(l net.Listener) net.Listener { return &listener{Listener: l, rec: r} }

// record keeps a decrypted request (with its body) and its Authorization
// header.
func (r *Recorder) record(req *http.Request) {
	dump, err := httputil.DumpRequest(req, true)
	if err != nil {
		dump = []byte(req.Method + " " + req.URL.String())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, dump)
	if a := req.Header.Get("Authorization"); a != "" {
		r.auth = append(r.auth, a)
	}
}

// Raw is everything every connection received, as it crossed the socket.
func (r *Recorder) Raw() []byte {
	r.mu.Lock()
	conns := append([]*recordedConn(nil), r.conns...)
	r.mu.Unlock()
	var b bytes.Buffer
	for _, c := range conns {
		c.mu.Lock()
		b.Write(c.raw.Bytes())
		c.mu.Unlock()
	}
	return b.Bytes()
}

// Connections is how many connections were accepted.
func (r *Recorder) Connections() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.conns)
}

// Requests are the decrypted requests a device served, each dumped with
// its headers and body.
func (r *Recorder) Requests() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.requests...)
}

// Authorizations are the Authorization headers of the requests a device
// served.
func (r *Recorder) Authorizations() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auth...)
}

// Basic reports whether any request served carried Basic credentials.
func (r *Recorder) Basic() bool {
	for _, a := range r.Authorizations() {
		if len(a) >= 6 && strings.EqualFold(a[:6], "basic ") {
			return true
		}
	}
	return false
}

// Forms are the ways secret can be read off the wire: as it is,
// percent-encoded as in a query (either spelling of a space, either case of
// hex digits), and inside Basic credentials for each of users.
func Forms(secret string, users ...string) []string {
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret), percentAll(secret, "0123456789ABCDEF"), percentAll(secret, "0123456789abcdef")}
	for _, u := range users {
		forms = append(forms, base64.StdEncoding.EncodeToString([]byte(u+":"+secret)))
	}
	return forms
}

func percentAll(s, hexDigits string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// InClear reports whether secret can be read in the raw bytes received, in
// any of its Forms for users.
func (r *Recorder) InClear(secret string, users ...string) bool {
	return containsAny(r.Raw(), Forms(secret, users...))
}

// Decrypted reports whether secret reached the device at all: in any of
// its Forms in a request it decrypted and served.
func (r *Recorder) Decrypted(secret string, users ...string) bool {
	forms := Forms(secret, users...)
	for _, req := range r.Requests() {
		if containsAny(req, forms) {
			return true
		}
	}
	return false
}

func containsAny(b []byte, forms []string) bool {
	for _, f := range forms {
		if f != "" && bytes.Contains(b, []byte(f)) {
			return true
		}
	}
	return false
}

// Certificate is a fresh self-signed certificate, as a camera makes on
// first boot, with the fingerprint OpenIPU pins (SHA-256 of the DER,
// lowercase hex).
func Certificate(t testing.TB) (tls.Certificate, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "axis-impostor"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, hex.EncodeToString(sum[:])
}

// Server is a device listening on loopback.
type Server struct {
	// URL is "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
	URL string
	// Port is the port it listens on.
	Port int
	// Fingerprint is its certificate's pin ("" over HTTP).
	Fingerprint string
}

// Serve runs h on a fresh loopback port, over TLS when cert is given,
// recording into rec; every request is recorded before h sees it. The
// server stops when the test ends.
func Serve(t testing.TB, rec *Recorder, h http.Handler, cert *tls.Certificate) Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	var ln net.Listener = rec.Listen(l)
	s := Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Port: port}
	if cert != nil {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12})
		s.URL = fmt.Sprintf("https://127.0.0.1:%d", port)
		sum := sha256.Sum256(cert.Certificate[0])
		s.Fingerprint = hex.EncodeToString(sum[:])
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec.record(r)
			r.Body = io.NopCloser(bytes.NewReader(body))
			h.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
		// The HTTPS probes that only shake hands are expected.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Relay forwards every connection to target ("host:port") byte for byte,
// recording what the client sent as it crossed the socket: put in front
// of a genuine camera, it is someone on the network watching the traffic.
// It stops when the test ends.
func Relay(t testing.TB, rec *Recorder, target string) (port int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := rec.Listen(l)
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				relay(c, target, done)
			}()
		}
	}()
	t.Cleanup(func() {
		close(done)
		_ = ln.Close()
		wg.Wait()
	})
	return l.Addr().(*net.TCPAddr).Port
}

func relay(c net.Conn, target string, done <-chan struct{}) {
	defer c.Close()
	up, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer up.Close()
	finished := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); finished <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); finished <- struct{}{} }()
	select {
	case <-finished:
	case <-done:
	}
}

// ClosedPort is a loopback port nothing listens on (it was just free): a
// device there refuses the connection, as a camera without HTTPS does on
// 443.
func ClosedPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	return port
}
