//go:build !unix && !windows

package netif

import "syscall"

// SharePort does nothing here: no known way to share a port on this
// platform, so a second socket on a held port fails to bind as usual.
func SharePort(network, address string, c syscall.RawConn) error { return nil }
