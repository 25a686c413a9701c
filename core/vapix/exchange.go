package vapix

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/icholy/digest"
)

// call describes one exchange with the camera.
type call struct {
	op     string // what is being done, in words, for errors
	method string
	path   string // e.g. "/axis-cgi/param.cgi"
	query  string // already escaped
	body   []byte // JSON for POSTs
	auth   bool   // needs the administrator's credentials
	// secret: the request itself carries a password (the first account's),
	// so it goes only to the judged certificate, like credentials.
	secret bool
	limit  int64 // largest body accepted
	// dropOK: a camera that is resetting or changing address may drop the
	// connection once it has the request, so a drop after an authenticated
	// request was fully written counts as accepted.
	dropOK bool
	// timing, when set, hears when the last request went out and its
	// answer began, so a clock reading can be placed between them.
	timing *exchangeTiming
}

// exchangeTiming is when the last attempt of an exchange was written and
// when its answer's first byte came: a digest login makes two attempts,
// and only the second is answered by the camera's CGI.
type exchangeTiming struct {
	mu        sync.Mutex
	sent, got time.Time
}

func (t *exchangeTiming) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				t.mu.Lock()
				t.sent, t.got = time.Now(), time.Time{}
				t.mu.Unlock()
			}
		},
		GotFirstResponseByte: func() {
			t.mu.Lock()
			t.got = time.Now()
			t.mu.Unlock()
		},
	}
}

// span is the last attempt's send and answer times; ok is false when
// either is missing.
func (t *exchangeTiming) span() (sent, got time.Time, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sent, t.got, !t.sent.IsZero() && !t.got.IsZero() && !t.got.Before(t.sent)
}

// reply is what came back.
type reply struct {
	status  int
	header  http.Header
	body    []byte
	dropped bool // dropOK applied: the connection died after the request went out
	// fp is the fingerprint of the certificate the answer came over ("" on
	// HTTP).
	fp string
}

// sentAfterWrite marks a transport error that happened after an
// authenticated request had been written in full.
type sentAfterWrite struct{ err error }

func (e *sentAfterWrite) Error() string { return e.err.Error() }
func (e *sentAfterWrite) Unwrap() error { return e.err }

// sendTracker sits under the digest transport, so it sees each request as
// it goes on the wire, with or without its Authorization header.
type sendTracker struct{ next http.RoundTripper }

func (t *sendTracker) RoundTrip(req *http.Request) (*http.Response, error) {
	wrote := make(chan struct{}, 1)
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				select {
				case wrote <- struct{}{}:
				default:
				}
			}
		},
	}
	authorised := req.Header.Get("Authorization") != ""
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	res, err := t.next.RoundTrip(req)
	if err != nil && authorised {
		select {
		case <-wrote:
			return nil, &sentAfterWrite{err: err}
		default:
		}
	}
	return res, err
}

// challengeError marks a challenge the digest library could not parse.
type challengeError struct{ err error }

func (e *challengeError) Error() string { return "unreadable login challenge: " + e.err.Error() }
func (e *challengeError) Unwrap() error { return e.err }

// errWeakChallenge marks a digest challenge without qop (RFC 2069): the
// answer to it has no nonce of ours, so whoever sent the challenge can
// replay it or work on the password offline with nonces of its choosing.
// Axis cameras always send qop="auth".
var errWeakChallenge = errors.New(`digest login challenge without qop="auth"`)

// qopOK says whether a challenge lets the answer carry our own nonce.
func qopOK(c *digest.Challenge) bool {
	return c.SupportsQOP("auth") || c.SupportsQOP("auth-int")
}

// findChallenge picks the first digest challenge that can be answered
// safely. A device that offers digest only without qop gets no answer.
func findChallenge(h http.Header) (*digest.Challenge, error) {
	var parseErr error
	weak := false
	for _, v := range h.Values("WWW-Authenticate") {
		if !digest.IsDigest(v) {
			continue
		}
		chal, err := digest.ParseChallenge(v)
		switch {
		case err != nil:
			parseErr = err
		case !digest.CanDigest(chal):
		case !qopOK(chal):
			weak = true
		default:
			return chal, nil
		}
	}
	switch {
	case weak:
		return nil, errWeakChallenge
	case parseErr != nil:
		return nil, &challengeError{err: parseErr}
	}
	return nil, digest.ErrNoChallenge
}

// digestWithQop answers a challenge only with qop, whatever chose it.
func digestWithQop(_ *http.Request, chal *digest.Challenge, o digest.Options) (*digest.Credentials, error) {
	if !qopOK(chal) {
		return nil, errWeakChallenge
	}
	return digest.Digest(chal, o)
}

