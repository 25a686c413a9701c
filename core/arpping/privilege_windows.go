//go:build windows

package arpping

import "golang.org/x/sys/windows"

// privileged: netsh changes the neighbour table, and Go's ICMP socket is a
// raw one, only from an elevated process.
func privileged() bool { return windows.GetCurrentProcessToken().IsElevated() }

const supported = true
