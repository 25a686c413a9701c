package discovery

import (
	"cmp"
	"fmt"
	"net/netip"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// EventKind says what happened to a device.
type EventKind int

const (
	Added EventKind = iota + 1
	Updated
	Lost
)

func (k EventKind) String() string {
	switch k {
	case Added:
		return "added"
	case Updated:
		return "updated"
	case Lost:
		return "lost"
	}
	return "unknown"
}

// Event is one change to the device list.
type Event struct {
	Kind   EventKind
	Device Device
}

// Enrichment is the outcome of the anonymous HTTP probe of a device.
type Enrichment struct {
	OK       bool
	Addr     netip.Addr
	Serial   string
	Model    string
	FullName string
	Firmware string
	Setup    Setup
}

// Default lifetimes of a sighting when the packet gives none.
const (
	defaultMDNSTTL = 120 * time.Second
	defaultSSDPTTL = 1800 * time.Second
	// failuresToLose is how many failed re-probes end the sightings that
	// have no TTL of their own (added by address) or a very long one (SSDP).
	failuresToLose = 2
)

type addrState struct {
	iface string
	// live holds, per source, when the sighting expires; the zero time means
	// it does not expire by itself (unicast: re-probes decide).
	live map[Source]time.Time
	// refutedUntil is set when another camera, answeredBy, answered at
	// this address: until then it is not this camera's.
	refutedUntil time.Time
	answeredBy   string
}

func (a *addrState) refuted(now time.Time) bool { return now.Before(a.refutedUntil) }

type entry struct {
	dev        Device // the published snapshot, derived fields included
	addrs      map[netip.Addr]*addrState
	sources    map[Source]bool // every source that ever contributed
	ifaces     map[string]bool
	probe      ProbeResult
	probeFails int
	// epoch counts returns after being lost: a probe from an earlier epoch
	// says nothing about the camera now (it may have been reset).
	epoch int
}

// registry merges sightings into one device per MAC. All methods are safe for
// concurrent use; each returns the events the change caused.
type registry struct {
	mu         sync.Mutex
	now        func() time.Time
	local      []netif.Interface
	byMAC      map[string]*entry
	maxDevices int
	// mdnsTTL, when set, replaces the TTL of mDNS sightings. The engine asks
	// every camera again each liveness round, so a few missed rounds mean
	// the camera is gone: legacy-unicast answers carry at most 10 s (RFC
	// 6762 §6.7) and announcements 75 minutes, neither of which says that.
	mdnsTTL time.Duration
	// gone are the connections dropped (dropInterface) and not back: a
	// sighting read from one of them before its socket closed, and handed
	// over after, must not make its cameras heard there again.
	gone map[string]bool
}

func newRegistry(now func() time.Time, local []netif.Interface, maxDevices int) *registry {
	if now == nil {
		now = time.Now
	}
	return &registry{now: now, local: local, byMAC: map[string]*entry{}, maxDevices: maxDevices}
}

// observe records a sighting. needProbe is true when the device is new, has a
// new address, or came back after being lost: the anonymous probe should run.
func (r *registry) observe(s Sighting) (evs []Event, needProbe bool) {
	mac := macaddr.Normalize(s.MAC)
	if mac == "" || !s.Addr.IsValid() && !s.Goodbye {
		return nil, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.Interface != "" && r.gone[s.Interface] {
		return nil, false
	}
	now := r.now()
	e, known := r.byMAC[mac]
	if !known {
		if s.Goodbye || len(r.byMAC) >= r.maxDevices {
			return nil, false
		}
		e = &entry{
			dev:     Device{MAC: mac, FirstSeen: now},
			addrs:   map[netip.Addr]*addrState{},
			sources: map[Source]bool{},
			ifaces:  map[string]bool{},
		}
		r.byMAC[mac] = e
	}
	before := e.dev
	wasLive := known && !e.dev.Lost

	if s.Goodbye {
		for _, a := range e.addrs {
			delete(a.live, s.Source)
		}
	} else {
		ttl := s.TTL
		if ttl <= 0 {
			ttl = defaultTTL(s.Source)
		}
		if s.Source == SourceMDNS && r.mdnsTTL > 0 {
			ttl = r.mdnsTTL
		}
		var exp time.Time
		if ttl > 0 {
			exp = now.Add(ttl)
		}
		for _, addr := range append([]netip.Addr{s.Addr}, s.Extra...) {
			if !addr.IsValid() {
				continue
			}
			addr = addr.Unmap()
			a, ok := e.addrs[addr]
			if !ok {
				if len(e.addrs) >= 16 { // a real camera has a handful; refuse a flood
					continue
				}
				a = &addrState{live: map[Source]time.Time{}}
				e.addrs[addr] = a
				needProbe = true
			}
			if s.Interface != "" {
				a.iface = s.Interface
			}
			a.live[s.Source] = exp
		}
		e.sources[s.Source] = true
		if s.Source == SourceMDNS {
			e.dev.AnnouncedBy = s.Via
		}
		if s.Interface != "" {
			e.ifaces[s.Interface] = true
		}
		d := &e.dev
		d.LastSeen = now
		setIf(&d.Serial, macaddr.Normalize(s.Serial))
		setIf(&d.Name, s.Name)
		if !d.Enriched { // the HTTP probe is more trustworthy than announcements
			setIf(&d.Model, s.Model)
			setIf(&d.FullName, s.FullName)
		}
		if s.HTTPPort > 0 {
			d.HTTPPort = s.HTTPPort
		}
		if s.HTTPSPort > 0 {
			d.HTTPSPort = s.HTTPSPort
		}
		if s.Source == SourceManual || s.Source == SourceScan {
			e.probeFails = 0
		}
	}
	nowLive := e.live(now)
	if !known && !nowLive {
		delete(r.byMAC, mac)
		return nil, false
	}
	if nowLive && !wasLive && known {
		// Back after being gone: it may have been reset, so what the last
		// probe said (password state, reachability) no longer holds.
		needProbe = true
		e.dev.Setup, e.probe, e.probeFails = SetupUnknown, NotProbed, 0
		e.epoch++
	}
	r.derive(e, now)
	switch {
	case !known:
		return []Event{{Kind: Added, Device: e.dev}}, true
	case wasLive && !nowLive:
		return []Event{{Kind: Lost, Device: e.dev}}, false
	case changed(before, e.dev):
		return []Event{{Kind: Updated, Device: e.dev}}, needProbe
	}
	return nil, needProbe
}

// enrich records the result of an anonymous probe.
func (r *registry) enrich(mac string, en Enrichment) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.byMAC[mac]
	if !ok {
		return nil
	}
	now := r.now()
	before := e.dev
	wasLive := !e.dev.Lost
	d := &e.dev
	if en.OK {
		e.probe, e.probeFails = ProbeAnswered, 0
		d.Enriched = true
		setIf(&d.Serial, macaddr.Normalize(en.Serial))
		setIf(&d.Model, en.Model)
		setIf(&d.FullName, en.FullName)
		setIf(&d.Firmware, en.Firmware)
		if en.Setup != SetupUnknown {
			d.Setup = en.Setup
		}
		d.LastSeen = now
	} else {
		e.probe = ProbeFailed
		e.probeFails++
		if e.probeFails >= failuresToLose {
			// Sightings without a TTL (added by address) end here. SSDP's
			// max-age is half an hour, so a camera that answered before and
			// now does not is taken as gone too; one that never answered
			// (another subnet) proves nothing by failing.
			for _, a := range e.addrs {
				for src, exp := range a.live {
					if exp.IsZero() || (src == SourceSSDP && d.Enriched) {
						delete(a.live, src)
					}
				}
			}
		}
	}
	nowLive := e.live(now)
	r.derive(e, now)
	switch {
	case wasLive && !nowLive:
		return []Event{{Kind: Lost, Device: e.dev}}
	case changed(before, e.dev):
		return []Event{{Kind: Updated, Device: e.dev}}
	}
	return nil
}

// tick expires sightings whose TTL ran out.
func (r *registry) tick() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	var evs []Event
	for _, e := range r.byMAC {
		wasLive := !e.dev.Lost
		for _, a := range e.addrs {
			for src, exp := range a.live {
				if !exp.IsZero() && !now.Before(exp) {
					delete(a.live, src)
				}
			}
		}
		if wasLive && !e.live(now) {
			r.derive(e, now)
			evs = append(evs, Event{Kind: Lost, Device: e.dev})
		}
	}
	return evs
}

// setLocal replaces the computer's interfaces and re-diagnoses every device.
func (r *registry) setLocal(local []netif.Interface) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	if fmt.Sprint(r.local) == fmt.Sprint(local) {
		return nil
	}
	old := r.local
	r.local = local
	now := r.now()
	var evs []Event
	for _, e := range r.byMAC {
		before := e.dev
		if len(e.dev.Addresses) > 0 && onLink(e.dev.Addresses[0], old) != onLink(e.dev.Addresses[0], local) {
			// The way to the camera changed: what the last probe said of
			// reaching it no longer holds until it is asked again.
			e.probe = NotProbed
		}
		r.derive(e, now)
		if changed(before, e.dev) {
			evs = append(evs, Event{Kind: Updated, Device: e.dev})
		}
	}
	return evs
}

func onLink(a netip.Addr, local []netif.Interface) bool {
	for _, i := range local {
		if i.Up && i.Contains(a) {
			return true
		}
	}
	return false
}

// interfaceFor names the computer's interface, as it is now, that holds a
// (an address added by hand or found by a scan was heard on none).
func (r *registry) interfaceFor(a netip.Addr) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	it, _ := netif.InterfaceFor(r.local, a)
	return it.Name
}

func (r *registry) devices() []Device {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Device, 0, len(r.byMAC))
	for _, e := range r.byMAC {
		out = append(out, e.dev)
	}
	slices.SortFunc(out, func(a, b Device) int { return cmp.Compare(a.MAC, b.MAC) })
	return out
}

// enriched reports whether mac's HTTP probe has answered.
func (r *registry) enriched(mac string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.byMAC[mac]
	return ok && e.dev.Enriched
}

// probeTargets are the addresses and port the anonymous probe should try,
// most likely first (see compareAddr), and the device's epoch (see
// entry.epoch).
func (r *registry) probeTargets(mac string) ([]netip.AddrPort, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.byMAC[mac]
	if !ok {
		return nil, 0
	}
	port := e.dev.HTTPPort
	if port == 0 {
		port = 80
	}
	out := make([]netip.AddrPort, 0, len(e.dev.Addresses))
	for _, a := range e.dev.Addresses {
		out = append(out, netip.AddrPortFrom(a, uint16(port)))
	}
	return out, e.epoch
}

// refuteFor is how long an address where another camera answered stays off
// a camera's list, even when announcements name it again.
const refuteFor = 5 * time.Minute

// refute drops addr from mac's addresses: other answered there. It is kept
// aside, so that a camera heard only there still counts as heard, and its
// diagnosis can say that another device answers at its address.
func (r *registry) refute(mac string, addr netip.Addr, other string) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.byMAC[mac]
	if !ok {
		return nil
	}
	a, ok := e.addrs[addr]
	if !ok {
		return nil
	}
	now := r.now()
	a.refutedUntil, a.answeredBy = now.Add(refuteFor), other
	before := e.dev
	r.derive(e, now)
	if changed(before, e.dev) {
		return []Event{{Kind: Updated, Device: e.dev}}
	}
	return nil
}

// needReprobe lists live devices that no current mDNS answer vouches for,
// so the engine probes them over HTTP to notice when they go away.
func (r *registry) needReprobe() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	var out []string
	for mac, e := range r.byMAC {
		if !e.live(now) {
			continue
		}
		vouched := false
		for _, a := range e.addrs {
			if exp, ok := a.live[SourceMDNS]; ok && now.Before(exp) {
				vouched = true
			}
		}
		if !vouched {
			out = append(out, mac)
		}
	}
	slices.Sort(out)
	return out
}

func (e *entry) live(now time.Time) bool {
	for _, a := range e.addrs {
		for _, exp := range a.live {
			if exp.IsZero() || now.Before(exp) {
				return true
			}
		}
	}
	return false
}

// derive recomputes the published fields that follow from the entry's state.
func (r *registry) derive(e *entry, now time.Time) {
	d := &e.dev
	live := e.live(now)
	d.Lost = !live
	var addrs []netip.Addr
	var taken []netip.Addr // refuted: another camera answers there
	for a, st := range e.addrs {
		switch {
		case st.refuted(now):
			taken = append(taken, a)
		case !live || len(st.live) > 0:
			addrs = append(addrs, a)
		}
	}
	slices.SortFunc(addrs, func(a, b netip.Addr) int { return compareAddr(a, b, r.local) })
	d.Addresses = addrs
	d.Sources = sortedKeys(e.sources, func(s Source) string { return string(s) })
	d.Interfaces = sortedKeys(e.ifaces, func(s string) string { return s })
	d.HTTPURL = ""
	if len(addrs) > 0 {
		d.HTTPURL = vapix.CameraURL(false, addrs[0], d.HTTPPort)
	}
	if !live {
		since := d.LastSeen.Format("15:04:05")
		d.Diagnosis = Diagnosis{
			Reach: ReachLost,
			What:  msgLost.With("Since", since),
			Next:  msgLostNext,
		}
		return
	}
	if len(addrs) == 0 && len(taken) > 0 {
		slices.SortFunc(taken, func(a, b netip.Addr) int { return compareAddr(a, b, r.local) })
		args := map[string]any{"Addr": taken[0].String(), "Other": e.addrs[taken[0]].answeredBy}
		what, next := msgAddressTaken, msgAddressTakenNext
		what.Args, next.Args = args, args
		d.Diagnosis = Diagnosis{Reach: ReachNoHTTP, What: what, Next: next}
		return
	}
	d.Diagnosis = Diagnose(addrs, r.local, e.probe)
}

// compareAddr orders addresses for display and probing: on this computer's
// network first, then routable before link-local, IPv4 before IPv6.
func compareAddr(a, b netip.Addr, local []netif.Interface) int {
	rank := func(x netip.Addr) int {
		r := 0
		if !onLink(x, local) {
			r += 4
		}
		if x.IsLinkLocalUnicast() {
			r += 2
		}
		if !x.Is4() {
			r++
		}
		return r
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	return a.Compare(b)
}

func defaultTTL(s Source) time.Duration {
	switch s {
	case SourceMDNS:
		return defaultMDNSTTL
	case SourceSSDP:
		return defaultSSDPTTL
	}
	return 0 // unicast: no expiry, re-probes decide
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func sortedKeys[K comparable](m map[K]bool, str func(K) string) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b K) int { return cmp.Compare(str(a), str(b)) })
	return out
}

// changed compares what a user sees; LastSeen alone is not news. It runs
// for every sighting, a few thousand a second in a large fleet's start
// burst, so it compares values rather than printing them.
func changed(a, b Device) bool {
	a.LastSeen, b.LastSeen = time.Time{}, time.Time{}
	return !reflect.DeepEqual(a, b)
}

var (
	msgAddressTaken = usermsg.Message{Key: "discovery.reach.address_taken",
		Text: "Another camera ({{.Other}}) answers at {{.Addr}}, the address this camera announced."}
	msgAddressTakenNext = usermsg.Message{Key: "discovery.reach.address_taken.next",
		Text: "Two devices may have been given the same address. Restart this camera so that it asks for an address again, or give one of them another address."}
	msgLost = usermsg.Message{Key: "discovery.reach.lost",
		Text: "Not seen since {{.Since}}."}
	msgLostNext = usermsg.Message{Key: "discovery.reach.lost.next",
		Text: "Check that the camera has power and its network cable is plugged in. If it was just reset or restarted, wait a minute: it will reappear."}
)
