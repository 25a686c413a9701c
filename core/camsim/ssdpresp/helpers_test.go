package ssdpresp

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/ipv4"
)

func mac(i int) string { return fmt.Sprintf("ACCC8E%06X", 0x100+i) }

// startResponder runs a responder on the cameras' side of the test network.
func startResponder(t *testing.T, opts Options) *Responder {
	t.Helper()
	opts.Interfaces = []net.Interface{*tnet.cams}
	opts.Rand = rand.NewPCG(3, 4)
	opts.Logf = t.Logf
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		r.Close()
	})
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
	in chan datagram
}

// listenUnicast is a searcher's socket: replies come back to it.
func listenUnicast(t *testing.T) *listener {
	t.Helper()
	c, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.AddrPortFrom(tnet.clientIP, 0)))
	if err != nil {
		t.Fatal(err)
	}
	return newListener(t, c, false)
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
	return newListener(t, c, true)
}

func newListener(t *testing.T, c *net.UDPConn, join bool) *listener {
	_ = c.SetReadBuffer(4 << 20) // a fleet answers at once
	pc := ipv4.NewPacketConn(c)
	if err := pc.SetMulticastInterface(tnet.client); err != nil {
		t.Fatal(err)
	}
	if err := pc.SetControlMessage(ipv4.FlagDst|ipv4.FlagInterface, true); err != nil {
		t.Fatal(err)
	}
	if join {
		if err := pc.JoinGroup(tnet.client, net.UDPAddrFromAddrPort(ssdpGroup)); err != nil {
			t.Fatal(err)
		}
	}
	l := &listener{t: t, pc: pc, in: make(chan datagram, 4096)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 65536)
		for {
			n, cm, src, err := pc.ReadFrom(buf)
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				continue
			}
			d := datagram{data: string(buf[:n]), at: time.Now()}
			d.src = src.(*net.UDPAddr).AddrPort()
			d.src = netip.AddrPortFrom(d.src.Addr().Unmap(), d.src.Port())
			if cm != nil {
				d.dst, _ = netip.AddrFromSlice(cm.Dst)
				d.dst = d.dst.Unmap()
				// On one host multicast also comes back looped on the
				// cameras' interface; keep what another machine would see.
				if d.dst.IsMulticast() && cm.IfIndex != tnet.client.Index {
					continue
				}
			}
			if d.src.Addr() == tnet.clientIP {
				continue // our own
			}
			select {
			case l.in <- d:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		pc.Close()
		wg.Wait()
	})
	return l
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
			out = append(out, x)
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
