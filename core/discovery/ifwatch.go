package discovery

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// ifacePoll is how often the computer's interfaces are read for
// connections that came or went. A laptop is usually opened on Wi-Fi and
// plugged into the site switch later: that network must be searched
// within two seconds of getting an address, without "Search again".
// Reading the interfaces costs a few system calls.
const ifacePoll = time.Second

// The status bar's words while a connection that just came gets its first
// burst of queries.
var (
	MsgJoining = usermsg.Message{Key: "discovery.joining",
		Text: "Searching the new connection {{.Name}}…"}
	MsgJoiningMany = usermsg.Message{Key: "discovery.joining_many",
		Text: "Searching the new connections {{.Names}}…"}
)

// JoiningMessage says which connections that just came are being searched,
// when any are.
func (s Status) JoiningMessage() (usermsg.Message, bool) {
	switch len(s.Joining) {
	case 0:
		return usermsg.Message{}, false
	case 1:
		return MsgJoining.With("Name", s.Joining[0]), true
	}
	return MsgJoiningMany.With("Names", strings.Join(s.Joining, ", ")), true
}

// searchable is what the engine searches among all: of the interfaces the
// user chose, when they chose, those that can carry a search now. A chosen
// interface that is absent is no error here, as it is when the user
// chooses: an adapter unplugged may be plugged in again.
func searchable(all []netif.Interface, chosen []string) []netif.Interface {
	if len(chosen) > 0 {
		var present []string
		for _, n := range chosen {
			if slices.ContainsFunc(all, func(it netif.Interface) bool { return it.Name == n }) {
				present = append(present, n)
			}
		}
		if len(present) == 0 {
			return nil
		}
		all, _ = netif.Select(all, present) // every name is present: no error
	}
	return linked(netif.Usable(all))
}

// linked drops the interfaces whose link is down. An unplugged port with a
// fixed address (what an installer gives a laptop for a site without DHCP)
// is still up with its address on Linux: the cable going in is what makes
// it a connection to search.
func linked(ifaces []netif.Interface) []netif.Interface {
	return slices.DeleteFunc(ifaces, func(it netif.Interface) bool { return it.NoCarrier })
}

// ifaceDiff is how the searchable interfaces changed between two readings.
type ifaceDiff struct {
	// added are searched from now on; removed no longer are, as they were
	// last seen (its index says which group membership to leave).
	added, removed []netif.Interface
	// renewed kept their name but not what their sockets stand on: the
	// adapter came back under another index, or the primary address that
	// the query socket is bound to changed. Each is in added and removed
	// too; the cameras heard on it are not lost.
	renewed map[string]bool
	// updated kept their sockets but not their subnets, which decide on
	// which connection an answer is placed.
	updated []netif.Interface
}

func (d ifaceDiff) empty() bool {
	return len(d.added) == 0 && len(d.removed) == 0 && len(d.updated) == 0
}

// diffInterfaces compares two readings of the searchable interfaces.
func diffInterfaces(before, now []netif.Interface) ifaceDiff {
	d := ifaceDiff{renewed: map[string]bool{}}
	old := make(map[string]netif.Interface, len(before))
	for _, it := range before {
		old[it.Name] = it
	}
	seen := make(map[string]bool, len(now))
	for _, it := range now {
		seen[it.Name] = true
		was, ok := old[it.Name]
		switch {
		case !ok:
			d.added = append(d.added, it)
		case was.Index != it.Index || primaryAddr(was) != primaryAddr(it):
			d.renewed[it.Name] = true
			d.removed = append(d.removed, was)
			d.added = append(d.added, it)
		case !slices.Equal(was.Prefixes, it.Prefixes):
			d.updated = append(d.updated, it)
		}
	}
	for _, it := range before {
		if !seen[it.Name] {
			d.removed = append(d.removed, it)
		}
	}
	return d
}

// searchedSet is the interfaces searched now. The watcher changes it while
// the schedule sends, the sockets' readers place answers and the window
// asks for the status.
type searchedSet struct {
	mu     sync.Mutex
	ifaces []netif.Interface
	// joining are the interfaces whose first burst of queries is still
	// being sent.
	joining []string
}

