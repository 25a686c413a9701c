package mcast

import (
	"net"
	"net/netip"
	"sync"
)

// Interfaces lists the interfaces that are up, multicast-capable and have
// an IPv4 address.
func Interfaces() ([]net.Interface, error) {
	all, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	var out []net.Interface
	for _, ifi := range all {
		if ifi.Flags&net.FlagUp == 0 || ifi.Flags&net.FlagMulticast == 0 {
			continue
		}
		addrs, err := ifi.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a.String()); err == nil && p.Addr().Is4() {
				out = append(out, ifi)
				break
			}
		}
	}
	return out, nil
}

// IfIndexes maps a local address to the interface holding it: a camera
// hears only queries that arrive on its own link. The zero value is ready.
type IfIndexes struct {
	mu sync.Mutex
	m  map[netip.Addr]int
}

// Lookup returns the interface index of a, or 0 if no interface has it.
// A miss re-reads the interfaces: a fleet's addresses are added before its
// cameras start, so misses are rare after the first.
func (c *IfIndexes) Lookup(a netip.Addr) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.m[a]; ok {
		return i
	}
	c.m = map[netip.Addr]int{}
	all, err := net.Interfaces()
	if err != nil {
		return 0
	}
	for _, ifi := range all {
		addrs, err := ifi.Addrs()
		if err != nil {
			continue
		}
		for _, x := range addrs {
			if p, err := netip.ParsePrefix(x.String()); err == nil {
				c.m[p.Addr().Unmap()] = ifi.Index
			}
		}
	}
	return c.m[a]
}
