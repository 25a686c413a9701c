package workflow

import (
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

// URL is the camera's address for scheme, as vapix.New takes it and as a
// browser opens it.
func (t Target) URL(s Scheme) string {
	https := s == HTTPS
	port := t.HTTPPort
	if https {
		port = t.HTTPSPort
	}
	if a, err := netip.ParseAddr(t.Host); err == nil {
		return vapix.CameraURL(https, a, port)
	}
	// A host name the user typed.
	host := t.Host
	if port != 0 {
		host = net.JoinHostPort(host, strconv.Itoa(port))
	}
	u := url.URL{Scheme: string(HTTP), Host: host, Path: "/"}
	if https {
		u.Scheme = string(HTTPS)
	}
	return u.String()
}

// SchemeFor is how a Connector with or without a certificate store talks
// to t: HTTPS when forced, or when the camera offers it and certificates
// can be remembered; HTTP otherwise.
func SchemeFor(t Target, pinning bool) Scheme {
	switch {
	case t.Scheme != Auto:
		return t.Scheme
	case pinning && t.HTTPSPort > 0:
		return HTTPS
	}
	return HTTP
}

// NewConnector opens real cameras. With pins, a camera that offers HTTPS
// is reached over it and its certificate pinned under the MAC discovery
// learned (or, for a typed address, the one the camera reports on first
// contact); timeout bounds each exchange (0: the client's default).
func NewConnector(pins vapix.PinStore, timeout time.Duration) Connector {
	return func(t Target, o ConnectOptions) (Client, error) {
		target := t.URL(SchemeFor(t, pins != nil))
		c, err := vapix.New(target, vapix.Options{
			Timeout:              timeout,
			Pins:                 pins,
			Serial:               t.MAC,
			AcceptNewCertificate: o.AcceptNewCertificate,
		})
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}
