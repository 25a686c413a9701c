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

// giveUp bounds a wait for datagrams that a working responder sends at
// once; only a broken one takes it, as a loaded machine is merely slower.
const giveUp = 20 * time.Second

// collectUntil returns what arrived, once enough says it is all there.
func (l *listener) collectUntil(enough func([]datagram) bool) []datagram {
	l.t.Helper()
	var out []datagram
	deadline := time.After(giveUp)
	for !enough(out) {
		select {
		case x := <-l.in:
			out = append(out, datagramOf(x))
		case <-deadline:
			l.t.Fatalf("still waiting after %v; %d datagrams came: %v", giveUp, len(out), sources(out))
		}
	}
	return out
}

// arrived returns what has arrived and not been collected, without
// waiting: what came in behind the datagrams a test waited for.
func (l *listener) arrived() []datagram {
	var out []datagram
	for {
		select {
		case x := <-l.in:
			out = append(out, datagramOf(x))
		default:
			return out
		}
	}
}

func datagramOf(x nstest.Datagram) datagram {
	return datagram{data: string(x.Data), src: x.Src, dst: x.Dst, at: x.At}
}

// each is enough once every address in ips has sent n datagrams that
// match (all do when match is nil).
func each(ips []netip.Addr, n int, match func(datagram) bool) func([]datagram) bool {
	return func(ds []datagram) bool {
		count := map[netip.Addr]int{}
		for _, d := range ds {
			if match == nil || match(d) {
				count[d.src.Addr()]++
			}
		}
		for _, ip := range ips {
			if count[ip] < n {
				return false
			}
		}
		return true
	}
}

// is matches datagrams whose header name has value.
func is(name, value string) func(datagram) bool {
	return func(d datagram) bool { return header(d.data, name) == value }
}

// sources counts datagrams by sender, for failure messages.
func sources(ds []datagram) map[netip.Addr]int {
	m := map[netip.Addr]int{}
	for _, d := range ds {
		m[d.src.Addr()]++
	}
	return m
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
