package nstest

import (
	"errors"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/ipv4"
)

// Datagram is one packet a socket on the client's side received.
type Datagram struct {
	Data []byte
	Src  netip.AddrPort
	// Dst is the address it was sent to; invalid when the OS reports no
	// control messages.
	Dst netip.Addr
	// TTL is the IP time-to-live it arrived with; 0 when not reported.
	TTL int
	At  time.Time
}

// Listen makes c a socket on the client's side of the pair and reads it
// until the test ends. Multicast goes out of the client's interface, and
// group, when valid, is joined there. A datagram longer than readSize
// arrives cut to it, as it would in a receiver with that buffer. What keep
// accepts (everything, when keep is nil) is passed on through a channel
// that drops what it cannot hold, as a full socket buffer would.
func (n *Network) Listen(t testing.TB, c net.PacketConn, group netip.AddrPort, readSize int, keep func(Datagram) bool) (*ipv4.PacketConn, <-chan Datagram) {
	t.Helper()
	// A fleet answers within 100 ms; the default buffer holds about a
	// hundred answers (docs/protocol.md, Answer bursts).
	if u, ok := c.(*net.UDPConn); ok {
		_ = u.SetReadBuffer(4 << 20)
	}
	pc := ipv4.NewPacketConn(c)
	if err := pc.SetMulticastInterface(n.Client); err != nil {
		t.Fatal(err)
	}
	if err := pc.SetControlMessage(ipv4.FlagDst|ipv4.FlagInterface|ipv4.FlagTTL, true); err != nil {
		t.Fatal(err)
	}
	if group.IsValid() {
		if err := pc.JoinGroup(n.Client, net.UDPAddrFromAddrPort(group)); err != nil {
			t.Fatal(err)
		}
	}
	in := make(chan Datagram, 4096)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, readSize)
		for {
			size, cm, src, err := pc.ReadFrom(buf)
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				continue
			}
			d := Datagram{Data: append([]byte(nil), buf[:size]...), At: time.Now()}
			d.Src = src.(*net.UDPAddr).AddrPort()
			d.Src = netip.AddrPortFrom(d.Src.Addr().Unmap(), d.Src.Port())
			if cm != nil {
				d.Dst, _ = netip.AddrFromSlice(cm.Dst)
				d.Dst = d.Dst.Unmap()
				d.TTL = cm.TTL
				// Multicast reaches this socket twice on one host: off
				// the wire on the client's interface, and looped back on
				// the cameras'. Keep what a separate machine would see.
				if d.Dst.IsMulticast() && cm.IfIndex != n.Client.Index {
					continue
				}
			}
			if keep != nil && !keep(d) {
				continue
			}
			select {
			case in <- d:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		pc.Close()
		wg.Wait()
	})
	return pc, in
}
