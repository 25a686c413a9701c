package workflow

import (
	"context"
	"crypto/tls"
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

// SchemeFor is the scheme a browser is best sent to for t, without asking
// the camera: HTTPS when forced, or when the camera announced it and
// certificates can be remembered; HTTP otherwise. Workflows do not use it:
// NewConnector asks the camera.
func SchemeFor(t Target, pinning bool) Scheme {
	switch {
	case t.Scheme != Auto:
		return t.Scheme
	case pinning && t.HTTPSPort > 0:
		return HTTPS
	}
	return HTTP
}

// samePortProbe bounds the TLS handshake tried on a port that also serves
// plain HTTP: some web servers wait for the end of a request line that a
// TLS greeting never sends, and a camera that speaks TLS answers at once.
const samePortProbe = 3 * time.Second

// NewConnector opens real cameras, HTTPS first: with Auto, it tries a TLS
// handshake on the camera's HTTPS port (the one announced or typed, else
// 443) and uses HTTPS when it succeeds; the camera's certificate is pinned
// in pins under the MAC discovery learned (or, for a typed address, the one
// the camera reports on first contact). Only a camera that offers no HTTPS
// there (connection refused, or no TLS) is reached over HTTP, at its HTTP
// port; the client then says so (Encrypted), and the workflows ask
// Env.ConfirmPlainHTTP before a password goes out. HTTP and HTTPS force
// their scheme.
//
// pins nil means certificates cannot be remembered: the connector then
// refuses every camera not forced to HTTP with an *Error of Kind
// NoPinStore, so that the front-end can ask the user rather than quietly
// falling back to HTTP (an in-memory vapix.MemoryPins is the answer when
// the user agrees to certificates kept only until the program ends).
// timeout bounds each exchange and the HTTPS probe (0: the client's
// default).
func NewConnector(pins vapix.PinStore, timeout time.Duration) Connector {
	return func(ctx context.Context, t Target, o ConnectOptions) (Client, error) {
		scheme := t.Scheme
		if scheme != HTTP && pins == nil {
			return nil, &Error{Kind: NoPinStore, Host: t.Address()}
		}
		var probe *tls.Conn
		if scheme == Auto {
			var err error
			if t, probe, err = chooseScheme(ctx, t, timeout); err != nil {
				return nil, err
			}
			scheme = t.Scheme
		}
		opts := vapix.Options{
			Timeout:              timeout,
			Serial:               t.MAC,
			AcceptNewCertificate: o.AcceptNewCertificate,
			Waiting:              o.Waiting,
			// The handshake that showed the camera speaks TLS carries the
			// first question, rather than being thrown away for another.
			Conn: probe,
		}
		if scheme == HTTPS {
			opts.Pins = pins
		}
		c, err := vapix.New(t.URL(scheme), opts)
		if err != nil {
			if probe != nil {
				_ = probe.Close()
			}
			return nil, err
		}
		return c, nil
	}
}

// chooseScheme asks the camera whether it speaks TLS on its HTTPS port and
// returns t with the scheme to use (and, for HTTPS, the port it answered
// on), and for HTTPS the connection the question was asked on.
func chooseScheme(ctx context.Context, t Target, timeout time.Duration) (Target, *tls.Conn, error) {
	port := t.HTTPSPort
	if port == 0 {
		port = 443
	}
	probe := timeout
	if port == t.HTTPPort && (probe <= 0 || probe > samePortProbe) {
		probe = samePortProbe
	}
	conn, err := vapix.ProbeHTTPS(ctx, t.Host, port, probe)
	if e, isVapix := err.(*vapix.Error); isVapix {
		// Named as the user knows the camera, not by the port probed.
		e.Host = t.Address()
	}
	if err != nil {
		return t, nil, err
	}
	if conn != nil {
		t.Scheme, t.HTTPSPort = HTTPS, port
		return t, conn, nil
	}
	t.Scheme = HTTP
	return t, nil, nil
}
