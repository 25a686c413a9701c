package ssdpresp

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"testing"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/camsim/internal/nstest"
)

func mac(i int) string { return fmt.Sprintf("ACCC8E%06X", 0x100+i) }

// startResponder runs a responder on the cameras' side of the test network.
func startResponder(t *testing.T, opts Options) *Responder {
	t.Helper()
	opts.Interfaces = []net.Interface{*tnet.Cams}
	opts.Rand = rand.NewPCG(3, 4)
	opts.Logf = t.Logf
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	nstest.Start(t, r)
	return r
}

// datagram is one packet the test's socket received.
type datagram struct {
	data string
	src  netip.AddrPort
	dst  netip.Addr
	at   time.Time
}

// listener is a socket on the client end of the pair.
type listener struct {
	t  *testing.T
	pc *ipv4.PacketConn
	in <-chan nstest.Datagram
}

// listenUnicast is a searcher's socket: replies come back to it.
func listenUnicast(t *testing.T) *listener {
	t.Helper()
	c, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.AddrPortFrom(tnet.ClientIP, 0)))
	if err != nil {
		t.Fatal(err)
	}
	return newListener(t, c, netip.AddrPort{})
}

// listenNotify hears what the cameras multicast, as a control point does.
// Go binds a multicast address as 0.0.0.0 with SO_REUSEADDR, so this
// shares port 1900 with the responder.
func listenNotify(t *testing.T) *listener {
	t.Helper()
	c, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(ssdpGroup))
	if err != nil {
		t.Fatal(err)
	}
	return newListener(t, c, ssdpGroup)
}

func newListener(t *testing.T, c *net.UDPConn, group netip.AddrPort) *listener {
	notOurs := func(d nstest.Datagram) bool { return d.Src.Addr() != tnet.ClientIP }
	pc, in := tnet.Listen(t, c, group, 65536, notOurs)
	return &listener{t: t, pc: pc, in: in}
}

// search multicasts an M-SEARCH and returns when it left.
func (l *listener) search(msg string) time.Time {
	l.t.Helper()
	at := time.Now()
	if _, err := l.pc.WriteTo([]byte(msg), nil, net.UDPAddrFromAddrPort(ssdpGroup)); err != nil {
		l.t.Fatal(err)
	}
	return at
}

// collect returns what arrived within d.
func (l *listener) collect(d time.Duration) []datagram {
	var out []datagram
	deadline := time.After(d)
	for {
		select {
		case x := <-l.in:
			out = append(out, datagram{data: string(x.Data), src: x.Src, dst: x.Dst, at: x.At})
		case <-deadline:
			return out
		}
	}
}

func bySource(ds []datagram) map[netip.Addr][]datagram {
	m := map[netip.Addr][]datagram{}
	for _, d := range ds {
		m[d.src.Addr()] = append(m[d.src.Addr()], d)
	}
	return m
}

func searchFor(st string, mx int) string {
	return "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n" +
		fmt.Sprintf("MX: %d\r\nST: %s\r\n\r\n", mx, st)
}