func newSearchedSet(ifaces []netif.Interface) *searchedSet {
	return &searchedSet{ifaces: slices.Clone(ifaces)}
}

func (s *searchedSet) list() []netif.Interface {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ifaces)
}

func (s *searchedSet) snapshot() (ifaces []netif.Interface, joining []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ifaces), slices.Clone(s.joining)
}

// apply makes now the searched interfaces, d's added ones joining.
func (s *searchedSet) apply(now []netif.Interface, d ifaceDiff) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ifaces = slices.Clone(now)
	for _, it := range d.removed {
		s.joining = slices.DeleteFunc(s.joining, func(n string) bool { return n == it.Name })
	}
	for _, it := range d.added {
		s.joining = append(s.joining, it.Name)
	}
}

func (s *searchedSet) has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.ifaces, func(it netif.Interface) bool { return it.Name == name })
}

// joined ends name's first burst; it reports whether name was joining.
func (s *searchedSet) joined(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.Index(s.joining, name)
	if i < 0 {
		return false
	}
	s.joining = slices.Delete(s.joining, i, i+1)
	return true
}

// StatusChanged receives a value when the searched interfaces change, or a
// new connection's first burst ends, so that a status shown is read again
// at once rather than at the next poll. Changes in a row are one value.
func (e *Engine) StatusChanged() <-chan struct{} { return e.statusChanged }

func (e *Engine) notifyStatus() {
	select {
	case e.statusChanged <- struct{}{}:
	default:
	}
}

// watchInterfaces reads the computer's interfaces every ifacePoll, searches
// those that came and places the diagnoses by what it read, until ctx
// ends. It is the engine's one reader of the interfaces.
func (e *Engine) watchInterfaces(ctx context.Context, s *session, mdns *mdnsBrowser, ssdpc *ssdpClient, joined chan<- netif.Interface) {
	tick := time.NewTicker(e.ifacePoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		all, err := e.opts.ListInterfaces()
		if err != nil {
			e.opts.Logf("reading the network connections: %v", err)
			continue
		}
		e.applyInterfaces(ctx, s, all, mdns, ssdpc, joined)
	}
}

// applyInterfaces opens and closes the sockets of the interfaces that came
// and went, hands each new one to the schedule for its own burst, and
// loses the cameras that only a removed one heard.
func (e *Engine) applyInterfaces(ctx context.Context, s *session, all []netif.Interface, mdns *mdnsBrowser, ssdpc *ssdpClient, joined chan<- netif.Interface) {
	now := searchable(all, e.opts.Interfaces)
	d := diffInterfaces(s.ifaces.list(), now)
	if d.empty() {
		// Nothing to open or close, but an interface that is not searched
		// (a VPN, an address added) still moves the diagnoses.
		e.relocate(ctx, s.reg, all)
		return
	}
	for _, it := range d.removed {
		if !d.renewed[it.Name] {
			e.opts.Logf("%s is gone or has no address: no longer searched", it.Name)
		}
		if mdns != nil {
			mdns.removeIface(it)
		}
		if ssdpc != nil {
			ssdpc.removeIface(it)
		}
	}
	for _, it := range d.updated {
		if mdns != nil {
			mdns.updateIface(it)
		}
		if ssdpc != nil {
			ssdpc.updateIface(it)
		}
	}
	s.ifaces.apply(now, d)
	e.relocate(ctx, s.reg, all)
	for _, it := range d.removed {
		if !d.renewed[it.Name] {
			e.emit(ctx, s.reg.dropInterface(it.Name))
		}
	}
	for _, it := range d.added {
		e.opts.Logf("%s came: searching it", it.Name)
		s.reg.interfaceBack(it.Name)
		if mdns != nil {
			if err := mdns.addIface(it); err != nil {
				e.opts.Logf("mdns: %s: %v", it.Name, err)
			}
		}
		if ssdpc != nil {
			ssdpc.addIface(it)
		}
		select {
		case joined <- it:
		case <-ctx.Done():
			return
		}
	}
	e.notifyStatus()
	if ssdpc != nil && len(d.added)+len(d.removed) > 0 {
		ssdpc.publish()
	}
}

