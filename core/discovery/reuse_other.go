//go:build !unix && !windows

package discovery

import "syscall"

func reuseAddrControl(network, address string, c syscall.RawConn) error { return nil }
