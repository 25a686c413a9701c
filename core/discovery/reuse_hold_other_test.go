//go:build !windows

package discovery

import (
	"context"
	"net"
)

// holdExclusively binds addr as a program that does not share its port:
// a plain socket, without SO_REUSEADDR or SO_REUSEPORT.
func holdExclusively(addr string) (net.PacketConn, error) {
	var lc net.ListenConfig
	return lc.ListenPacket(context.Background(), "udp4", addr)
}
