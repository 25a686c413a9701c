// Package vapix is OpenIPU's client for the HTTP API of Axis cameras
// (VAPIX / AXIS OS). It covers what a first setup needs: anonymous probes,
// creating the first administrator, logging in, factory defaults, restarts,
// reading parameters and setting the IPv4 address. Every failure is an *Error
// whose Kind a caller can react to and whose Explain() a user can read.
package vapix

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/icholy/digest"
)

// Limits that keep a misbehaving device from hanging or flooding us. Real
// cameras send a few KiB of JSON; a full parameter list is a few hundred KiB.
const (
	defaultTimeout = 10 * time.Second
	jsonLimit      = 256 << 10
	paramLimit     = 4 << 20
	// lockoutWait is how long AXIS OS blocks a client after too many failed
	// logins (KB: 20 failures/s → 403 for 10 s).
	lockoutWait = 10 * time.Second
)

// Options configure a Client. The zero value is usable.
type Options struct {
	// Timeout bounds each HTTP exchange (default 10 s). Long waits such as
	// WaitForReboot use their own deadline.
	Timeout time.Duration
	// Pins stores HTTPS fingerprints; nil means an in-memory store.
	Pins PinStore
	// Serial is the camera's MAC as discovery learned it (from mDNS, SSDP
	// or a digest realm), "" when only an address is known. The HTTPS pin
	// is kept under it, and a device that reports another MAC is refused
	// (OtherDevice). It must be a MAC: New refuses anything else.
	Serial string
	// AcceptNewCertificate says a new self-signed certificate is expected
	// because the camera was reset to factory settings: by this program,
	// which watched it come back, or by hand, as the user says. It takes
	// effect only when the device, asked over the new certificate, says it
	// has factory settings (no administrator); a device that says otherwise
	// is refused whatever this says, so a flag alone never replaces a pin.
	AcceptNewCertificate bool
	// Waiting, when set, hears that the camera asked for a pause before the
	// next try (HTTP 403 with Retry-After after failed logins), before the
	// pause starts, so the pause is shown rather than silent. A pause
	// longer than Timeout is not waited for: the LockedOut error says how
	// long.
	Waiting func(d time.Duration)
	// Conn, when set, is a TLS connection to the camera already made
	// (ProbeHTTPS's): the first anonymous question travels on it instead
	// of a handshake of its own, and its certificate is noted like any met
	// there. The client owns it from New on, and Close closes it if it
	// was never used. Over HTTP it is closed at once.
	Conn *tls.Conn
}

// Client talks to one camera. Safe for concurrent use.
type Client struct {
	host    string   // as the caller gave it
	base    *url.URL // scheme://host:port
	timeout time.Duration
	accept  bool
	pins    PinStore

	waiting func(time.Duration)

	// Two sets of connections: anon carries anonymous questions and
	// accepts any certificate, which is only noted; inner carries
	// passwords and accepts only the certificate judged trustworthy (see
	// tlsState). Over HTTP they differ in nothing.
	anon   *http.Transport
	inner  *http.Transport
	plain  *http.Client // anonymous questions
	secret *http.Client // no digest, on inner: the first password, Basic

	// ready is Options.Conn until the anonymous connections take it.
	readyMu sync.Mutex
	ready   *tls.Conn

	// turn serialises exchanges with the camera: digest nonce counts must
	// reach it in order, and a camera is a small device that is better not
	// flooded. It is a channel so that waiting for it honours ctx.
	turn chan struct{}

	mu        sync.Mutex
	user      string
	password  string
	auth      *http.Client // digest over inner; rebuilt when credentials change
	basicOnly bool         // HTTPS camera that offered only Basic (FIPS mode)
	tlsState
}

// New makes a client for target: "host", "host:port", "http://host[:port]"
// or "https://host[:port]". No I/O happens here.
func New(target string, opts Options) (*Client, error) {
	base, err := parseTarget(target)
	if err != nil {
		return nil, &Error{Kind: InvalidAddress, Op: "use the camera address", Host: withoutUserInfo(target), Detail: err.Error()}
	}
	if opts.Serial != "" && !isMAC(NormalizeSerial(opts.Serial)) {
		return nil, &Error{Kind: InvalidAddress, Op: "use the camera address", Host: withoutUserInfo(target),
			Detail: "the camera's MAC address is not 12 hexadecimal digits"}
	}
	c := &Client{
		host:    strings.TrimSpace(target),
		base:    base,
		timeout: opts.Timeout,
		accept:  opts.AcceptNewCertificate,
		pins:    opts.Pins,
		waiting: opts.Waiting,
		turn:    make(chan struct{}, 1),
	}
	if i := strings.Index(c.host, "://"); i >= 0 {
		c.host = c.host[i+3:]
	}
	c.host = strings.TrimSuffix(c.host, "/")
	if c.timeout <= 0 {
		c.timeout = defaultTimeout
	}
	if c.pins == nil {
		c.pins = &MemoryPins{}
	}
	c.tlsState.init(opts.Serial)
	c.anon = c.newTransport(c.observe)
	if opts.Conn != nil {
		if c.isHTTPS() {
			c.ready = opts.Conn
			c.anon.DialTLSContext = c.dialAnon
		} else {
			_ = opts.Conn.Close()
		}
	}
	c.inner = c.newTransport(c.verifyTrusted)
	c.plain = &http.Client{Transport: &sendTracker{next: c.anon}, CheckRedirect: noRedirect}
	c.secret = &http.Client{Transport: &sendTracker{next: c.inner}, CheckRedirect: noRedirect}
	c.auth = c.newAuthClient("", "")
	return c, nil
}

