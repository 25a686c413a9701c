// Package demo runs OpenIPU's simulated office: a fleet of simulated Axis
// cameras (core/camsim) listening on 127.0.0.1 only, which the real
// discovery engine finds through its own merging, probing and liveness, at
// made-up addresses on a made-up network (this "computer" is 10.0.4.17/24
// on eth0). Nothing is sent to the real network: announcements are injected
// into the engine, and every made-up address is mapped to the simulated
// camera's real loopback port.
//
// It is what `openipu --demo` and the window's "Try with simulated cameras"
// show a newcomer, so every feature has something to work on: cameras of
// each firmware generation, some new and some set up, one stuck on the
// factory address 192.168.0.90 on another subnet, and one that keeps going
// away and coming back.
package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"sync"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

// Options tune the demo's pace; the zero value is the one shown to people.
type Options struct {
	// Liveness is the discovery engine's pace, and how often the cameras
	// answer its questions (default 10 s).
	Liveness time.Duration
	// ResetDowntime is how long a camera is away after a factory default or
	// restart (default 8 s: shorter than a real camera, long enough to see).
	ResetDowntime time.Duration
	// ComeAndGo is how often the camera with the loose cable drops off
	// (default 40 s; negative: never).
	ComeAndGo time.Duration
	// AwayFor is how long it stays away each time (default 12 s).
	AwayFor time.Duration
	// Logf is an optional debug log; it is never given a password.
	Logf func(format string, args ...any)
	// HandoverDir keeps the demo's handover sessions. The program gives a
	// folder beside the user's real ones, so that a demo handover survives
	// closing it as a real one does and never mixes with them; empty keeps
	// them in the demo's own temporary folder, gone at Close (tests).
	HandoverDir string
}

const (
	// syncEvery is how soon a camera's new network settings show up at its
	// new address.
	syncEvery = 250 * time.Millisecond
	// mdnsTTL is what an Axis camera puts on its mDNS records.
	mdnsTTL = 120 * time.Second
)

