package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// Options configure an Engine. The zero value searches every usable
// interface with mDNS and SSDP.
type Options struct {
	// Interfaces limits the search to these interface names (empty: all usable).
	Interfaces  []string
	DisableMDNS bool
	DisableSSDP bool
	// ProbeConcurrency bounds simultaneous anonymous HTTP probes (default 64).
	ProbeConcurrency int
	// ProbeTimeout bounds one probe (default 3 s).
	ProbeTimeout time.Duration
	// Identify is the anonymous probe; nil uses the VAPIX client. Tests and
	// the window may replace it.
	Identify func(ctx context.Context, target string) (vapix.Identity, error)
	// ListInterfaces replaces netif.List (tests).
	ListInterfaces func() ([]netif.Interface, error)
	// MaxDevices bounds memory under a flood of fake announcements (default 10000).
	MaxDevices int
	// Liveness sets the pace of keeping the list true (default 10 s): mDNS
	// is asked again this often (every camera answers, so one that stops
	// answering expires after 3.5 rounds), SSDP every 6 rounds, and cameras
	// no mDNS answer vouches for are probed over HTTP every 3 rounds.
	Liveness time.Duration
	Logf     func(format string, args ...any)
}

// startBurst is when the multicast queries go out after a start or Refresh:
// at once, then again to catch what packet loss or a full receive buffer
// dropped (known-answer suppression keeps the cameras already heard quiet).
var startBurst = []time.Duration{0, 250 * time.Millisecond, 700 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second}

// quietAfter is how long a search may hear nothing before the engine
// suspects a firewall.
const quietAfter = 2500 * time.Millisecond

// Engine finds cameras. Create it with New, start it with Run.
type Engine struct {
	opts      Options
	reg       *registry
	local     []netif.Interface
	searched  []netif.Interface
	stats     counters
	sightings chan Sighting
	in        chan []Event
	refresh   chan struct{}
	probeQ    chan string
	started   time.Time

	mu       sync.Mutex
	pending  map[string]bool
	answered map[string]probeMark // last successful probe per MAC
	ctx      context.Context
	running  bool
}

// Stats are traffic figures since Run.
type Stats struct {
	DatagramsSent     int64
	DatagramsReceived int64
	DatagramsDropped  int64
	HTTPRequests      int64
	Devices           int
}

// Status says what the engine is doing, for the window's status bar and
// the empty state.
type Status struct {
	Interfaces []netif.Interface // being searched
	// NothingHeard is true when a search has run for a few seconds and no
	// camera answered on any interface: a firewall is the usual cause.
	NothingHeard bool
	What, Next   usermsg.Message // set when NothingHeard
}

// New makes an engine.
func New(opts Options) *Engine {
	if opts.ProbeConcurrency <= 0 {
		opts.ProbeConcurrency = 64
	}
	if opts.ProbeTimeout <= 0 {
		opts.ProbeTimeout = 3 * time.Second
	}
	if opts.MaxDevices <= 0 {
		opts.MaxDevices = 10000
	}
	if opts.Liveness <= 0 {
		opts.Liveness = 10 * time.Second
	}
	if opts.Identify == nil {
		timeout := opts.ProbeTimeout
		opts.Identify = func(ctx context.Context, target string) (vapix.Identity, error) {
			c, err := vapix.New(target, vapix.Options{Timeout: timeout})
			if err != nil {
				return vapix.Identity{}, err
			}
			return c.Identify(ctx)
		}
	}
	if opts.ListInterfaces == nil {
		opts.ListInterfaces = netif.List
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	return &Engine{
		opts:      opts,
		sightings: make(chan Sighting, 8192),
		in:        make(chan []Event, 1024),
		refresh:   make(chan struct{}, 1),
		probeQ:    make(chan string, opts.MaxDevices),
		pending:   map[string]bool{},
		answered:  map[string]probeMark{},
	}
}

// Run starts searching and returns the event stream, which closes after ctx
// ends. It fails when no interface can be searched and no other source was
// asked for; a failing protocol on one interface is logged and skipped.
func (e *Engine) Run(ctx context.Context) (<-chan Event, error) {
	e.mu.Lock()
	if e.running {
		e.mu.Unlock()
		return nil, errors.New("discovery engine already running")
	}
	e.running = true
	e.ctx = ctx
	e.mu.Unlock()

	all, err := e.opts.ListInterfaces()
	if err != nil {
		return nil, err
	}
	e.local = all
	chosen, err := netif.Select(all, e.opts.Interfaces)
	if err != nil {
		return nil, err
	}
	e.searched = netif.Usable(chosen)
	e.reg = newRegistry(nil, all, e.opts.MaxDevices)
	e.reg.mdnsTTL = e.opts.Liveness * 7 / 2
	e.started = time.Now()

	out := make(chan Event, 256)
	var wg sync.WaitGroup
	var mdns *mdnsBrowser
	var ssdpc *ssdpClient
	if len(e.searched) > 0 && !e.opts.DisableMDNS {
		mdns = newMDNSBrowser(e.searched, e.sightings, &e.stats, e.opts.Logf)
		if err := mdns.start(ctx, &wg); err != nil {
			e.opts.Logf("%v", err)
			mdns = nil
		}
	}
	if len(e.searched) > 0 && !e.opts.DisableSSDP {
		ssdpc = newSSDPClient(e.searched, e.sightings, &e.stats, e.opts.Logf)
		ssdpc.known = e.reg.enriched
		if err := ssdpc.start(ctx, &wg); err != nil {
			e.opts.Logf("%v", err)
			ssdpc = nil
		}
	}
	for range e.opts.ProbeConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.probeWorker(ctx)
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		e.merge(ctx)
	}()
	go func() {
		defer wg.Done()
		e.schedule(ctx, mdns, ssdpc)
	}()
	go func() {
		wg.Wait()
		close(e.in)
	}()
	go e.pump(out)
	return out, nil
}