func (c *Client) newTransport(verify func(tls.ConnectionState) error) *http.Transport {
	return &http.Transport{
		// Cameras sit on the local network: an HTTP proxy from the
		// environment would only leak the traffic and the digest exchange.
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   c.timeout,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSClientConfig: &tls.Config{
			// Cameras ship self-signed certificates made on first boot, so
			// the chain cannot be verified; pinning replaces it.
			InsecureSkipVerify: true,
			VerifyConnection:   verify,
			MinVersion:         tls.VersionTLS12,
		},
		TLSHandshakeTimeout: c.timeout,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     30 * time.Second,
		// The limits on bodies are ours; a camera never sends more headers
		// than this.
		MaxResponseHeaderBytes: 64 << 10,
	}
}

// noRedirect keeps the redirect response: a camera CGI never redirects, so
// a redirect means the device is not what we think, and following it could
// carry credentials elsewhere.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func (c *Client) newAuthClient(user, password string) *http.Client {
	return &http.Client{
		Transport: &digest.Transport{
			Username:      user,
			Password:      password,
			Transport:     c.secret.Transport,
			FindChallenge: findChallenge,
			Digest:        digestWithQop,
		},
		CheckRedirect: noRedirect,
	}
}

// SetCredentials sets the user name and password used for authenticated
// calls. The password is held in memory only.
func (c *Client) SetCredentials(user, password string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.user, c.password = user, password
	// A fresh digest transport: its fields are read without locking while
	// requests run, so they are never changed in place.
	c.auth = c.newAuthClient(user, password)
	c.tmu.Lock()
	c.firstPasswordTo = ""
	c.tmu.Unlock()
}

func (c *Client) credentials() (user, password string, auth *http.Client, basicOnly bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user, c.password, c.auth, c.basicOnly
}

// Close drops the kept-alive connections to the camera. The client stays
// usable; a later call connects again. Call it when done with a camera, so a
// scan of many cameras does not hold their sockets open.
func (c *Client) Close() {
	c.closeIdle()
	if conn := c.takeReady(); conn != nil {
		_ = conn.Close()
	}
}

func (c *Client) takeReady() *tls.Conn {
	c.readyMu.Lock()
	defer c.readyMu.Unlock()
	conn := c.ready
	c.ready = nil
	return conn
}

// dialAnon opens an anonymous connection: Options.Conn the first time,
// then a handshake such as the transport makes itself, noting the
// certificate either way.
func (c *Client) dialAnon(ctx context.Context, network, addr string) (net.Conn, error) {
	if conn := c.takeReady(); conn != nil {
		if err := c.observe(conn.ConnectionState()); err != nil {
			_ = conn.Close()
			return nil, err
		}
		return conn, nil
	}
	hctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	d := &tls.Dialer{
		NetDialer: &net.Dialer{Timeout: c.timeout, KeepAlive: 30 * time.Second},
		Config:    c.anon.TLSClientConfig,
	}
	return d.DialContext(hctx, network, addr)
}

func (c *Client) closeIdle() {
	c.anon.CloseIdleConnections()
	c.inner.CloseIdleConnections()
}

// Host returns host[:port] as given.
func (c *Client) Host() string { return c.host }

// BaseURL is the camera's base URL, e.g. "http://10.0.0.5:80".
func (c *Client) BaseURL() string { return c.base.String() }

func (c *Client) isHTTPS() bool { return c.base.Scheme == "https" }

// Encrypted reports whether the client talks HTTPS, so that what it sends
// cannot be read on the network.
func (c *Client) Encrypted() bool { return c.isHTTPS() }

// parseTarget accepts the forms people type: a bare IPv4/IPv6 address or
// name, with or without port and scheme. Anything beyond scheme://host:port
// is refused, in particular user:password@, which would put a password in a
// URL.
func parseTarget(target string) (*url.URL, error) {
	t := strings.TrimSpace(target)
	if t == "" {
		return nil, fmt.Errorf("the address is empty")
	}
	if !strings.Contains(t, "://") {
		// A bare IPv6 address ("fe80::1", "fe80::1%eth0") has colons that
		// are not a port separator.
		if a, err := netip.ParseAddr(t); err == nil && a.Is6() {
			t = "[" + strings.Replace(a.String(), "%", "%25", 1) + "]"
		}
		t = "http://" + t
	}
	u, err := url.Parse(t)
	if err != nil {
		return nil, fmt.Errorf("%q is not an address", target)
	}
	switch u.Scheme {
	case "http", "https":
	default:
		return nil, fmt.Errorf("only http:// and https:// addresses are supported")
	}
	if u.User != nil {
		return nil, fmt.Errorf("the address must not contain a user name or password")
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("the address must be just the camera's host name or IP address")
	}
	host := u.Hostname()
	if host == "" {
		return nil, fmt.Errorf("the address has no host")
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	// url.URL.String escapes an IPv6 zone's "%" itself.
	return &url.URL{Scheme: u.Scheme, Host: net.JoinHostPort(host, port)}, nil
}

// withoutUserInfo drops "user:password@" from an address before it is
// repeated in an error.
func withoutUserInfo(target string) string {
	if i := strings.LastIndex(target, "@"); i >= 0 {
		scheme := ""
		if j := strings.Index(target, "://"); j >= 0 && j < i {
			scheme = target[:j+3]
		}
		return scheme + target[i+1:]
	}
	return target
}
