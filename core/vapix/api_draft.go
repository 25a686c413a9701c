package vapix

// THIS FILE IS THE AGREED API CONTRACT, written first so that the simulator,
// the client and the CLI can be built in parallel. The client helper replaces
// the stub bodies with the implementation (spread over files named after what
// they hold: client.go, systemready.go, deviceinfo.go, account.go,
// password.go, factorydefault.go, reboot.go, params.go, network.go, tls.go)
// and deletes this file. Signatures may grow, but not change, without telling
// the others.

import (
	"context"
	"errors"
	"net/netip"
	"time"
)

var errTODO = errors.New("not implemented yet")

// PinStore remembers the SHA-256 fingerprint (lowercase hex) of each camera's
// HTTPS certificate, keyed by serial number (= MAC, 12 uppercase hex).
// Implementations must be safe for concurrent use. core/tlspin.FileStore is
// the persistent one; MemoryPins is the in-memory default.
type PinStore interface {
	Pin(serial string) (fingerprint string, ok bool)
	SetPin(serial, fingerprint string) error
}

// Options configure a Client. The zero value is usable.
type Options struct {
	// Timeout bounds each HTTP exchange (default 10 s). Long waits such as
	// WaitForReboot use their own deadline.
	Timeout time.Duration
	// Pins stores HTTPS fingerprints; nil means an in-memory store.
	Pins PinStore
	// Serial, when known (from discovery), lets the HTTPS pin be checked on
	// the very first connection.
	Serial string
	// AcceptNewCertificate says the camera was just factory-reset, so a new
	// self-signed certificate is expected: it replaces the stored pin.
	AcceptNewCertificate bool
}

// Client talks to one camera. Safe for concurrent use.
type Client struct{}

// New makes a client for target: "host", "host:port", "http://host[:port]"
// or "https://host[:port]". No I/O happens here.
func New(target string, opts Options) (*Client, error) { return nil, errTODO }

// SetCredentials sets the user name and password used for authenticated
// calls. The password is held in memory only.
func (c *Client) SetCredentials(user, password string) {}

// Host returns host[:port] as given.
func (c *Client) Host() string { return "" }

// BaseURL is the camera's base URL, e.g. "http://10.0.0.5:80".
func (c *Client) BaseURL() string { return "" }

// SystemReady is the anonymous systemready.cgi answer.
type SystemReady struct {
	APIVersion       string
	Ready            bool
	NeedsSetup       bool
	Uptime           time.Duration
	HasUptime        bool // 10.12 sends no uptime
	BootID           string
	PreviewMode      string
	PassphrasePolicy string
}

// SystemReady asks systemready.cgi (anonymous, POST JSON).
func (c *Client) SystemReady(ctx context.Context) (SystemReady, error) { return SystemReady{}, errTODO }

// DeviceInfo is basicdeviceinfo.cgi getAllUnrestrictedProperties.
type DeviceInfo struct {
	Brand, BuildDate, HardwareID, ProdFullName, ProdNbr, ProdShortName string
	ProdType, ProdVariant, SerialNumber, Version, WebURL               string
}

// DeviceInfo asks basicdeviceinfo.cgi anonymously; on firmware that refuses
// anonymous access it retries with credentials if any are set.
func (c *Client) DeviceInfo(ctx context.Context) (DeviceInfo, error) { return DeviceInfo{}, errTODO }

// Identity is what the CLI's `info` shows: everything learnt anonymously.
type Identity struct {
	MAC        string // 12 uppercase hex, from BDI serial or the digest realm AXIS_<MAC>
	Serial     string
	Model      string // ProdShortName, e.g. "AXIS M1075-L"
	FullName   string
	Firmware   string // e.g. "11.11.192"; empty when unknown
	HardwareID string
	NeedsSetup bool
	Ready      bool
	HTTPURL    string
	Ready2     SystemReady // raw systemready answer
	Info       DeviceInfo  // raw BDI answer (may be partial)
}

// Identify combines SystemReady and DeviceInfo, tolerating either failing as
// long as the device is clearly an Axis camera.
func (c *Client) Identify(ctx context.Context) (Identity, error) { return Identity{}, errTODO }

// ValidatePassword checks the 1–64 printable ASCII (0x20–0x7E) rule. The
// returned error is an *Error of Kind InvalidPassword.
func ValidatePassword(pw string) error { return errTODO }