// Refresh searches again now and probes every camera listed again (the
// "Search again" button, and after an action changed a camera).
func (e *Engine) Refresh() {
	select {
	case e.refresh <- struct{}{}:
	default:
	}
}

// Devices returns every device known, lost ones included, sorted by MAC.
func (e *Engine) Devices() []Device {
	if e.reg == nil {
		return nil
	}
	return e.reg.devices()
}

// Stats returns the traffic figures.
func (e *Engine) Stats() Stats {
	s := Stats{
		DatagramsSent:     e.stats.sent.Load(),
		DatagramsReceived: e.stats.received.Load(),
		DatagramsDropped:  e.stats.dropped.Load(),
		HTTPRequests:      e.stats.httpRequests.Load(),
	}
	if e.reg != nil {
		s.Devices = len(e.reg.devices())
	}
	return s
}

// Status reports which interfaces are searched and whether nothing at all
// has been heard.
func (e *Engine) Status() Status {
	st := Status{Interfaces: e.searched}
	// Only Axis devices answer these searches, so "no device" after a
	// while is "no answer": the computer's own queries, which loop back,
	// must not count as one.
	if !e.started.IsZero() && time.Since(e.started) > quietAfter && len(e.Devices()) == 0 {
		st.NothingHeard = true
		st.What, st.Next = MsgNothingFound, MsgNothingFoundNext
	}
	return st
}

// pump hands events to the consumer in order without ever blocking the
// engine on a slow reader.
func (e *Engine) pump(out chan<- Event) {
	defer close(out)
	var q []Event
	in := e.in
	for in != nil || len(q) > 0 {
		var send chan<- Event
		var next Event
		if len(q) > 0 {
			send, next = out, q[0]
		}
		select {
		case evs, ok := <-in:
			if !ok {
				in = nil
				if e.ctx.Err() != nil {
					return // stopping: nobody is listening any more
				}
				continue
			}
			q = append(q, evs...)
		case send <- next:
			q[0] = Event{}
			q = q[1:]
		}
	}
}

func (e *Engine) emit(ctx context.Context, evs []Event) {
	if len(evs) == 0 {
		return
	}
	select {
	case e.in <- evs:
	case <-ctx.Done():
	}
}

// merge feeds sightings into the registry and queues probes.
func (e *Engine) merge(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-e.sightings:
			evs, needProbe := e.reg.observe(s)
			e.emit(ctx, evs)
			if needProbe {
				e.queueProbe(NormalizeMAC(s.MAC), false)
			}
		}
	}
}

// queueProbe asks for an anonymous probe of mac. Unless forced (a liveness
// re-probe), a device whose best address answered a moment ago is not asked
// again just because another protocol reported it too.
func (e *Engine) queueProbe(mac string, force bool) {
	target, epoch, _ := e.reg.probeTarget(mac)
	e.mu.Lock()
	if e.pending[mac] {
		e.mu.Unlock()
		return
	}
	if last, ok := e.answered[mac]; !force && ok && last.target == target && last.epoch == epoch && time.Since(last.at) < 30*time.Second {
		e.mu.Unlock()
		return
	}
	e.pending[mac] = true
	e.mu.Unlock()
	select {
	case e.probeQ <- mac:
	default:
		e.mu.Lock()
		delete(e.pending, mac)
		e.mu.Unlock()
	}
}

type probeMark struct {
	target netip.AddrPort
	epoch  int
	at     time.Time
}

func (e *Engine) probeWorker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case mac := <-e.probeQ:
			e.mu.Lock()
			delete(e.pending, mac)
			e.mu.Unlock()
			e.probe(ctx, mac)
		}
	}
}

