package camsim

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/openipu/openipu/core/macaddr"
)

// Account is a user name and password. The password only ever lives in
// memory.
type Account struct{ User, Password string }

// LockoutMode switches the brute-force protection.
type LockoutMode int

const (
	// LockoutDefault follows the firmware: on from 11.5, off on 10.12.
	LockoutDefault LockoutMode = iota
	// LockoutOn turns it on (10.12 supports it as an opt-in).
	LockoutOn
	// LockoutOff turns it off.
	LockoutOff
)

// Config describes one simulated camera. The zero value is a factory-new
// 11.11 camera on loopback.
type Config struct {
	// MAC is the serial number: 12 hex digits (separators are removed and the
	// case is raised). Default: random with an Axis OUI.
	MAC string
	// Model is the product number, e.g. "M3066-V"; default per generation.
	Model string
	// Generation is the firmware track; default Gen11.
	Generation Generation
	// HTTPAddr is the listen address; default "127.0.0.1:0".
	HTTPAddr string
	// HTTPSAddr is the TLS listen address; default "127.0.0.1:0", "off"
	// disables HTTPS.
	HTTPSAddr string
	// ResetDowntime is how long the camera is off the network after a factory
	// default, restart or power cycle (default 20s).
	ResetDowntime time.Duration
	// GoDownAfter is the delay between the reply to a reset and going off the
	// network (default 300ms; negative means immediately).
	GoDownAfter time.Duration
	// BootingFor is how long systemready says "no" after coming back
	// (default 1s; negative means not at all).
	BootingFor time.Duration
	// NonceLifetime bounds a digest nonce (default 5 min); an older one gets
	// 401 with stale=true.
	NonceLifetime time.Duration
	// LockoutFailures is the number of failed logins per second from one
	// client that may pass; one more triggers the lockout (default 20).
	LockoutFailures int
	// LockoutFor is how long a locked-out client gets 403 (default 10s).
	LockoutFor time.Duration
	// Lockout switches the brute-force protection (default per firmware).
	Lockout LockoutMode
	// Admin, if set, makes the camera start already set up with this
	// administrator.
	Admin *Account
	// Announcers are told when the camera appears on and leaves the network.
	Announcers []Announcer
	// DHCP says whether a DHCP server answers the camera (default DHCPOn).
	// With DHCPOff the camera starts on its listen address as if installed
	// there with a static address, and a hard reset drops it to the
	// firmware's fallback (addressing.go).
	DHCP DHCPMode
	// DHCPAddr is the lease the DHCP server hands out; default the HTTPAddr
	// address with a /24.
	DHCPAddr netip.Prefix
	// AddrHook, if set, lets the camera move between addresses as a real one
	// does: it is called (for the camera's MAC) with the addresses to put on
	// and take off the host before the camera listens or after it stops.
	// Without it the camera stays on its listen address whatever its
	// network settings say.
	AddrHook func(mac string, add, remove []netip.Prefix) error
	// ARPPingWindow is how long after boot the camera adopts an address
	// from an ARP/Ping (default 2 min; negative means never).
	ARPPingWindow time.Duration
	// Latency delays every request the camera answers, by a duration
	// drawn afresh for each (default none).
	Latency LatencyRange
	// NoTimeAPI makes the camera firmware older than 9.30: no time.cgi and
	// no ntp.cgi, only the Time parameters (docs/protocol.md, Time,
	// snapshot and friendly name).
	NoTimeAPI bool
	// Logf is an optional debug log. It is never given a password.
	Logf func(format string, args ...any)
}

// Defaults for the zero Config.
const (
	DefaultResetDowntime   = 20 * time.Second
	DefaultGoDownAfter     = 300 * time.Millisecond
	DefaultBootingFor      = time.Second
	DefaultNonceLifetime   = 5 * time.Minute
	DefaultLockoutFailures = 20
	DefaultLockoutFor      = 10 * time.Second
)

// AxisOUIs are the four IEEE OUIs registered to Axis Communications AB.
var AxisOUIs = []string{"00408C", "ACCC8E", "B8A44F", "E82725"}

var (
	userNamePattern = regexp.MustCompile(`^[A-Za-z0-9]{1,14}$`)
)

