//go:build !unix && !windows

package mdnsresp

import "syscall"

// reuseControl: no known way to share the port on this platform.
func reuseControl(network, address string, c syscall.RawConn) error { return nil }