// probe runs the anonymous HTTP probe for a device at its best address.
func (e *Engine) probe(ctx context.Context, mac string) {
	target, epoch, ok := e.reg.probeTarget(mac)
	if !ok {
		return
	}
	pctx, cancel := context.WithTimeout(ctx, e.opts.ProbeTimeout)
	defer cancel()
	e.stats.httpRequests.Add(1)
	id, err := e.opts.Identify(pctx, "http://"+target.String())
	if ctx.Err() != nil {
		return
	}
	en := Enrichment{Addr: target.Addr()}
	if err == nil && (id.MAC == "" || NormalizeMAC(id.MAC) == mac) {
		en = enrichmentOf(id, target.Addr())
		e.mu.Lock()
		e.answered[mac] = probeMark{target: target, epoch: epoch, at: time.Now()}
		e.mu.Unlock()
	} else if err == nil {
		// Another camera answers at this address now (DHCP moved things):
		// this device did not answer here; the other one is news.
		select {
		case e.sightings <- Sighting{MAC: id.MAC, Source: SourceManual, Addr: target.Addr(), HTTPPort: int(target.Port())}:
		case <-ctx.Done():
		}
	}
	e.emit(ctx, e.reg.enrich(mac, en))
}

func enrichmentOf(id vapix.Identity, addr netip.Addr) Enrichment {
	en := Enrichment{OK: true, Addr: addr, Serial: id.Serial, Model: id.Model, FullName: id.FullName, Firmware: id.Firmware}
	switch {
	case id.NeedsSetup:
		en.Setup = SetupNeeded
	case id.Ready2.APIVersion != "" || id.Ready:
		en.Setup = SetupDone
	}
	return en
}

// schedule sends the multicast searches (a burst at start and on Refresh,
// then at the liveness pace), expires sightings, and re-probes cameras that
// no mDNS answer keeps alive.
func (e *Engine) schedule(ctx context.Context, mdns *mdnsBrowser, ssdpc *ssdpClient) {
	live := e.opts.Liveness
	burstStep := func(i int) {
		if mdns != nil {
			// Known answers keep the cameras already heard quiet, so the
			// rest of a large fleet gets through.
			mdns.query(true)
		}
		// SSDP windows are whole seconds (go-ssdp); two at the start are
		// enough, the passive listener hears the rest.
		if ssdpc != nil && (i == 0 || i == 2) {
			ssdpc.search(1)
		}
	}
	burst, burstStart := 0, time.Now()
	burstStep(0)
	burst = 1
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	t0 := time.Now()
	lastTick, lastMDNS, lastSSDP, lastReprobe, lastIfaces := t0, t0, t0, t0, t0
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.refresh:
			burstStart, burst = time.Now(), 0
			// "Search again" also asks every camera listed what it is now:
			// after a password was set or a camera restarted, its row must
			// not keep saying what the last probe said.
			for _, d := range e.reg.devices() {
				if !d.Lost {
					e.queueProbe(d.MAC, true)
				}
			}
		case now := <-tick.C:
			if burst < len(startBurst) && now.Sub(burstStart) >= startBurst[burst] {
				burstStep(burst)
				burst++
				lastMDNS = now
			}
			if now.Sub(lastMDNS) >= live {
				if mdns != nil {
					mdns.query(false) // everyone answers: that is the liveness check
				}
				lastMDNS = now
			}
			if ssdpc != nil && now.Sub(lastSSDP) >= 6*live {
				ssdpc.search(1)
				lastSSDP = now
			}
			if now.Sub(lastTick) >= 250*time.Millisecond {
				e.emit(ctx, e.reg.tick())
				lastTick = now
			}
			if now.Sub(lastIfaces) >= 5*time.Second {
				// The computer may have joined another network (cable
				// moved, VPN up): diagnoses compare with where it is now.
				if all, err := e.opts.ListInterfaces(); err == nil {
					e.emit(ctx, e.reg.setLocal(all))
				}
				lastIfaces = now
			}
			if now.Sub(lastReprobe) >= 3*live {
				for _, mac := range e.reg.needReprobe() {
					e.queueProbe(mac, true)
				}
				lastReprobe = now
			}
		}
	}
}

// AddHost adds a camera by IP address or host name (with an optional port),
// for cameras that announcements do not reach. It probes the camera now and
// returns it, or a typed error that explains itself.
func (e *Engine) AddHost(ctx context.Context, host string) (Device, error) {
	if e.reg == nil {
		return Device{}, errors.New("discovery engine not running")
	}
	hostname, port := host, 80
	if h, p, err := net.SplitHostPort(host); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return Device{}, fmt.Errorf("%q is not a valid port", p)
		}
		hostname, port = h, n
	}
	addrs, err := resolve(ctx, hostname)
	if err != nil {
		return Device{}, err
	}
	var lastErr error
	for _, a := range addrs {
		d, err := e.probeAddress(ctx, netip.AddrPortFrom(a, uint16(port)), SourceManual)
		if err == nil {
			return d, nil
		}
		lastErr = err
	}
	return Device{}, lastErr
}

func resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a.Unmap()}, nil
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip4", host)
	if err != nil {
		return nil, &vapix.Error{Kind: vapix.NoAnswer, Op: "find the camera", Host: host, Err: err}
	}
	if len(ips) > 8 {
		ips = ips[:8]
	}
	return ips, nil
}

// probeAddress identifies whatever answers at ap and records it.
func (e *Engine) probeAddress(ctx context.Context, ap netip.AddrPort, src Source) (Device, error) {
	pctx, cancel := context.WithTimeout(ctx, e.opts.ProbeTimeout)
	defer cancel()
	e.stats.httpRequests.Add(1)
	id, err := e.opts.Identify(pctx, "http://"+ap.String())
	if err != nil {
		return Device{}, err
	}
	mac := NormalizeMAC(id.MAC)
	if mac == "" {
		return Device{}, &vapix.Error{Kind: vapix.NotAxis, Op: "identify the camera", Host: ap.String(),
			Detail: "it did not say its serial number"}
	}
	s := Sighting{MAC: mac, Source: src, Addr: ap.Addr(), HTTPPort: int(ap.Port()),
		Interface: ifaceFor(e.local, ap.Addr()), Model: id.Model, FullName: id.FullName, Serial: id.Serial}
	evs, _ := e.reg.observe(s)
	e.emit(ctx, evs)
	e.emit(ctx, e.reg.enrich(mac, enrichmentOf(id, ap.Addr())))
	for _, d := range e.reg.devices() {
		if d.MAC == mac {
			return d, nil
		}
	}
	return Device{}, errors.New("device vanished while being added")
}

func ifaceFor(local []netif.Interface, a netip.Addr) string {
	for _, it := range local {
		if it.Up && !it.Loopback && it.Contains(a) {
			return it.Name
		}
	}
	return ""
}

// MaxScanAddresses is the largest range Scan accepts: a /22.
const MaxScanAddresses = 1024

// ErrScanTooLarge is returned for a range wider than a /22.
var ErrScanTooLarge = errors.New("address range too large: at most 1024 addresses (a /22)")

// Scan probes every address of prefix (at most a /22) for cameras behind
// routers or switches that filter multicast. progress, if set, is called
// after each address with the number done and the total. It returns how
// many cameras answered.
func (e *Engine) Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error) {
	if e.reg == nil {
		return 0, errors.New("discovery engine not running")
	}
	addrs, err := ScanAddresses(prefix)
	if err != nil {
		return 0, err
	}
	var (
		mu    sync.Mutex
		done  int
		found int
		wg    sync.WaitGroup
	)
	sem := make(chan struct{}, 64)
	dialer := net.Dialer{Timeout: 700 * time.Millisecond}
	for _, a := range addrs {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			ap := netip.AddrPortFrom(a, 80)
			// A plain connect first: most addresses in a range are empty,
			// and a refused or silent one costs no HTTP exchange.
			if c, err := dialer.DialContext(ctx, "tcp", ap.String()); err == nil {
				c.Close()
				if _, err := e.probeAddress(ctx, ap, SourceScan); err == nil {
					mu.Lock()
					found++
					mu.Unlock()
				}
			}
			mu.Lock()
			done++
			d := done
			mu.Unlock()
			if progress != nil {
				progress(d, len(addrs))
			}
		}()
	}
	wg.Wait()
	return found, ctx.Err()
}

// ScanAddresses lists the host addresses of an IPv4 prefix (without the
// network and broadcast addresses when there are any), refusing more than
// MaxScanAddresses.
func ScanAddresses(prefix netip.Prefix) ([]netip.Addr, error) {
	if !prefix.IsValid() || !prefix.Addr().Is4() {
		return nil, fmt.Errorf("%v is not an IPv4 address range", prefix)
	}
	prefix = prefix.Masked()
	bits := 32 - prefix.Bits()
	if bits > 10 {
		return nil, ErrScanTooLarge
	}
	n := 1 << bits
	out := make([]netip.Addr, 0, n)
	a := prefix.Addr()
	for i := 0; i < n; i++ {
		if bits < 2 || (i != 0 && i != n-1) {
			out = append(out, a)
		}
		a = a.Next()
	}
	return out, nil
}

// Inject feeds a sighting as if it had been heard on the network: the demo's
// simulated fleet announces itself through it, and so can tests. It never
// blocks; a sighting that finds the queue full is dropped, like a packet.
func (e *Engine) Inject(s Sighting) {
	select {
	case e.sightings <- s:
	default:
		e.stats.dropped.Add(1)
	}
}
