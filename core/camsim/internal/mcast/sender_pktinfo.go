package mcast

import (
	"net"
	"net/netip"

	"golang.org/x/net/ipv4"
)

// pktinfoSender sends every camera's packets through the one shared socket,
// with IP_PKTINFO naming the source, so the source port stays the shared
// socket's (5353 for mDNS, as RFC 6762 §11 requires).
type pktinfoSender struct{ pc *ipv4.PacketConn }

func (s pktinfoSender) Send(b []byte, src netip.Addr, ifIndex int, dst netip.AddrPort) error {
	cm := &ipv4.ControlMessage{Src: src.AsSlice()}
	if dst.Addr().IsMulticast() {
		cm.IfIndex = ifIndex
	}
	_, err := s.pc.WriteTo(b, cm, net.UDPAddrFromAddrPort(dst))
	return err
}

func (pktinfoSender) Close() {}
