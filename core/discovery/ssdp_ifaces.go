package discovery

import (
	"net"
	"slices"
	"sync"

	ssdp "github.com/koron/go-ssdp"

	"github.com/openipu/openipu/core/netif"
)

func (c *ssdpClient) searched() []netif.Interface {
	c.ifmu.Lock()
	defer c.ifmu.Unlock()
	return slices.Clone(c.ifaces)
}

// addIface hears announcements on it too, opening the listener when no
// interface had it yet. The searches include it once publish has run.
func (c *ssdpClient) addIface(it netif.Interface) {
	c.ifmu.Lock()
	defer c.ifmu.Unlock()
	if c.closed {
		return
	}
	c.ifaces = append(c.ifaces, it)
	c.mu.Lock()
	portRefused := c.unheard != nil
	c.mu.Unlock()
	// A port refused once stays refused for this search: its notice
	// stands, and asking again for each connection would only log it.
	switch {
	case c.notifyPC != nil:
		if err := c.notifyPC.JoinGroup(&net.Interface{Index: it.Index, Name: it.Name}, ssdpGroup); err != nil {
			c.logf("ssdp: %s: not hearing announcements: %v", it.Name, err)
		}
	case !portRefused:
		c.listenLocked([]netif.Interface{it})
	}
}

// removeIface stops hearing it; the searches leave it once publish has
// run. An interface that is gone has left the group already, so that
// failure is expected.
func (c *ssdpClient) removeIface(it netif.Interface) {
	c.ifmu.Lock()
	defer c.ifmu.Unlock()
	c.ifaces = slices.DeleteFunc(c.ifaces, func(x netif.Interface) bool { return x.Name == it.Name })
	if c.notifyPC != nil {
		_ = c.notifyPC.LeaveGroup(&net.Interface{Index: it.Index, Name: it.Name}, ssdpGroup)
	}
}

// publish makes the interfaces searched now go-ssdp's list. It may wait
// for the searches under way to end (a second at most), so the watcher
// calls it last, once the new connections' bursts have begun.
func (c *ssdpClient) publish() {
	ssdpHub.update(c, c.searched())
}

// updateIface takes its new subnets, by which answers are placed.
func (c *ssdpClient) updateIface(it netif.Interface) {
	c.ifmu.Lock()
	defer c.ifmu.Unlock()
	replaceByName(c.ifaces, it)
}

// update makes a running engine's connections go-ssdp's list, when that
// engine is the newest: an older one is ending.
func (h *senderHub) update(c *ssdpClient, ifaces []netif.Interface) {
	h.mu.Lock()
	newest := h.newest == c
	h.mu.Unlock()
	if newest {
		h.setList(ifaces)
	}
}

// searchOn runs one M-SEARCH window per target on it alone, for a
// connection that just came. go-ssdp's interface list is process-wide and
// read when a search opens its socket, so it holds just it until these
// searches end, and other searches wait that window out.
func (c *ssdpClient) searchOn(it netif.Interface, waitSec int) {
	only := []net.Interface{{Index: it.Index, Name: it.Name, Flags: net.FlagUp | net.FlagMulticast}}
	go func() {
		ssdpHub.ifaces.Lock()
		defer ssdpHub.ifaces.Unlock()
		ssdp.Interfaces = only
		var searches sync.WaitGroup
		for _, st := range ssdpTargets {
			searches.Add(1)
			go func() {
				defer searches.Done()
				c.stats.sent.Add(1)
				list, err := ssdp.Search(st, waitSec, "")
				c.found(st, list, err)
			}()
		}
		searches.Wait()
		ssdp.Interfaces = ssdpHub.current
	}()
}
