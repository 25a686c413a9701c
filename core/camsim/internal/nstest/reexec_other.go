//go:build !linux

package nstest

import "testing"

// Main runs a package's tests with the network tests skipped: elsewhere
// they would need the machine's real network, so they only run on Linux,
// in a throwaway network namespace.
func Main(m *testing.M, env string, n *Network) int {
	n.Why = "network tests run on Linux only (in a throwaway network namespace)"
	return m.Run()
}
