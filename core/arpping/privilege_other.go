//go:build !linux && !darwin && !windows

package arpping

func privileged() bool { return false }

// supported: neighbour commands are only known for Linux, macOS and Windows.
const supported = false
