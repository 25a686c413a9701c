//go:build linux

package main

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"sync"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
	"golang.org/x/sys/unix"

	"github.com/openipu/openipu/core/camsim"
)

// arpWatcher reads the IPv4 packets that reach one camera's MAC (its
// macvlan interface) and hands echo requests for addresses the camera does
// not have to Camera.ARPPing: the frame got there because the sender pinned
// that address to this MAC, which is the whole of the ARP/Ping method.
type arpWatcher struct {
	f    *os.File
	done sync.WaitGroup
}

func watchARPPing(dev string, cam *camsim.Camera, logf func(string, ...any)) (*arpWatcher, error) {
	ifi, err := net.InterfaceByName(dev)
	if err != nil {
		return nil, err
	}
	proto := htons(unix.ETH_P_IP)
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, int(proto))
	if err != nil {
		return nil, fmt.Errorf("packet socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: proto, Ifindex: ifi.Index}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("binding the packet socket to %s: %w", dev, err)
	}
	// Through os.File the read waits in the runtime's poller, and Close
	// ends it.
	w := &arpWatcher{f: os.NewFile(uintptr(fd), "packet:"+dev)}
	rc, err := w.f.SyscallConn()
	if err != nil {
		w.f.Close()
		return nil, err
	}
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		buf := make([]byte, 65536)
		for {
			var n int
			var from unix.Sockaddr
			var rerr error
			err := rc.Read(func(fd uintptr) bool {
				n, from, rerr = unix.Recvfrom(int(fd), buf, 0)
				return !errors.Is(rerr, unix.EAGAIN)
			})
			if err != nil {
				return // closed
			}
			if rerr != nil {
				continue
			}
			if ll, ok := from.(*unix.SockaddrLinklayer); !ok || ll.Pkttype != unix.PACKET_HOST {
				continue // only frames sent to this camera's own MAC
			}
			if dst, size, ok := echoRequest(buf[:n]); ok && cam.ARPPing(dst, size) {
				logf("camsim %s: took %s by ARP/Ping", cam.MAC(), dst)
			}
		}
	}()
	return w, nil
}

// echoRequest parses an IPv4 packet: for an ICMP echo request it returns
// the destination and the size of the echo data.
func echoRequest(pkt []byte) (netip.Addr, int, bool) {
	h, err := ipv4.ParseHeader(pkt)
	if err != nil || h.Protocol != 1 || h.TotalLen > len(pkt) || h.Len >= h.TotalLen || h.FragOff != 0 || h.Flags&ipv4.MoreFragments != 0 {
		return netip.Addr{}, 0, false
	}
	m, err := icmp.ParseMessage(1, pkt[h.Len:h.TotalLen])
	if err != nil || m.Type != ipv4.ICMPTypeEcho {
		return netip.Addr{}, 0, false
	}
	e, ok := m.Body.(*icmp.Echo)
	if !ok {
		return netip.Addr{}, 0, false
	}
	dst, ok := netip.AddrFromSlice(h.Dst.To4())
	return dst, len(e.Data), ok
}

func (w *arpWatcher) close() {
	_ = w.f.Close()
	w.done.Wait()
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }
