package mcast

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/camsim/internal/nstest"
	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/netif"
)

// testGroup is where the tests multicast; no responder uses it.
var testGroup = netip.MustParseAddrPort("239.77.0.1:4000")

// sharedSocket is a responder's listening socket on 0.0.0.0:5353, as
// mdnsresp opens it, multicasting with TTL 255.
func sharedSocket(t *testing.T) *ipv4.PacketConn {
	t.Helper()
	lc := net.ListenConfig{Control: netif.SharePort}
	c, err := lc.ListenPacket(context.Background(), "udp4", "0.0.0.0:5353")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	pc := ipv4.NewPacketConn(c)
	if err := pc.SetMulticastTTL(255); err != nil {
		t.Fatal(err)
	}
	return pc
}

// receive is the client side: one socket that hears testGroup on the
// client's interface and one for unicast to the client's address.
func receive(t *testing.T) (multicast, unicast <-chan nstest.Datagram, unicastTo netip.AddrPort) {
	t.Helper()
	lc := net.ListenConfig{Control: netif.SharePort}
	m, err := lc.ListenPacket(context.Background(), "udp4", netip.AddrPortFrom(netip.IPv4Unspecified(), testGroup.Port()).String())
	if err != nil {
		t.Fatal(err)
	}
	_, multicast = tnet.Listen(t, m, testGroup, 65536, nil)
	u, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.AddrPortFrom(tnet.ClientIP, 0)))
	if err != nil {
		t.Fatal(err)
	}
	_, unicast = tnet.Listen(t, u, netip.AddrPort{}, 65536, nil)
	return multicast, unicast, u.LocalAddr().(*net.UDPAddr).AddrPort()
}

func TestSendersSendEachCameraFromItsOwnAddress(t *testing.T) {
	tnet.Need(t)
	cases := []struct {
		name string
		make func(t *testing.T) Sender
		// port checks the source port; ttl is the multicast TTL expected.
		port func(uint16) bool
		ttl  int
	}{
		{"IP_PKTINFO through the shared socket", func(t *testing.T) Sender { return pktinfoSender{pc: sharedSocket(t)} },
			func(p uint16) bool { return p == 5353 }, 255},
		{"a socket per camera on the shared port", func(t *testing.T) Sender {
			sharedSocket(t) // the port is held, as by mdnsresp's listener
			return newBoundSender(SenderConfig{Name: "mdnsresp", Port: 5353, SharePort: true, TTL: 255})
		}, func(p uint16) bool { return p == 5353 }, 255},
		{"a socket per camera on an ephemeral port", func(t *testing.T) Sender {
			return newBoundSender(SenderConfig{Name: "ssdpresp", TTL: 4})
		}, func(p uint16) bool { return p != 0 && p != 5353 }, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.make(t)
			defer s.Close()
			multicast, unicast, client := receive(t)
			for _, cam := range tnet.CamIPs[:3] {
				if err := s.Send([]byte("to all from "+cam.String()), cam, tnet.Cams.Index, testGroup); err != nil {
					t.Fatal(err)
				}
				if err := s.Send([]byte("to you from "+cam.String()), cam, tnet.Cams.Index, client); err != nil {
					t.Fatal(err)
				}
			}
			for _, want := range []struct {
				in   <-chan nstest.Datagram
				what string
				dst  netip.Addr
			}{{multicast, "to all", testGroup.Addr()}, {unicast, "to you", tnet.ClientIP}} {
				for _, cam := range tnet.CamIPs[:3] {
					d := next(t, want.in)
					if got := string(d.Data); got != want.what+" from "+cam.String() {
						t.Fatalf("received %q, want %q", got, want.what+" from "+cam.String())
					}
					if d.Src.Addr() != cam || !c.port(d.Src.Port()) {
						t.Errorf("%q came from %s", d.Data, d.Src)
					}
					if d.Dst != want.dst {
						t.Errorf("%q was sent to %s, want %s", d.Data, d.Dst, want.dst)
					}
					if want.dst.IsMulticast() && d.TTL != c.ttl {
						t.Errorf("%q arrived with TTL %d, want %d", d.Data, d.TTL, c.ttl)
					}
				}
			}
		})
	}
}

func TestBoundSenderNamesItsResponderWhenItCannotOpenASocket(t *testing.T) {
	if wine.Running() {
		// Windows, like Linux, refuses to bind an address no interface has
		// (WSAEADDRNOTAVAIL); Wine 8 lets the bind succeed, so there is no
		// failure to name.
		t.Skip("Wine 8 binds a UDP socket to an address no interface has, which Windows refuses")
	}
	s := newBoundSender(SenderConfig{Name: "ssdpresp", TTL: 4})
	defer s.Close()
	notHere := netip.MustParseAddr("192.0.2.1") // TEST-NET-1: no interface has it
	err := s.Send([]byte("x"), notHere, 0, netip.MustParseAddrPort("192.0.2.2:1900"))
	if err == nil || !strings.HasPrefix(err.Error(), "ssdpresp: a sending socket on 192.0.2.1: ") {
		t.Fatalf("error %v, want one naming ssdpresp and the address", err)
	}
}

func TestBoundSenderCloseClosesEveryCamerasSocket(t *testing.T) {
	tnet.Need(t)
	s := newBoundSender(SenderConfig{Name: "ssdpresp", TTL: 4})
	var conns []*ipv4.PacketConn
	for _, cam := range tnet.CamIPs[:2] {
		if err := s.Send([]byte("x"), cam, tnet.Cams.Index, netip.AddrPortFrom(tnet.ClientIP, 9)); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, s.conns[cam])
	}
	s.Close()
	for i, pc := range conns {
		if _, err := pc.WriteTo([]byte("x"), nil, &net.UDPAddr{IP: tnet.ClientIP.AsSlice(), Port: 9}); err == nil {
			t.Errorf("camera %d's socket still sends after Close", i)
		}
	}
}

func next(t *testing.T, in <-chan nstest.Datagram) nstest.Datagram {
	t.Helper()
	select {
	case d := <-in:
		return d
	case <-time.After(5 * time.Second):
		t.Fatal("nothing arrived")
		return nstest.Datagram{}
	}
}
