package mcast

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sync"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/netif"
)

// boundSender gives each camera its own socket bound to its address (and,
// for mDNS, to port 5353 shared with the listening socket; for SSDP to an
// ephemeral port, as libupnp opens one per message), opened on its first
// packet and kept until Close.
type boundSender struct {
	cfg   SenderConfig
	mu    sync.Mutex
	conns map[netip.Addr]*ipv4.PacketConn
}

func newBoundSender(cfg SenderConfig) *boundSender {
	return &boundSender{cfg: cfg, conns: map[netip.Addr]*ipv4.PacketConn{}}
}

func (s *boundSender) Send(b []byte, src netip.Addr, ifIndex int, dst netip.AddrPort) error {
	pc, err := s.conn(src, ifIndex)
	if err != nil {
		return err
	}
	_, err = pc.WriteTo(b, nil, net.UDPAddrFromAddrPort(dst))
	return err
}

func (s *boundSender) conn(src netip.Addr, ifIndex int) (*ipv4.PacketConn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pc, ok := s.conns[src]; ok {
		return pc, nil
	}
	var lc net.ListenConfig
	if s.cfg.SharePort {
		lc.Control = netif.SharePort
	}
	c, err := lc.ListenPacket(context.Background(), "udp4", netip.AddrPortFrom(src, s.cfg.Port).String())
	if err != nil {
		return nil, fmt.Errorf("%s: a sending socket on %s: %w", s.cfg.Name, src, err)
	}
	pc := ipv4.NewPacketConn(c)
	_ = pc.SetMulticastTTL(s.cfg.TTL)
	_ = pc.SetMulticastLoopback(true)
	if ifIndex > 0 {
		if ifi, err := net.InterfaceByIndex(ifIndex); err == nil {
			_ = pc.SetMulticastInterface(ifi)
		}
	}
	s.conns[src] = pc
	return pc, nil
}

func (s *boundSender) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for a, pc := range s.conns {
		pc.Close()
		delete(s.conns, a)
	}
}
