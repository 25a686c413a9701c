// Package addrprobe answers one question the same way everywhere: does
// something already answer at this address? Assigning an address, whether
// by the camera's own settings or by ARP/Ping, must not take one a device
// holds, and ARP/Ping must notice when the camera has taken it.
package addrprobe

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DefaultTimeout bounds one check: a device on the local network answers a
// TCP connect within milliseconds, and the check runs while the user types
// and between ARP/Ping rounds.
const DefaultTimeout = 800 * time.Millisecond

// defaultPorts are the camera's web ports. A camera set to HTTPS only may
// close 80, and a camera still booting may refuse both; either way one of
// them gives it away.
var defaultPorts = []int{80, 443}

// Prober knocks at an address. The zero value knocks at ports 80 and 443
// for at most DefaultTimeout with the system's dialer; tests and callers
// with their own transport replace the fields.
type Prober struct {
	// Ports are tried at once; nil means 80 and 443.
	Ports []int
	// Timeout bounds the whole check unless ctx ends sooner; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// Dial opens the connection; nil means the system's dialer. It must
	// give up when its ctx ends.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
}

// Answers reports whether something answers at addr with the zero Prober.
func Answers(ctx context.Context, addr netip.Addr) bool {
	return Prober{}.Answers(ctx, addr)
}

// Answers reports whether something answers at addr: a TCP connection to
// one of p.Ports is accepted or actively refused. A refusal counts because
// only a host that is there can send it; silence and timeouts mean nobody.
// The first positive answer wins and the other knocks are abandoned.
func (p Prober) Answers(ctx context.Context, addr netip.Addr) bool {
	if !addr.IsValid() {
		return false
	}
	ports := p.Ports
	if ports == nil {
		ports = defaultPorts
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	dial := p.Dial
	if dial == nil {
		dial = systemDialer().DialContext
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// Buffered so that knocks still running when an answer arrives can
	// finish without anyone listening.
	answered := make(chan bool, len(ports))
	for _, port := range ports {
		go func() {
			conn, err := dial(ctx, "tcp", net.JoinHostPort(addr.String(), strconv.Itoa(port)))
			if err != nil {
				answered <- Refused(err)
				return
			}
			_ = conn.Close()
			answered <- true
		}()
	}
	for range ports {
		if <-answered {
			return true
		}
	}
	return false
}

// Refused tells a refused connection (a host is there, the port is closed)
// from silence. Windows reports WSAECONNREFUSED, which does not match
// syscall.ECONNREFUSED, so its wording ("actively refused") is the
// fallback.
func Refused(err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(strings.ToLower(err.Error()), "refused")
}
