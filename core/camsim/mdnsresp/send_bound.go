//go:build !linux && !darwin

package mdnsresp

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sync"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/netif"
)

// sender puts each camera's packets on the wire from the camera's own
// address. Where IP_PKTINFO cannot choose the source (Windows), each camera
// gets its own socket bound to its address and port 5353, shared with the
// listening socket.
type sender struct {
	mu    sync.Mutex
	conns map[netip.Addr]*ipv4.PacketConn
}

func newSender(*ipv4.PacketConn) *sender {
	return &sender{conns: map[netip.Addr]*ipv4.PacketConn{}}
}

func (s *sender) send(b []byte, src netip.Addr, ifIndex int, dst netip.AddrPort) error {
	pc, err := s.conn(src, ifIndex)
	if err != nil {
		return err
	}
	_, err = pc.WriteTo(b, nil, net.UDPAddrFromAddrPort(dst))
	return err
}

func (s *sender) conn(src netip.Addr, ifIndex int) (*ipv4.PacketConn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pc, ok := s.conns[src]; ok {
		return pc, nil
	}
	lc := net.ListenConfig{Control: netif.SharePort}
	c, err := lc.ListenPacket(context.Background(), "udp4", netip.AddrPortFrom(src, mdnsPort).String())
	if err != nil {
		return nil, fmt.Errorf("mdnsresp: a sending socket on %s: %w", src, err)
	}
	pc := ipv4.NewPacketConn(c)
	_ = pc.SetMulticastTTL(255)
	_ = pc.SetMulticastLoopback(true)
	if ifIndex > 0 {
		if ifi, err := net.InterfaceByIndex(ifIndex); err == nil {
			_ = pc.SetMulticastInterface(ifi)
		}
	}
	s.conns[src] = pc
	return pc, nil
}

func (s *sender) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for a, pc := range s.conns {
		pc.Close()
		delete(s.conns, a)
	}
}
