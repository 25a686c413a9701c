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
// HTTPS certificate, keyed by serial number (= MAC, 12 uppercase hex).
// Implementations must be safe for concurrent use. core/tlspin.FileStore is
// the persistent one; MemoryPins is the in-memory default.
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
// not a MAC (another vendor's, or a mistyped one) is still keyed the same
// way whatever its spelling: separators dropped, letters raised.
func NormalizeSerial(s string) string {
	if m := macaddr.Normalize(s); m != "" {
		return m
	}
	r := strings.NewReplacer(":", "", "-", "", ".", "", " ", "")
	return strings.ToUpper(r.Replace(strings.TrimSpace(s)))
}

// isMAC reports whether s (normalised) is 12 hex digits.
func isMAC(s string) bool {
	return s != "" && macaddr.Normalize(s) == s
}

// certChangedError is returned from the TLS handshake so that the error
// survives the HTTP stack and can be told apart from other TLS failures.
type certChangedError struct {
	serial, pinned, seen string
}

func (e *certChangedError) Error() string {
	return fmt.Sprintf("certificate of %s is %s, expected %s", e.serial, e.seen, e.pinned)
}

// tlsState is the pinning state of one Client. Until the camera's serial is
// known, certificates are only collected; no credentials are sent over a
// connection whose certificate has not been checked against the pin.
type tlsState struct {
	tmu     sync.Mutex
	serial  string
	trusted string          // fingerprint accepted for this client
	seen    map[string]bool // fingerprints met before the serial was known
}

func (s *tlsState) init(serial string) {
	s.serial = NormalizeSerial(serial)
	s.seen = map[string]bool{}
}

func (c *Client) verifyConnection(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("the camera sent no certificate")
	}
	fp := Fingerprint(cs.PeerCertificates[0].Raw)
	c.tmu.Lock()
	defer c.tmu.Unlock()
	if c.serial == "" {
		c.seen[fp] = true
		return nil
	}
	return c.checkPinLocked(fp)
}

func (c *Client) checkPinLocked(fp string) error {
	if fp == c.trusted {
		return nil
	}
	pinned, ok := c.pins.Pin(c.serial)
	switch {
	case ok && pinned == fp:
	case !ok || c.accept:
		if err := c.pins.SetPin(c.serial, fp); err != nil {
			return fmt.Errorf("remember the camera's certificate: %w", err)
		}
	default:
		return &certChangedError{serial: c.serial, pinned: pinned, seen: fp}
	}
	c.trusted = fp
	return nil
}

// learnSerial is called as soon as the camera's serial becomes known (from
// its device information or from its digest realm). The certificates seen
// so far are checked against the pin, or pinned when there is none yet.
func (c *Client) learnSerial(serial string) error {
	serial = NormalizeSerial(serial)
	if serial == "" {
		return nil
	}
	c.tmu.Lock()
	if c.serial != "" {
		c.tmu.Unlock()
		return nil
	}
	c.serial = serial
	var err error
	for fp := range c.seen {
		if err = c.checkPinLocked(fp); err != nil {
			break
		}
	}
	c.seen = map[string]bool{}
	c.tmu.Unlock()
	if err != nil {
		// A pooled connection would otherwise carry on with the refused
		// certificate; new connections are checked in the handshake.
		c.inner.CloseIdleConnections()
		return &Error{Kind: CertificateChanged, Op: "check the camera's certificate", Host: c.host, Err: err}
	}
	return nil
}

// pinned reports whether credentials may be sent: always over HTTP (nothing
// to pin), over HTTPS once the serial is known so every handshake is checked.
func (c *Client) pinned() bool {
	if !c.isHTTPS() {
		return true
	}
	c.tmu.Lock()
	defer c.tmu.Unlock()
	return c.serial != ""
}

// ensurePinned learns the serial before any credential goes out over HTTPS:
// from basic device information, or from the realm of a 401 challenge.
func (c *Client) ensurePinned(ctx context.Context) error {
	if c.pinned() {
		return nil
	}
	if _, err := c.identifySerial(ctx); err != nil {
		return err
	}
	if !c.pinned() {
		return &Error{Kind: NotAxis, Op: "identify the camera before logging in", Host: c.host,
			Detail: "the device did not say its serial number, so its certificate cannot be checked"}
	}
	return nil
}

// Serial is the camera's serial number once known (given in Options or
// learnt from the camera), else "".
func (c *Client) Serial() string {
	c.tmu.Lock()
	defer c.tmu.Unlock()
	return c.serial
}
