//go:build !windows

package discovery

import (
	"errors"
	"syscall"
)

// portInUse tells a port another socket holds from other reasons a bind
// fails.
func portInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }
