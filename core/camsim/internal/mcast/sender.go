package mcast

import (
	"net/netip"

	"golang.org/x/net/ipv4"
)

// Sender puts each camera's packets on the wire from the camera's own
// address, as a fleet of separate devices would.
type Sender interface {
	// Send sends b from src to dst; multicast leaves through interface
	// ifIndex (0: the system's choice).
	Send(b []byte, src netip.Addr, ifIndex int, dst netip.AddrPort) error
	// Close closes what the sender opened itself; the shared socket stays
	// its owner's to close.
	Close()
}

// SenderConfig says how a responder's packets leave where the shared
// socket cannot choose their source.
type SenderConfig struct {
	// Name starts the sender's error messages ("mdnsresp").
	Name string
	// Port is the source port: mDNS answers must come from 5353 (RFC 6762
	// §11); 0 takes an ephemeral one, as libupnp does.
	Port uint16
	// SharePort binds with netif.SharePort, for a port the responder's
	// listening socket holds too.
	SharePort bool
	// TTL is the multicast TTL.
	TTL int
}

// NewSender sends through pc, the responder's shared socket, where the OS
// lets IP_PKTINFO choose the source address; elsewhere it opens a socket
// per camera address as cfg says.
func NewSender(pc *ipv4.PacketConn, cfg SenderConfig) Sender {
	return newSender(pc, cfg)
}
