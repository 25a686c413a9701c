//go:build linux || darwin

package ssdpresp

import (
	"net"
	"net/netip"

	"golang.org/x/net/ipv4"
)

// sender puts each camera's packets on the wire from the camera's own
// address: one shared socket, with IP_PKTINFO naming the source.
type sender struct{ pc *ipv4.PacketConn }

func newSender(pc *ipv4.PacketConn) *sender { return &sender{pc: pc} }

func (s *sender) send(b []byte, src netip.Addr, ifIndex int, dst netip.AddrPort) error {
	cm := &ipv4.ControlMessage{Src: src.AsSlice()}
	if dst.Addr().IsMulticast() {
		cm.IfIndex = ifIndex
	}
	_, err := s.pc.WriteTo(b, cm, net.UDPAddrFromAddrPort(dst))
	return err
}

func (s *sender) close() {}
