//go:build windows

package vapix

import "syscall"

// errConnRefused is how Windows says nothing listens on a port
// (WSAECONNREFUSED); syscall.ECONNREFUSED is a value Windows never returns.
var errConnRefused error = syscall.Errno(10061)
