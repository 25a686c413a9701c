//go:build linux || darwin

package mcast

import "golang.org/x/net/ipv4"

func newSender(pc *ipv4.PacketConn, _ SenderConfig) Sender { return pktinfoSender{pc: pc} }
