//go:build windows

package netif

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// SharePort is a net.ListenConfig Control that lets a UDP socket bind a port
// other sockets hold too: mDNS sockets on 5353 live next to Bonjour for
// Windows and browsers, and next to each other on one machine. Windows has
// no SO_REUSEPORT; SO_REUSEADDR alone shares the port.
func SharePort(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = windows.SetsockoptInt(windows.Handle(fd), windows.SOL_SOCKET, windows.SO_REUSEADDR, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
