//go:build !windows

package addrprobe

import "net"

// systemDialer is the dialer of the zero Prober. Elsewhere than on Windows
// a refusal arrives as soon as the host's reset does.
func systemDialer() *net.Dialer {
	return &net.Dialer{}
}