func (o *Options) fill() {
	if o.Liveness <= 0 {
		o.Liveness = 10 * time.Second
	}
	if o.ResetDowntime <= 0 {
		o.ResetDowntime = 8 * time.Second
	}
	if o.ComeAndGo == 0 {
		o.ComeAndGo = 40 * time.Second
	}
	if o.AwayFor <= 0 {
		o.AwayFor = 12 * time.Second
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
}

// Network is a running demo: the simulated cameras and the discovery engine
// that finds them.
type Network struct {
	opts Options
	// localMu guards local: the simulated computer can be given a second
	// address while the engine reads its connections.
	localMu sync.Mutex
	local   []netif.Interface
	cams    []*camera
	stop    chan struct{}
	wake    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
	// syncMu serialises sync passes, so Sync returns only after a complete
	// one.
	syncMu sync.Mutex

	mu          sync.Mutex
	engine      *discovery.Engine
	hearsCams   bool // the current engine searches the cameras' interface
	announceAll bool
	byAddr      map[netip.Addr]*camera

	// pins are the office's remembered certificates: workflows reach the
	// simulators over HTTPS, as they reach real cameras, and these last as
	// long as the office.
	pins vapix.MemoryPins
}

// Start starts the fleet and prepares (but does not run) an engine that
// finds it; run it with Engine().Run. Everything stops when ctx ends or on
// Close.
func Start(ctx context.Context, opts Options) (*Network, error) {
	opts.fill()
	n := &Network{
		opts:   opts,
		local:  computerInterfaces(),
		stop:   make(chan struct{}),
		wake:   make(chan struct{}, 1),
		byAddr: map[netip.Addr]*camera{},
	}
	n.engine, n.hearsCams = n.newEngine(nil), true
	for _, s := range fleet {
		c := &camera{spec: s, n: n}
		cfg := camsim.Config{
			MAC:           s.mac,
			Model:         s.model,
			Generation:    s.gen,
			ResetDowntime: opts.ResetDowntime,
			// Longer than a real camera's two minutes: a newcomer reading
			// the ARP/Ping explanation should not miss the window.
			ARPPingWindow: 10 * time.Minute,
			Announcers:    []camsim.Announcer{c},
			Logf:          opts.Logf,
		}
		if s.comesAndGoes {
			cfg.ResetDowntime = opts.AwayFor
		}
		if s.setUp {
			// Set up by someone else: the password is random and lives
			// only in the simulator's memory, like a real forgotten one.
			acct, err := randomAccount(s.gen)
			if err != nil {
				n.closeCameras()
				return nil, err
			}
			cfg.Admin = &acct
		}
		sim, err := camsim.New(cfg)
		if err != nil {
			n.closeCameras()
			return nil, fmt.Errorf("demo: camera %s: %w", s.mac, err)
		}
		c.sim = sim
		c.initialNet = sim.Snapshot().Network
		n.cams = append(n.cams, c)
	}
	for _, c := range n.cams {
		if err := c.sim.Start(); err != nil {
			n.closeCameras()
			return nil, fmt.Errorf("demo: starting camera %s: %w", c.mac, err)
		}
	}
	n.Sync()
	n.wg.Add(2)
	go n.syncLoop()
	go n.comeAndGoLoop()
	go func() {
		select {
		case <-ctx.Done():
			n.Close()
		case <-n.stop:
		}
	}()
	return n, nil
}

// Engine is the discovery engine that currently finds the fleet.
func (n *Network) Engine() *discovery.Engine {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.engine
}

// Interfaces are the simulated computer's network connections.
func (n *Network) Interfaces() []netif.Interface {
	n.localMu.Lock()
	defer n.localMu.Unlock()
	out := slices.Clone(n.local)
	for i := range out {
		out[i].Prefixes = slices.Clone(out[i].Prefixes)
	}
	return out
}

// Restart replaces the engine with a new one (not yet running) that searches
// only the named connections (all when names is empty), as the window does
// when the user chooses network connections. The cameras are heard only if
// their connection is among them.
func (n *Network) Restart(names []string) (*discovery.Engine, error) {
	chosen, err := netif.Select(n.Interfaces(), names)
	if err != nil {
		return nil, err
	}
	e := n.newEngine(names)
	n.mu.Lock()
	n.engine = e
	n.hearsCams = slices.ContainsFunc(netif.Usable(chosen), func(i netif.Interface) bool { return i.Name == Interface })
	n.announceAll = true
	n.mu.Unlock()
	n.poke()
	return e, nil
}

func (n *Network) newEngine(names []string) *discovery.Engine {
	return discovery.New(discovery.Options{
		Interfaces:     names,
		DisableMDNS:    true,
		DisableSSDP:    true,
		Identify:       n.identify,
		ListInterfaces: func() ([]netif.Interface, error) { return n.Interfaces(), nil },
		Liveness:       n.opts.Liveness,
		Logf:           n.opts.Logf,
	})
}

// Close stops the cameras (they say goodbye) and the demo's goroutines.
func (n *Network) Close() error {
	var err error
	n.once.Do(func() {
		close(n.stop)
		n.wg.Wait()
		err = n.closeCameras()
	})
	return err
}

func (n *Network) closeCameras() error {
	var errs []error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range n.cams {
		if c.sim == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.sim.Close(); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (n *Network) poke() {
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// syncLoop follows each camera's network settings and answers the engine's
// periodic questions, as the cameras' mDNS responders would.
func (n *Network) syncLoop() {
	defer n.wg.Done()
	tick := time.NewTicker(syncEvery)
	defer tick.Stop()
	lastAll := time.Now()
	for {
		select {
		case <-n.stop:
			return
		case <-n.wake:
		case <-tick.C:
		}
		all := time.Since(lastAll) >= n.opts.Liveness
		if all {
			lastAll = time.Now()
		}
		n.sync(all)
	}
}

// comeAndGoLoop is the loose cable.
func (n *Network) comeAndGoLoop() {
	defer n.wg.Done()
	if n.opts.ComeAndGo < 0 {
		return
	}
	tick := time.NewTicker(n.opts.ComeAndGo)
	defer tick.Stop()
	for {
		select {
		case <-n.stop:
			return
		case <-tick.C:
			for _, c := range n.cams {
				if c.comesAndGoes {
					n.opts.Logf("demo: %s loses power", c.mac)
					c.sim.PowerCycle(false)
				}
			}
		}
	}
}

func randomAccount(gen camsim.Generation) (camsim.Account, error) {
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return camsim.Account{}, fmt.Errorf("demo: random password: %w", err)
	}
	user := "admin"
	if mustBeRoot, _ := vapix.FirstAdminMustBeRoot(gen.FirmwareVersion()); mustBeRoot {
		user = "root"
	}
	return camsim.Account{User: user, Password: base64.RawURLEncoding.EncodeToString(b[:])}, nil
}
