//go:build !linux && !darwin

package mcast

import "golang.org/x/net/ipv4"

// Windows cannot choose the source through IP_PKTINFO.
func newSender(_ *ipv4.PacketConn, cfg SenderConfig) Sender { return newBoundSender(cfg) }
