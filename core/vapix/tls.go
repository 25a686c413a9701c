package vapix

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/openipu/openipu/core/macaddr"
)

// PinStore remembers the SHA-256 fingerprint (lowercase hex) of each camera's
// HTTPS certificate, keyed by the camera's MAC (12 uppercase hex, which is
// also an Axis camera's serial number). Implementations must be safe for
// concurrent use. core/tlspin.FileStore is the persistent one; MemoryPins is
// the in-memory default.
type PinStore interface {
	Pin(serial string) (fingerprint string, ok bool)
	SetPin(serial, fingerprint string) error
}

// MemoryPins is a PinStore that forgets everything when the program ends.
// The zero value is ready to use.
type MemoryPins struct {
	mu   sync.Mutex
	pins map[string]string
}

// Pin returns the fingerprint stored for serial.
func (m *MemoryPins) Pin(serial string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fp, ok := m.pins[NormalizeSerial(serial)]
	return fp, ok
}

// SetPin stores fingerprint for serial, replacing any earlier one.
func (m *MemoryPins) SetPin(serial, fingerprint string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pins == nil {
		m.pins = map[string]string{}
	}
	m.pins[NormalizeSerial(serial)] = strings.ToLower(fingerprint)
	return nil
}

// Fingerprint is the pin of a certificate: SHA-256 of its DER, lowercase hex.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// NormalizeSerial turns "ac:cc:8e:27:0a:d8" or "accc8e270ad8" into
// "ACCC8E270AD8", the form serials and MACs are keyed by. A serial that is
// not a MAC (another vendor's, or a mistyped one) is still spelt the same
// way whatever its spelling: separators dropped, letters raised. Only a MAC
// ever becomes a pin's key.
func NormalizeSerial(s string) string {
	if m := macaddr.Normalize(s); m != "" {
		return m
	}
	return strings.ToUpper(serialSeparators.Replace(strings.TrimSpace(s)))
}

// serialSeparators is built once: every probe of a discovery normalises a
// serial or two, and building a Replacer costs more than using it.
var serialSeparators = strings.NewReplacer(":", "", "-", "", ".", "", " ", "")

// isMAC reports whether s (normalised) is 12 hex digits.
func isMAC(s string) bool {
	return s != "" && macaddr.Normalize(s) == s
}

// pinnedThisRun holds, for each MAC, the fingerprint this process last
// pinned for it, in any store. "Created in this run" means exactly that:
// written by this program since it started, on any connection. A pin found
// in the store that this process did not write was written on an earlier
// occasion (an earlier run, or the other OpenIPU program on this computer,
// which share the file), so the camera had been met before.
var pinnedThisRun sync.Map

func pinnedInThisRun(serial, fp string) bool {
	v, ok := pinnedThisRun.Load(serial)
	return ok && v == fp
}

// certChangedError is returned from the TLS handshake so that the error
// survives the HTTP stack and can be told apart from other TLS failures.
type certChangedError struct {
	serial, pinned, seen string
}

func (e *certChangedError) Error() string {
	if e.pinned == "" {
		return fmt.Sprintf("certificate of %s is %s, which has not been checked", e.serial, e.seen)
	}
	return fmt.Sprintf("certificate of %s is %s, expected %s", e.serial, e.seen, e.pinned)
}

// tlsState is the trust of one Client in the camera's certificate.
//
// Anonymous questions (is it ready, who is it) travel on connections whose
// certificate is only noted: they carry nothing secret, and their answers
// are what the certificate is judged by. A password travels only on the
// other set of connections, whose handshake accepts nothing but the one
// certificate judged trustworthy (c.trusted); ensurePinned does the judging
// first. So the certificate that gets the password is always one that was
// checked, whichever connection the HTTP stack happens to pick.
type tlsState struct {
	tmu sync.Mutex
	// expected is the MAC the caller knows the camera by (discovery's),
	// "" when only an address was given.
	expected string
	// serial is the pin's key: expected, else the MAC the device reported.
	serial string
	// reported is the MAC the device said it has, "" until it said.
	reported string
	// asked: the device was asked who it is for the judging.
	asked bool
	// gate serialises ensurePinned; a channel so that waiting honours ctx.
	gate chan struct{}
	// trusted is the certificate credentials may go to, once judged.
	trusted string
	// pending are certificates met on anonymous connections, not judged
	// yet.
	pending map[string]*seenCert
	// firstPasswordTo is the certificate the first administrator's
	// password was sent to by this client: Basic with that same password
	// to that same certificate reveals nothing new.
	firstPasswordTo string
}

// seenCert is what a device said over one certificate.
type seenCert struct {
	// stateKnown: it answered systemready over it; factory: it said it
	// has no administrator (factory settings).
	stateKnown, factory bool
}

func (s *tlsState) init(serial string) {
	s.expected = NormalizeSerial(serial)
	s.serial = s.expected
	s.pending = map[string]*seenCert{}
	s.gate = make(chan struct{}, 1)
}

