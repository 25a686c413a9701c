//go:build windows

package discovery

import (
	"context"
	"net"
	"syscall"

	"golang.org/x/sys/windows"
)

// holdExclusively binds addr as a program that does not share its port.
// On Windows a plain socket is not enough: a later socket with
// SO_REUSEADDR may still bind next to it, so the holder asks for
// SO_EXCLUSIVEADDRUSE, as a service that wants the port to itself does.
// soExclusiveAddrUse is winsock's SO_EXCLUSIVEADDRUSE, ~SO_REUSEADDR; x/sys
// does not name it.
const soExclusiveAddrUse = ^windows.SO_REUSEADDR

func holdExclusively(addr string) (net.PacketConn, error) {
	lc := net.ListenConfig{Control: func(network, address string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) {
			serr = windows.SetsockoptInt(windows.Handle(fd), windows.SOL_SOCKET, soExclusiveAddrUse, 1)
		})
		if err != nil {
			return err
		}
		return serr
	}}
	return lc.ListenPacket(context.Background(), "udp4", addr)
}