// acquire waits for this client's turn to talk to the camera.
func (c *Client) acquire(ctx context.Context) error {
	select {
	case c.turn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) release() { <-c.turn }

// do runs one exchange: its own timeout, the size limit, error mapping, and
// over HTTPS the Basic fallback for cameras that offer nothing else.
func (c *Client) do(ctx context.Context, cl call) (reply, error) {
	if cl.auth || cl.secret {
		if err := c.ensurePinned(ctx); err != nil {
			return reply{}, err
		}
	}
	if err := c.acquire(ctx); err != nil {
		return reply{}, c.fail(cl.op, Canceled, err)
	}
	defer c.release()

	cctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	user, password, authClient, basicOnly := c.credentials()
	client := c.plain
	if cl.secret {
		client = c.secret
	}
	basic := false
	if cl.auth {
		switch {
		case basicOnly && c.isHTTPS():
			if !c.basicAllowed() {
				return reply{}, c.basicRefused(cl.op)
			}
			basic, client = true, c.secret
		default:
			client = authClient
		}
	}
	r, err := c.send(cctx, client, cl, basic, user, password)
	if err == nil && cl.auth && !basic && r.status == http.StatusUnauthorized && c.isHTTPS() &&
		offersOnlyBasic(r.header) {
		// FIPS mode: MD5 digest is off and HTTPS takes Basic only. Basic is
		// never sent over plain HTTP, nor to a device first met in this
		// run: it hands over the password itself.
		c.mu.Lock()
		c.basicOnly = true
		c.mu.Unlock()
		if !c.basicAllowed() {
			return reply{}, c.basicRefused(cl.op)
		}
		r, err = c.send(cctx, c.secret, cl, true, user, password)
	}
	if err != nil {
		return reply{}, c.transportError(ctx, cctx, cl.op, err)
	}
	return r, nil
}

func (c *Client) basicRefused(op string) error {
	return &Error{Kind: BasicNotTrusted, Op: op, Host: c.host,
		Detail: "the device accepts the password only in readable form (Basic), and its certificate was first met in this run"}
}

func (c *Client) send(ctx context.Context, client *http.Client, cl call, basic bool, user, password string) (reply, error) {
	u := *c.base
	u.Path = cl.path
	u.RawQuery = cl.query
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	if cl.timing != nil {
		ctx = httptrace.WithClientTrace(ctx, cl.timing.trace())
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return reply{}, err
	}
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "OpenIPU")
	if basic {
		req.SetBasicAuth(user, password)
	}
	if cl.dropOK {
		// A fresh connection: a request written into a pooled connection the
		// camera had already closed would look like "sent, then dropped".
		c.inner.CloseIdleConnections()
	}
	res, err := client.Do(req)
	if err != nil {
		var sent *sentAfterWrite
		if cl.dropOK && errors.As(err, &sent) && ctx.Err() == nil {
			return reply{dropped: true}, nil
		}
		return reply{}, err
	}
	defer res.Body.Close()
	limit := cl.limit
	if limit <= 0 {
		limit = jsonLimit
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if int64(len(data)) > limit {
		return reply{}, errTooLarge
	}
	if err != nil && res.StatusCode == http.StatusUnauthorized && closedBody(err) {
		// icholy/digest hands back a 401 it could not answer (no usable
		// Digest challenge) after it has drained and closed the body.
		err = nil
	}
	if err == nil && ctx.Err() != nil {
		// Cancellation can surface as a clean EOF on a TLS body: what was
		// read may be cut short.
		err = ctx.Err()
	}
	if err != nil && ctx.Err() != nil && len(data) >= streamingLimit {
		// Still streaming when time ran out: a device that sends this much
		// without ending is flooding us, not slow to answer.
		return reply{}, errTooLarge
	}
	fp := ""
	if res.TLS != nil && len(res.TLS.PeerCertificates) > 0 {
		fp = Fingerprint(res.TLS.PeerCertificates[0].Raw)
	}
	if err != nil {
		if cl.dropOK && res.StatusCode == http.StatusOK && ctx.Err() == nil {
			// The camera answered and went down mid-answer.
			return reply{status: res.StatusCode, header: res.Header, dropped: true, fp: fp}, nil
		}
		return reply{}, &bodyError{err: err}
	}
	return reply{status: res.StatusCode, header: res.Header, body: data, fp: fp}, nil
}

// closedBody matches net/http's unexported "read on closed response body".
func closedBody(err error) bool {
	return errors.Is(err, http.ErrBodyReadAfterClose) || strings.Contains(err.Error(), "read on closed response body")
}

// streamingLimit: more than this received when the timeout ends a reply
// counts as too large rather than as no answer.
const streamingLimit = 64 << 10

var errTooLarge = errors.New("reply larger than any camera sends")

// bodyError marks a failure while reading a reply that had begun.
type bodyError struct{ err error }

func (e *bodyError) Error() string { return "reading the reply: " + e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

// transportError turns what the HTTP stack says into a Kind. The *url.Error
// is peeled off first: its text holds the request URL, and the URL of a
// first-account request holds the password.
func (c *Client) transportError(ctx, cctx context.Context, op string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var cc *certChangedError
	var ch *challengeError
	var rh tls.RecordHeaderError
	var ne net.Error
	switch {
	case errors.As(err, &cc):
		return &Error{Kind: CertificateChanged, Op: op, Host: c.host, Err: err}
	case errors.Is(err, errWeakChallenge):
		return &Error{Kind: WeakDigest, Op: op, Host: c.host, Err: err}
	case ctx.Err() != nil:
		return c.fail(op, Canceled, ctx.Err())
	case errors.Is(err, errTooLarge):
		return c.fail(op, ReplyTooLarge, err)
	case cctx.Err() != nil:
		return &Error{Kind: NoAnswer, Op: op, Host: c.host, Detail: fmt.Sprintf("no answer within %s", c.timeout), Err: err}
	case errors.As(err, &ch):
		return c.fail(op, BadReply, err)
	case errors.As(err, &rh), strings.Contains(err.Error(), "HTTP response to HTTPS client"):
		// Something that does not speak TLS answered on the HTTPS port
		// (net/http has no type for its own variant of this).
		return c.fail(op, NotAxis, err)
	case errors.As(err, &ne) && ne.Timeout():
		return c.fail(op, NoAnswer, err)
	case strings.Contains(err.Error(), "malformed HTTP"):
		// net/http has no type for a reply that is not HTTP.
		return c.fail(op, BadReply, err)
	}
	var be *bodyError
	if errors.As(err, &be) && !isConnDrop(err) {
		return c.fail(op, BadReply, err)
	}
	return c.fail(op, NoAnswer, err)
}

func isConnDrop(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, net.ErrClosed)
}

func (c *Client) fail(op string, k Kind, err error) *Error {
	return &Error{Kind: k, Op: op, Host: c.host, Err: err}
}

// statusError maps a non-200 status to a Kind. 401 and 403 follow AXIS OS:
// "Axis-Setup: vapix" marks a camera without an administrator (KB), 403 is
// the brute-force block.
func (c *Client) statusError(op string, r reply) error {
	e := &Error{Op: op, Host: c.host, Status: r.status}
	switch {
	case r.status == http.StatusUnauthorized && r.header.Get("Axis-Setup") != "":
		e.Kind = NeedsSetup
	case r.status == http.StatusUnauthorized && offersOnlyWeakDigest(r.header):
		e.Kind = WeakDigest
	case r.status == http.StatusUnauthorized && !c.isHTTPS() && offersOnlyBasic(r.header):
		e.Kind = Unsupported
		e.Detail = "the camera only accepts logins sent unprotected over http; use https"
	case r.status == http.StatusUnauthorized && !offersUsable(r.header):
		e.Kind = Unsupported
		e.Detail = "the camera asks for a login method this program does not know"
	case r.status == http.StatusUnauthorized:
		e.Kind = WrongPassword
	case r.status == http.StatusForbidden:
		e.Kind = LockedOut
		e.RetryAfter = retryAfter(r.header)
	case r.status == http.StatusNotFound:
		e.Kind = Unsupported
	case r.status >= 300 && r.status < 400:
		e.Kind = NotAxis
		e.Detail = "it redirected the request"
	default:
		e.Kind = BadReply
	}
	return e
}

// maxRetryAfter bounds what a device may say; what is waited for is
// bounded further by the client's timeout (VerifyLogin).
const maxRetryAfter = time.Hour

func retryAfter(h http.Header) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After"))); err == nil && s > 0 {
		// Compared in seconds: a huge number would overflow a Duration.
		return time.Duration(min(s, int(maxRetryAfter/time.Second))) * time.Second
	}
	return lockoutWait
}

