package arpping

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
)

// Payload is the ICMP echo payload size that makes an Axis camera take the
// address (`ping -l 408` / `ping -s 408`; docs/protocol.md, ARP/Ping).
const Payload = 408

// pinger sends 408-byte echo requests. It prefers a raw ICMP socket (root or
// administrator); where that is refused it falls back to the unprivileged
// ICMP datagram socket of Linux (when net.ipv4.ping_group_range allows the
// user) and macOS.
type pinger struct {
	conn *icmp.PacketConn
	raw  bool
	id   int
}

// errPingDenied: neither kind of ICMP socket may be opened by this user.
var errPingDenied = errors.New("no permission to send ICMP")

func openPinger(src netip.Addr) (*pinger, error) {
	local := "0.0.0.0"
	if src.IsValid() {
		local = src.String()
	}
	conn, rawErr := icmp.ListenPacket("ip4:icmp", local)
	if rawErr == nil {
		return &pinger{conn: conn, raw: true, id: os.Getpid() & 0xffff}, nil
	}
	conn, dgramErr := icmp.ListenPacket("udp4", local)
	if dgramErr == nil {
		return &pinger{conn: conn, id: os.Getpid() & 0xffff}, nil
	}
	if errors.Is(rawErr, os.ErrPermission) || errors.Is(dgramErr, os.ErrPermission) {
		return nil, fmt.Errorf("%w: %v; %v", errPingDenied, rawErr, dgramErr)
	}
	return nil, fmt.Errorf("opening an ICMP socket: %w", errors.Join(rawErr, dgramErr))
}

// echo builds one request; its payload is exactly Payload bytes.
func echo(id, seq int) ([]byte, error) {
	data := make([]byte, Payload)
	for i := range data {
		data[i] = 'a' + byte(i%23) // the pattern Windows ping sends
	}
	m := icmp.Message{Type: ipv4.ICMPTypeEcho, Body: &icmp.Echo{ID: id, Seq: seq & 0xffff, Data: data}}
	return m.Marshal(nil)
}

func (p *pinger) send(dst netip.Addr, seq int) error {
	b, err := echo(p.id, seq)
	if err != nil {
		return err
	}
	var to net.Addr = &net.IPAddr{IP: dst.AsSlice()}
	if !p.raw {
		to = &net.UDPAddr{IP: dst.AsSlice()}
	}
	_, err = p.conn.WriteTo(b, to)
	return err
}

func (p *pinger) close() error { return p.conn.Close() }