// PasswordIsWeak reports whether pw is valid but shorter than the
// recommended 8 characters.
func PasswordIsWeak(pw string) bool { return false }

// ValidateUserName checks 1–14 [A-Za-z0-9].
func ValidateUserName(name string) error { return errTODO }

// AccountResult says which account now exists on the camera.
type AccountResult struct {
	// User is the name actually created: the requested one, or "root" when
	// the firmware (< 11.5) refused it with "not a valid initial admin user".
	User string
	// FellBackToRoot is true in that case.
	FellBackToRoot bool
	// Verified is true once a digest login with the new password succeeded.
	Verified bool
}

// CreateFirstAccount creates the initial administrator (pwdgrp.cgi
// action=add, anonymous), falling back to root on old firmware, then logs in
// with digest to prove it, and only then returns success. On success the
// client's credentials are set to the new account.
func (c *Client) CreateFirstAccount(ctx context.Context, user, password string) (AccountResult, error) {
	return AccountResult{}, errTODO
}

// VerifyLogin makes an authenticated call with the current credentials and
// reports WrongPassword / LockedOut / NeedsSetup as typed errors. It backs
// off and retries once on 403.
func (c *Client) VerifyLogin(ctx context.Context) error { return errTODO }

// ResetMode is soft (keeps network settings) or hard (erases everything).
type ResetMode string

const (
	Soft ResetMode = "soft"
	Hard ResetMode = "hard"
)

// FactoryDefault asks for a factory default: firmwaremanagement.cgi
// factoryDefault first, the legacy CGI as fallback. A connection dropped
// after the request was sent counts as accepted.
func (c *Client) FactoryDefault(ctx context.Context, mode ResetMode) error { return errTODO }

// Restart asks the camera to reboot (firmwaremanagement reboot, restart.cgi fallback).
func (c *Client) Restart(ctx context.Context) error { return errTODO }

// RebootPhase is where a reboot is.
type RebootPhase int

const (
	RebootWaitingToGoDown RebootPhase = iota // still answering with the old boot
	RebootDown                               // not answering
	RebootBooting                            // answering, not ready yet
	RebootBack                               // ready, new boot
)

// RebootProgress is reported about once a second while waiting.
type RebootProgress struct {
	Phase   RebootPhase
	Elapsed time.Duration
	State   SystemReady // last answer, if any
}

// WaitForReboot polls systemready once a second until the camera is back on
// a new boot (boot id changed, or uptime dropped, or seen down then ready),
// or until timeout (default 3 min when 0). before is the answer taken before
// the reset/restart was sent.
func (c *Client) WaitForReboot(ctx context.Context, before SystemReady, timeout time.Duration, progress func(RebootProgress)) (SystemReady, error) {
	return SystemReady{}, errTODO
}

// Param is one root.X.Y=value line.
type Param struct{ Name, Value string }

// ListParams returns param.cgi?action=list (all groups when none given),
// and the raw body for backups.
func (c *Client) ListParams(ctx context.Context, groups ...string) ([]Param, []byte, error) {
	return nil, nil, errTODO
}

// NetworkConfig is the IPv4 setting to apply.
type NetworkConfig struct {
	DHCP    bool
	Address netip.Prefix // static address and prefix length
	Gateway netip.Addr   // optional
	DNS     []netip.Addr // optional, at most 2 used by the param.cgi fallback
}

// SetNetwork applies cfg: network_settings.cgi first, param.cgi fallback.
// The camera may drop off its old address right after; that counts as
// accepted.
func (c *Client) SetNetwork(ctx context.Context, cfg NetworkConfig) error { return errTODO }

// ParseSystemReady, ParseDeviceInfo, ParsePwdgrpReply and ParseParams are the
// reply parsers (each has a fuzz target).
func ParseSystemReady(body []byte) (SystemReady, error) { return SystemReady{}, errTODO }
func ParseDeviceInfo(body []byte) (DeviceInfo, error)   { return DeviceInfo{}, errTODO }

// ParsePwdgrpReply extracts the message from the pwdgrp HTML wrapper, e.g.
// "Created account root." or "Error: not a valid initial admin user.", and
// says whether it is an error.
func ParsePwdgrpReply(body []byte) (message string, isError bool, err error) {
	return "", false, errTODO
}
func ParseParams(body []byte) ([]Param, error) { return nil, errTODO }