func authSchemes(h http.Header) (usableDigest, anyDigest, basic bool) {
	for _, v := range h.Values("WWW-Authenticate") {
		switch {
		case digest.IsDigest(v):
			anyDigest = true
			if ch, err := digest.ParseChallenge(v); err == nil && digest.CanDigest(ch) && qopOK(ch) {
				usableDigest = true
			}
		case len(v) >= 5 && strings.EqualFold(v[:5], "basic"):
			basic = true
		}
	}
	return
}

// offersOnlyWeakDigest: digest is offered, but only without qop, and
// nothing else this client could use.
func offersOnlyWeakDigest(h http.Header) bool {
	for _, v := range h.Values("WWW-Authenticate") {
		if !digest.IsDigest(v) {
			continue
		}
		if ch, err := digest.ParseChallenge(v); err == nil && digest.CanDigest(ch) && !qopOK(ch) {
			d, _, _ := authSchemes(h)
			return !d
		}
	}
	return false
}

func offersOnlyBasic(h http.Header) bool {
	d, _, b := authSchemes(h)
	return b && !d
}

// offersUsable is false when the camera challenges only with schemes we
// cannot answer (MD5-sess, say). No challenge at all is read as a plain
// refusal.
func offersUsable(h http.Header) bool {
	d, anyD, b := authSchemes(h)
	if !anyD && !b {
		return true
	}
	return d || b
}