// relocate places diagnoses, and cameras added by address or scan, by
// where the computer is now (cable moved, VPN up, a connection came).
func (e *Engine) relocate(ctx context.Context, reg *registry, all []netif.Interface) {
	evs := reg.setLocal(all)
	e.emit(ctx, evs)
	// A camera this computer can reach now (it was given a second address,
	// or the cable moved) is asked what it is at once, instead of keeping
	// the verdict of a probe that could not reach it; so is one on another
	// network, which a router may now lead to.
	for _, ev := range evs {
		if r := ev.Device.Diagnosis.Reach; r == ReachNoHTTP || r == ReachUnknown || r == ReachOtherSubnet {
			e.queueProbe(reg, ev.Device.MAC, true)
		}
	}
}

// joinBurst is the start burst of one connection that came while the
// engine runs.
type joinBurst struct {
	it    netif.Interface
	start time.Time
	step  int
}

// joinSteps sends the steps of each connection's burst that are due, on
// that connection only: asking every camera on the others again would
// tell nothing new. It returns the bursts still under way. Only the
// schedule goroutine calls it.
func (e *Engine) joinSteps(now time.Time, bursts []joinBurst, set *searchedSet, mdns *mdnsBrowser, ssdpc *ssdpClient) []joinBurst {
	left := bursts[:0]
	for _, b := range bursts {
		if !set.has(b.it.Name) {
			continue // gone again before its burst ended
		}
		if now.Sub(b.start) >= startBurst[b.step] {
			if mdns != nil {
				// The first query lists no known answers: a camera heard
				// on another connection may be on this one too, and must
				// say so here.
				mdns.queryOn(b.it.Name, b.step > 0)
			}
			if ssdpc != nil && (b.step == 0 || b.step == 2) {
				ssdpc.searchOn(b.it, 1)
			}
			b.step++
		}
		if b.step < len(startBurst) {
			left = append(left, b)
			continue
		}
		if set.joined(b.it.Name) {
			e.notifyStatus()
		}
	}
	return left
}

// startJoin adds it's burst, replacing one it already has (it came again).
func startJoin(bursts []joinBurst, it netif.Interface, now time.Time) []joinBurst {
	bursts = slices.DeleteFunc(bursts, func(b joinBurst) bool { return b.it.Name == it.Name })
	return append(bursts, joinBurst{it: it, start: now})
}

// dropInterface forgets that the connection name hears anything: it is
// gone. A camera heard on no other connection is lost at once, as when
// its announcements expire, since nothing can renew them now; one also
// heard on another connection stays, and expires there if it goes quiet.
// Sightings without expiry (added by address) stay to the re-probes.
func (r *registry) dropInterface(name string) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gone == nil {
		r.gone = map[string]bool{}
	}
	r.gone[name] = true
	now := r.now()
	var evs []Event
	for _, e := range r.byMAC {
		if !e.ifaces[name] {
			continue
		}
		delete(e.ifaces, name)
		before, wasLive := e.dev, !e.dev.Lost
		if len(e.ifaces) == 0 {
			for _, a := range e.addrs {
				delete(a.live, SourceMDNS)
				delete(a.live, SourceSSDP)
			}
		}
		r.derive(e, now)
		switch {
		case wasLive && e.dev.Lost:
			evs = append(evs, Event{Kind: Lost, Device: e.dev})
		case changed(before, e.dev):
			evs = append(evs, Event{Kind: Updated, Device: e.dev})
		}
	}
	return evs
}

// interfaceBack takes name as a connection that hears cameras again.
func (r *registry) interfaceBack(name string) {
	r.mu.Lock()
	delete(r.gone, name)
	r.mu.Unlock()
}

// replaceByName puts it in place of the interface of the same name in list.
func replaceByName(list []netif.Interface, it netif.Interface) {
	for i := range list {
		if list[i].Name == it.Name {
			list[i] = it
		}
	}
}
