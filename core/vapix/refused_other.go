//go:build !windows

package vapix

import "syscall"

// errConnRefused is how the system says nothing listens on a port.
var errConnRefused error = syscall.ECONNREFUSED