// normalize fills defaults and validates. It returns the listen addresses.
func (cfg *Config) normalize() (httpAddr netip.AddrPort, httpsAddr netip.AddrPort, httpsOn bool, err error) {
	if cfg.Generation == "" {
		cfg.Generation = Gen11
	}
	if profileOf(cfg.Generation) == nil {
		return httpAddr, httpsAddr, false, fmt.Errorf("camsim: unknown generation %q", cfg.Generation)
	}
	if cfg.MAC == "" {
		cfg.MAC, err = RandomMAC()
		if err != nil {
			return httpAddr, httpsAddr, false, err
		}
	}
	mac := macaddr.Normalize(cfg.MAC)
	if mac == "" {
		return httpAddr, httpsAddr, false, fmt.Errorf("camsim: MAC %q is not 12 hex digits", cfg.MAC)
	}
	cfg.MAC = mac
	if cfg.Model == "" {
		cfg.Model = modelsByGen[cfg.Generation][0]
	}
	if cfg.HTTPAddr == "" {
		cfg.HTTPAddr = "127.0.0.1:0"
	}
	if cfg.HTTPSAddr == "" {
		cfg.HTTPSAddr = "127.0.0.1:0"
	}
	if httpAddr, err = parseListenAddr(cfg.HTTPAddr); err != nil {
		return httpAddr, httpsAddr, false, fmt.Errorf("camsim: HTTPAddr: %w", err)
	}
	if !strings.EqualFold(cfg.HTTPSAddr, "off") {
		httpsOn = true
		if httpsAddr, err = parseListenAddr(cfg.HTTPSAddr); err != nil {
			return httpAddr, httpsAddr, false, fmt.Errorf("camsim: HTTPSAddr: %w", err)
		}
	}
	cfg.ResetDowntime = orDefault(cfg.ResetDowntime, DefaultResetDowntime)
	cfg.GoDownAfter = orDefault(cfg.GoDownAfter, DefaultGoDownAfter)
	cfg.BootingFor = orDefault(cfg.BootingFor, DefaultBootingFor)
	cfg.NonceLifetime = orDefault(cfg.NonceLifetime, DefaultNonceLifetime)
	cfg.LockoutFor = orDefault(cfg.LockoutFor, DefaultLockoutFor)
	cfg.ARPPingWindow = orDefault(cfg.ARPPingWindow, DefaultARPPingWindow)
	if !cfg.DHCPAddr.IsValid() && httpAddr.Addr().Is4() && !httpAddr.Addr().IsUnspecified() {
		cfg.DHCPAddr = netip.PrefixFrom(httpAddr.Addr(), 24)
	}
	if cfg.LockoutFailures <= 0 {
		cfg.LockoutFailures = DefaultLockoutFailures
	}
	if err := cfg.Latency.check(); err != nil {
		return httpAddr, httpsAddr, false, fmt.Errorf("camsim: %w", err)
	}
	if cfg.Admin != nil {
		if !userNamePattern.MatchString(cfg.Admin.User) {
			return httpAddr, httpsAddr, false, fmt.Errorf("camsim: admin user name %q is not 1-14 letters and digits", cfg.Admin.User)
		}
		if cfg.Admin.Password == "" {
			return httpAddr, httpsAddr, false, errors.New("camsim: admin password is empty")
		}
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return httpAddr, httpsAddr, httpsOn, nil
}

// orDefault maps zero to the default and a negative value to zero, so that a
// caller can ask for "none" explicitly.
func orDefault(d, def time.Duration) time.Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return 0
	}
	return d
}

func parseListenAddr(s string) (netip.AddrPort, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return netip.AddrPort{}, err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("host must be an IP address: %w", err)
	}
	var p uint16
	if _, err := fmt.Sscanf(port, "%d", &p); err != nil {
		return netip.AddrPort{}, fmt.Errorf("bad port %q", port)
	}
	return netip.AddrPortFrom(ip.Unmap(), p), nil
}

// RandomMAC returns a random MAC address under one of the Axis OUIs, as 12
// uppercase hex digits.
func RandomMAC() (string, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("camsim: random MAC: %w", err)
	}
	oui := AxisOUIs[int(b[0])%len(AxisOUIs)]
	return fmt.Sprintf("%s%02X%02X%02X", oui, b[1], b[2], b[3]), nil
}
