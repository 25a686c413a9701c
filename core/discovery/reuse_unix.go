//go:build unix

package discovery

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// reuseAddrControl lets our passive mDNS socket share port 5353 with the
// system's own responder (Avahi, mDNSResponder).
func reuseAddrControl(network, address string, c syscall.RawConn) error {
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
