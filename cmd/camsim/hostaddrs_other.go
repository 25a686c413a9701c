//go:build !linux

package main

import "errors"

// Moving addresses needs iproute2 and network namespaces: only on Linux.
func newHostAddrs(hostOptions) (hostAddrs, error) {
	return nil, errors.New("cameras can only change address on Linux (as root, best inside a network namespace)")
}

func canMoveHere() bool { return false }