func peerFingerprint(cs tls.ConnectionState) (string, error) {
	if len(cs.PeerCertificates) == 0 {
		return "", errors.New("the camera sent no certificate")
	}
	return Fingerprint(cs.PeerCertificates[0].Raw), nil
}

// observe is the handshake check of anonymous connections: the certificate
// is noted for judging, nothing more.
func (c *Client) observe(cs tls.ConnectionState) error {
	fp, err := peerFingerprint(cs)
	if err != nil {
		return err
	}
	c.tmu.Lock()
	defer c.tmu.Unlock()
	if fp != c.trusted && c.pending[fp] == nil {
		c.pending[fp] = &seenCert{}
	}
	return nil
}

// verifyTrusted is the handshake check of connections that carry a
// password: only the judged certificate passes.
func (c *Client) verifyTrusted(cs tls.ConnectionState) error {
	fp, err := peerFingerprint(cs)
	if err != nil {
		return err
	}
	c.tmu.Lock()
	defer c.tmu.Unlock()
	if c.trusted == "" || fp != c.trusted {
		return &certChangedError{serial: c.serial, pinned: c.trusted, seen: fp}
	}
	return nil
}

// judgeLocked decides every certificate met so far, once the camera's MAC
// is known: the pinned one is trusted; the first one of a camera never met
// is pinned (trust on first use); a different one is refused, unless the
// caller accepts a new certificate and the device said over it that it has
// factory settings. Until final, a different certificate the caller might
// accept waits for the device to say so.
func (c *Client) judgeLocked(final bool) error {
	if c.serial == "" || len(c.pending) == 0 {
		return nil
	}
	pinned, has := c.pins.Pin(c.serial)
	if !has && len(c.pending) > 1 {
		// Two certificates for a camera never met: one of them is not the
		// camera, and there is no telling which.
		return &Error{Kind: CertificateChanged, Op: "check the camera's certificate", Host: c.host,
			Detail: "the device showed different certificates on different connections"}
	}
	for fp, sc := range c.pending {
		switch {
		case !has && c.reported == "":
			// A camera met for the first time is trusted only once it
			// has said which camera it is: the certificate of a device
			// that keeps quiet about its MAC is tied to nothing.
			continue
		case has && fp != pinned && c.accept && !sc.stateKnown && !final:
			continue
		}
		if err := c.judgeOneLocked(fp, sc, pinned, has); err != nil {
			return err
		}
		pinned, has = c.trusted, true
	}
	return nil
}

func (c *Client) judgeOneLocked(fp string, sc *seenCert, pinned string, has bool) error {
	switch {
	case has && pinned == fp:
	case !has && c.reported != "", c.accept && sc.stateKnown && sc.factory && c.reportedAgreesLocked():
		if err := c.pins.SetPin(c.serial, fp); err != nil {
			return &Error{Kind: CertificateChanged, Op: "remember the camera's certificate", Host: c.host, Err: err}
		}
		pinnedThisRun.Store(c.serial, fp)
	default:
		return c.changedLocked(fp, sc, pinned)
	}
	delete(c.pending, fp)
	c.trusted = fp
	return nil
}

func (c *Client) reportedAgreesLocked() bool {
	return c.reported == "" || c.reported == c.serial
}

// changedLocked is the refusal of a certificate that is not the pinned one,
// worded by what the device said about itself over it.
func (c *Client) changedLocked(fp string, sc *seenCert, pinned string) error {
	cause := &certChangedError{serial: c.serial, pinned: pinned, seen: fp}
	if sc.stateKnown && sc.factory {
		return &Error{Kind: CertificateReset, Op: "check the camera's certificate", Host: c.host, Err: cause}
	}
	e := &Error{Kind: CertificateChanged, Op: "check the camera's certificate", Host: c.host, Err: cause}
	if c.accept && sc.stateKnown {
		e.Detail = "the device says it was not reset to factory settings"
	}
	return e
}

// undecidedChangeLocked says whether a certificate other than the pinned
// one waits for the device to say whether it has factory settings.
func (c *Client) undecidedChangeLocked() bool {
	if c.serial == "" {
		return false
	}
	pinned, has := c.pins.Pin(c.serial)
	for fp, sc := range c.pending {
		if has && fp != pinned && !sc.stateKnown {
			return true
		}
	}
	return false
}

// noteState records what the device said about its setup state over the
// certificate fp (systemready). A certificate other than the pinned one is
// judged at once, so that a changed certificate is reported before anyone
// types a password; the first certificate of a camera never met waits until
// the device has said who it is.
func (c *Client) noteState(fp string, needsSetup bool) error {
	if fp == "" {
		return nil
	}
	c.tmu.Lock()
	sc := c.pending[fp]
	if sc == nil {
		c.tmu.Unlock()
		return nil
	}
	sc.stateKnown, sc.factory = true, needsSetup
	var err error
	if c.serial != "" {
		if pinned, has := c.pins.Pin(c.serial); has {
			err = c.judgeOneLocked(fp, sc, pinned, has)
		}
	}
	c.tmu.Unlock()
	if err != nil {
		c.closeIdle()
	}
	return err
}

// learnSerial is called as soon as the camera reports its MAC (from its
// device information or from its digest realm). It must agree with the MAC
// the caller knows the camera by; then the certificates met so far are
// judged. A serial that is not a MAC is no key for a pin and is ignored.
func (c *Client) learnSerial(serial string) error {
	serial = NormalizeSerial(serial)
	if !isMAC(serial) {
		return nil
	}
	c.tmu.Lock()
	var err error
	switch {
	case c.expected != "" && serial != c.expected:
		err = &Error{Kind: OtherDevice, Op: "identify the camera", Host: c.host, Detail: serial}
	case c.reported != "" && serial != c.reported:
		err = &Error{Kind: OtherDevice, Op: "identify the camera", Host: c.host, Detail: serial}
	default:
		c.reported = serial
		if c.serial == "" {
			c.serial = serial
		}
		err = c.judgeLocked(false)
	}
	c.tmu.Unlock()
	if err != nil {
		c.closeIdle()
	}
	return err
}

// judge decides the certificates met so far (see judgeLocked).
func (c *Client) judge(final bool) error {
	c.tmu.Lock()
	err := c.judgeLocked(final)
	c.tmu.Unlock()
	if err != nil {
		c.closeIdle()
	}
	return err
}

// ensurePinned makes sure a password can go out: over HTTP there is nothing
// to check; over HTTPS the device is asked who it is (its MAC must agree
// with the one the caller knows) and its certificate is judged, before any
// credential is sent.
func (c *Client) ensurePinned(ctx context.Context) error {
	if !c.isHTTPS() {
		return nil
	}
	// One judging at a time: concurrent calls would each ask the device
	// who it is, and none could rely on the others' answer.
	select {
	case c.gate <- struct{}{}:
		defer func() { <-c.gate }()
	case <-ctx.Done():
		return c.fail("check the camera's certificate", Canceled, ctx.Err())
	}
	c.tmu.Lock()
	ask := !c.asked && (c.serial == "" || c.reported == "")
	c.tmu.Unlock()
	if ask {
		if _, err := c.identifySerial(ctx); err != nil {
			return err
		}
		c.tmu.Lock()
		c.asked = true
		c.tmu.Unlock()
	}
	c.tmu.Lock()
	serial, undecided := c.serial, c.accept && c.undecidedChangeLocked()
	c.tmu.Unlock()
	if serial == "" {
		return errNoMAC(c.host)
	}
	if undecided {
		// A new certificate is accepted only from a device in factory
		// state; ask it.
		if _, err := c.SystemReady(ctx); err != nil && isTrustError(err) {
			return err
		}
	}
	if err := c.judge(true); err != nil {
		return err
	}
	if c.trustedFingerprint() == "" {
		// Nothing judged yet (the connections used so far were
		// refused): meet the certificate on an anonymous question first.
		if _, err := c.SystemReady(ctx); err != nil && (isTrustError(err) || KindOf(err) == Canceled) {
			return err
		}
		if err := c.judge(true); err != nil {
			return err
		}
	}
	c.tmu.Lock()
	trusted, reported := c.trusted, c.reported
	c.tmu.Unlock()
	switch {
	case trusted == "" && reported == "":
		return errNoMAC(c.host)
	case trusted == "":
		return &Error{Kind: NoAnswer, Op: "check the camera's certificate", Host: c.host,
			Detail: "no secure connection could be made to check its certificate"}
	}
	return nil
}

func errNoMAC(host string) error {
	return &Error{Kind: NotAxis, Op: "identify the camera before logging in", Host: host,
		Detail: "the device did not give its MAC address, so its certificate cannot be tied to a camera"}
}

func isTrustError(err error) bool {
	switch KindOf(err) {
	case CertificateChanged, CertificateReset, OtherDevice, Canceled:
		return true
	}
	return false
}

func (c *Client) trustedFingerprint() string {
	c.tmu.Lock()
	defer c.tmu.Unlock()
	return c.trusted
}

// basicAllowed says whether Basic (the password itself, base64-encoded) may
// go to the trusted certificate: only to a camera whose pin this process
// found rather than wrote, so that a device first met in this run can never
// collect a password by offering nothing but Basic; or with the very
// password this client just sent there as the first administrator's.
func (c *Client) basicAllowed() bool {
	c.tmu.Lock()
	defer c.tmu.Unlock()
	switch {
	case !c.isHTTPS() || c.trusted == "":
		return false
	case c.firstPasswordTo == c.trusted:
		return true
	}
	return !pinnedInThisRun(c.serial, c.trusted)
}

// Serial is the camera's MAC (its serial number) once known: given in
// Options or reported by the camera; else "".
func (c *Client) Serial() string {
	c.tmu.Lock()
	defer c.tmu.Unlock()
	return c.serial
}
