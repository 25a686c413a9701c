package discovery

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openipu/openipu/core/macaddr"
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
	// ProbeConcurrency bounds simultaneous anonymous HTTP probes (default
	// 512). Within it the bound adapts: it starts at 128, grows while
	// probes are answered and halves when one times out (probelimit.go).
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
	// no mDNS answer vouches for are probed over HTTP every 3 rounds. The
	// computer's interfaces are read every second whatever the pace, for
	// connections that come or go and for the diagnoses.
	Liveness time.Duration
	Logf     func(format string, args ...any)
}

// quietAfter is how long a search may hear nothing before the engine
// suspects a firewall.
const quietAfter = 2500 * time.Millisecond

// Engine finds cameras. Create it with New, start it with Run.
type Engine struct {
	opts      Options
	stats     counters
	sightings chan Sighting
	in        chan []Event
	refresh   chan struct{}
	probeQ    chan string
	limit     *probeLimit
	claims    *claimChecks
	// scanPort is the web port Scan knocks on; tests move it off 80.
	scanPort uint16
	// resolver looks up names given to AddHost (nil: the system's); tests
	// point it at a name server of their own.
	resolver *net.Resolver
	// run is published once Run has set everything up, so that the
	// window may ask for the status, the list or a camera by address at
	// any moment, even while Run is still starting.
	run atomic.Pointer[session]
	// ssdp is the SSDP search of this run, for the notices it has.
	ssdp atomic.Pointer[ssdpClient]
	// ifacePoll is how often the interfaces are read for connections
	// that came or went; tests shorten it.
	ifacePoll     time.Duration
	statusChanged chan struct{}

	mu       sync.Mutex
	pending  map[string]bool      // queued or running
	again    map[string]bool      // asked for while queued or running
	answered map[string]probeMark // last successful probe per MAC
	ctx      context.Context
	running  bool
}

// session is what Run sets up. It never changes after Run publishes it;
// the computer's interfaces, which do, are kept by the registry, and the
// ones searched by their own set.
type session struct {
	reg     *registry
	ifaces  *searchedSet
	started time.Time
}

// Stats are traffic figures since Run.
type Stats struct {
	DatagramsSent     int64
	DatagramsReceived int64
	DatagramsDropped  int64
	HTTPRequests      int64
	// MDNSAnswers are the datagrams received that answered for a camera
	// (DatagramsReceived also counts this computer's own queries and SSDP).
	MDNSAnswers int64
	Devices     int
}

// Status says what the engine is doing, for the window's status bar and
// the empty state.
type Status struct {
	Interfaces []netif.Interface // being searched
	// Joining names the connections that came while the search ran and
	// are getting their first burst of queries (a few seconds).
	Joining []string
	// NothingHeard is true when a search has run for a few seconds and no
	// camera answered on any interface: a firewall is the usual cause.
	NothingHeard bool
	What, Next   usermsg.Message // set when NothingHeard
	// Notices are what the search cannot do on this computer while it
	// still finds cameras (announcements not heard, for one).
	Notices []usermsg.Problem
}

// New makes an engine.
func New(opts Options) *Engine {
	if opts.ProbeConcurrency <= 0 {
		opts.ProbeConcurrency = 512
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
		limit:     newProbeLimit(128, 8, opts.ProbeConcurrency),
		claims:    newClaimChecks(),
		scanPort:  80,
		ifacePoll: ifacePoll,
		// Buffered: a change is remembered until the status is read.
		statusChanged: make(chan struct{}, 1),
		pending:       map[string]bool{},
		again:         map[string]bool{},
		answered:      map[string]probeMark{},
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

	s, err := e.setUp()
	if err != nil {
		e.mu.Lock()
		e.running = false // nothing was started: the caller may try again
		e.mu.Unlock()
		return nil, err
	}
	e.run.Store(s)

	out := make(chan Event, 256)
	var wg sync.WaitGroup
	var mdns *mdnsBrowser
	var ssdpc *ssdpClient
	// Both run with no interface too: a connection may come later. A
	// browser whose sockets all failed stays for the same reason.
	if !e.opts.DisableMDNS {
		mdns = newMDNSBrowser(s.ifaces.list(), e.sightings, &e.stats, e.opts.Logf)
		if err := mdns.start(ctx, &wg); err != nil {
			e.opts.Logf("%v", err)
		}
	}
	if !e.opts.DisableSSDP {
		ssdpc = newSSDPClient(s.ifaces.list(), e.sightings, &e.stats, e.opts.Logf)
		ssdpc.known = s.reg.enriched
		if err := ssdpc.start(ctx, &wg); err != nil {
			e.opts.Logf("%v", err)
			ssdpc = nil
		} else {
			e.ssdp.Store(ssdpc)
		}
	}
	for range e.opts.ProbeConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.probeWorker(ctx, s.reg)
		}()
	}
	joined := make(chan netif.Interface, 16)
	wg.Add(3)
	go func() {
		defer wg.Done()
		e.merge(ctx, s.reg)
	}()
	go func() {
		defer wg.Done()
		e.schedule(ctx, s, mdns, ssdpc, joined)
	}()
	go func() {
		defer wg.Done()
		e.watchInterfaces(ctx, s, mdns, ssdpc, joined)
	}()
	go func() {
		wg.Wait()
		close(e.in)
	}()
	go e.pump(out)
	return out, nil
}

// setUp reads the computer's interfaces and makes the registry.
func (e *Engine) setUp() (*session, error) {
	all, err := e.opts.ListInterfaces()
	if err != nil {
		return nil, err
	}
	chosen, err := netif.Select(all, e.opts.Interfaces)
	if err != nil {
		return nil, err
	}
	reg := newRegistry(nil, all, e.opts.MaxDevices)
	reg.mdnsTTL = e.opts.Liveness * 7 / 2
	return &session{reg: reg, ifaces: newSearchedSet(linked(netif.Usable(chosen))), started: time.Now()}, nil
}

// Devices returns every device known, lost ones included, sorted by MAC.
func (e *Engine) Devices() []Device {
	s := e.run.Load()
	if s == nil {
		return nil
	}
	return s.reg.devices()
}

// Stats returns the traffic figures.
func (e *Engine) Stats() Stats {
	s := Stats{
		DatagramsSent:     e.stats.sent.Load(),
		DatagramsReceived: e.stats.received.Load(),
		DatagramsDropped:  e.stats.dropped.Load(),
		HTTPRequests:      e.stats.httpRequests.Load(),
		MDNSAnswers:       e.stats.mdnsAnswers.Load(),
	}
	if run := e.run.Load(); run != nil {
		s.Devices = len(run.reg.devices())
	}
	return s
}

// Status reports which interfaces are searched and whether nothing at all
// has been heard.
func (e *Engine) Status() Status {
	s := e.run.Load()
	if s == nil {
		return Status{}
	}
	var st Status
	st.Interfaces, st.Joining = s.ifaces.snapshot()
	if c := e.ssdp.Load(); c != nil {
		st.Notices = c.notices()
	}
	// Only Axis devices answer these searches, so "no device" after a
	// while is "no answer": the computer's own queries, which loop back,
	// must not count as one.
	if time.Since(s.started) > quietAfter && len(s.reg.devices()) == 0 {
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
func (e *Engine) merge(ctx context.Context, reg *registry) {
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-e.sightings:
			if s.Via.IsValid() && len(s.Claimed) > 0 {
				e.claimed(ctx, reg, s)
				continue
			}
			evs, needProbe := reg.observe(s)
			e.emit(ctx, evs)
			if needProbe {
				e.queueProbe(reg, macaddr.Normalize(s.MAC), false)
			}
		}
	}
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
