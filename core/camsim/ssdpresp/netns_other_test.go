//go:build !linux

package ssdpresp

import (
	"net"
	"net/netip"
	"testing"
)

// Elsewhere the network tests would need the machine's real network; they
// are only run on Linux, in a throwaway network namespace.
type testNetwork struct {
	why      string
	cams     *net.Interface
	client   *net.Interface
	clientIP netip.Addr
	camIPs   []netip.Addr
}

var tnet = testNetwork{why: "network tests run on Linux only (in a throwaway network namespace)"}

func needNetwork(t *testing.T) {
	t.Helper()
	t.Skip(tnet.why)
}
