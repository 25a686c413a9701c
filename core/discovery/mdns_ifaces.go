package discovery

import (
	"fmt"
	"net"
	"slices"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/netif"
)

// addIface opens it's query socket and joins the mDNS group on it on the
// shared socket, opening that one when no interface has it yet (none
// was there at the start, or port 5353 could not be shared then).
func (b *mdnsBrowser) addIface(it netif.Interface) error {
	pc, err := openQueryConn(it)
	if err != nil {
		return err
	}
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	if b.closed {
		pc.Close()
		return fmt.Errorf("mDNS on %s: %w", it.Name, net.ErrClosed)
	}
	b.ifaces = append(b.ifaces, it)
	b.conns = append(b.conns, mdnsConn{iface: it, pc: pc})
	b.readLocked(pc, it.Name)
	if b.passive == nil {
		passive, err := openPassiveConn([]netif.Interface{it})
		if err != nil {
			b.logf("mdns: passive listening disabled: %v", err)
			return nil
		}
		b.passive = passive
		b.readLocked(passive, "")
		return nil
	}
	// A failure here leaves the passive socket deaf on it, as at the
	// start; the query socket still hears the answers to its queries.
	_ = b.passive.JoinGroup(&net.Interface{Index: it.Index, Name: it.Name}, mdnsGroup)
	return nil
}

// readLocked starts pc's reader. The caller holds ifmu and has checked
// that the browser is not closed, so readers.Wait has not begun.
func (b *mdnsBrowser) readLocked(pc *ipv4.PacketConn, iface string) {
	b.readers.Add(1)
	go func() {
		defer b.readers.Done()
		b.read(pc, iface, b.raw)
	}()
}

// removeIface closes it's query socket and leaves the group on it. An
// interface that is gone has left the group already, so that failure is
// expected.
func (b *mdnsBrowser) removeIface(it netif.Interface) {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	b.ifaces = slices.DeleteFunc(b.ifaces, func(x netif.Interface) bool { return x.Name == it.Name })
	b.conns = slices.DeleteFunc(b.conns, func(c mdnsConn) bool {
		if c.iface.Name != it.Name {
			return false
		}
		c.pc.Close()
		return true
	})
	if b.passive != nil {
		_ = b.passive.LeaveGroup(&net.Interface{Index: it.Index, Name: it.Name}, mdnsGroup)
	}
}

// updateIface takes its new subnets, by which answers are placed.
func (b *mdnsBrowser) updateIface(it netif.Interface) {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	replaceByName(b.ifaces, it)
}

// sendConns are the sockets query sends on now: every interface's, or
// only's.
func (b *mdnsBrowser) sendConns() []mdnsConn {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	out := make([]mdnsConn, 0, len(b.conns))
	for _, c := range b.conns {
		if b.only == "" || c.iface.Name == b.only {
			out = append(out, c)
		}
	}
	return out
}

func (b *mdnsBrowser) passiveConn() *ipv4.PacketConn {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	return b.passive
}

// queryOn is query on the interface name only: a connection that just
// came gets a burst of its own without every camera on the others being
// asked again.
func (b *mdnsBrowser) queryOn(name string, withKnown bool) {
	b.only = name
	defer func() { b.only = "" }()
	b.query(withKnown)
}
