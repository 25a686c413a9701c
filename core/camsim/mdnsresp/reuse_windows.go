//go:build windows

package mdnsresp

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// reuseControl lets the responder share port 5353 with Bonjour for Windows
// and with browsers under test on the same machine.
func reuseControl(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = windows.SetsockoptInt(windows.Handle(fd), windows.SOL_SOCKET, windows.SO_REUSEADDR, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
