package vapix

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strconv"
	"time"
)

// OffersHTTPS tells whether the device at host:port completes a TLS
// handshake, so that a caller can choose HTTPS whenever a camera offers it.
// Nothing is sent beyond the handshake, and the certificate is not judged
// here: the client that then talks to the camera does that.
//
// false with a nil error means the device offers no usable HTTPS there: the
// connection was refused, or something other than TLS answered (a plain
// HTTP server, a TLS version or cipher this program does not accept, a
// handshake that never finished). An error means nothing answered at all
// (Kind NoAnswer) or ctx ended (Canceled); falling back to HTTP would then
// not help. timeout bounds the connection and the handshake (0: the
// client's default).
func OffersHTTPS(ctx context.Context, host string, port int, timeout time.Duration) (bool, error) {
	conn, err := ProbeHTTPS(ctx, host, port, timeout)
	if conn != nil {
		_ = conn.Close()
	}
	return conn != nil, err
}

// ProbeHTTPS is OffersHTTPS that keeps what it made: the TLS connection,
// nil when the device offers no HTTPS. Handed to the client as
// Options.Conn, it carries the client's first anonymous question, so that
// asking whether a camera speaks TLS costs no handshake of its own. The
// caller closes it if no client takes it.
func ProbeHTTPS(ctx context.Context, host string, port int, timeout time.Duration) (*tls.Conn, error) {
	const op = "connect to the camera"
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	raw, err := (&net.Dialer{}).DialContext(pctx, "tcp", addr)
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return nil, &Error{Kind: Canceled, Op: op, Host: addr, Err: ctx.Err()}
		case isRefused(err):
			return nil, nil
		}
		return nil, &Error{Kind: NoAnswer, Op: op, Host: addr, Err: err}
	}
	conn := tls.Client(raw, &tls.Config{
		// Only whether TLS is spoken is asked here; the client that takes
		// the connection notes the certificate as it does any met on an
		// anonymous connection.
		InsecureSkipVerify: true,
		MinVersion:         tls.VersionTLS12,
		ServerName:         serverName(host),
	})
	if err := conn.HandshakeContext(pctx); err != nil {
		_ = raw.Close()
		if ctx.Err() != nil {
			return nil, &Error{Kind: Canceled, Op: op, Host: addr, Err: ctx.Err()}
		}
		return nil, nil
	}
	return conn, nil
}

// serverName is the SNI to send: a host name, never an IP address.
func serverName(host string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	return host
}

// isRefused says the host answered that nothing listens on the port.
func isRefused(err error) bool { return errors.Is(err, errConnRefused) }
