//go:build unix

package netif

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// SharePort is a net.ListenConfig Control that lets a UDP socket bind a port
// other sockets hold too: mDNS sockets on 5353 live next to the system's own
// responder (Avahi, mDNSResponder) and next to each other on one machine.
// BSDs and macOS need SO_REUSEPORT as well as SO_REUSEADDR for that.
func SharePort(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
		if serr == nil {
			serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
		}
	})
	if err != nil {
		return err
	}
	return serr
}
