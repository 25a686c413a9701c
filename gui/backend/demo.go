package backend

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// StartDemo starts the simulated office (core/demo) and returns a
// Discoverer for it. It runs until ctx ends. The window's actions reach the
// simulated cameras through it, and a camera given a new address moves
// there at once.
func StartDemo(ctx context.Context) (Discoverer, error) {
	return StartDemoWith(ctx, demo.Options{})
}

// StartDemoPaced is StartDemo with the camera on a loose cable dropping off
// every comeAndGo (for the window's smoke test, which wants the table to
// keep changing while it watches).
func StartDemoPaced(ctx context.Context, comeAndGo time.Duration) (Discoverer, error) {
	return StartDemoWith(ctx, demo.Options{ComeAndGo: comeAndGo, AwayFor: comeAndGo / 2, Liveness: comeAndGo})
}

// StartDemoWith is StartDemo with the simulated office's own options.
func StartDemoWith(ctx context.Context, opts demo.Options) (Discoverer, error) {
	// What is done to simulated cameras is journaled and backed up in a
	// folder of its own, so the user's real records stay clean.
	dir, err := os.MkdirTemp("", "openipu-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	j, err := journal.Open(filepath.Join(dir, "journal.jsonl"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("demo: %w", err)
	}
	n, err := demo.Start(ctx, opts)
	if err != nil {
		j.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	go func() {
		<-ctx.Done()
		n.Close()
		j.Close()
		os.RemoveAll(dir)
	}()
	return &demoDiscoverer{net: n, eng: n.Engine(), journal: j, backups: filepath.Join(dir, "backups")}, nil
}

// demoDiscoverer finds the simulated office with the real engine; adding by
// address and scanning go through the demo, which never sends anything to
// the real network.
type demoDiscoverer struct {
	net     *demo.Network
	eng     *discovery.Engine
	journal Journal
	backups string
}

func (d *demoDiscoverer) Sandbox() (Journal, string) { return d.journal, d.backups }

func (d *demoDiscoverer) Run(ctx context.Context) (<-chan discovery.Event, error) {
	return d.eng.Run(ctx)
}
func (d *demoDiscoverer) Refresh()                    { d.eng.Refresh() }
func (d *demoDiscoverer) Devices() []discovery.Device { return d.eng.Devices() }
func (d *demoDiscoverer) Status() discovery.Status    { return d.eng.Status() }
func (d *demoDiscoverer) Simulated() bool             { return true }
func (d *demoDiscoverer) AllInterfaces() ([]netif.Interface, error) {
	return d.net.Interfaces(), nil
}

func (d *demoDiscoverer) AddHost(ctx context.Context, host string) (discovery.Device, error) {
	return d.net.AddHost(ctx, host)
}

func (d *demoDiscoverer) Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error) {
	return d.net.Scan(ctx, prefix, progress)
}

func (d *demoDiscoverer) SearchOnly(names []string) (Discoverer, error) {
	e, err := d.net.Restart(names)
	if err != nil {
		return nil, err
	}
	return &demoDiscoverer{net: d.net, eng: e, journal: d.journal, backups: d.backups}, nil
}

func (d *demoDiscoverer) Connect(dev discovery.Device, o ConnectOptions) (CameraClient, error) {
	c, err := d.net.Connect(dev, vapix.Options{AcceptNewCertificate: o.AcceptNewCertificate})
	if err != nil {
		return nil, err
	}
	return &demoClient{Client: c, net: d.net}, nil
}

// demoClient is a simulated camera's client. A simulator keeps listening on
// its port whatever address it is given, so after a successful change the
// demo re-reads the settings at once: the camera "moves" to its new
// made-up address before the caller looks for it there.
type demoClient struct {
	*vapix.Client
	net *demo.Network
}

func (c *demoClient) SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error {
	err := c.Client.SetNetwork(ctx, cfg)
	if err == nil {
		c.net.Sync()
	}
	return err
}

// simulatedPingEvery paces the simulated pings as arpping paces real ones.
const simulatedPingEvery = time.Second

// simulatedARPPing runs the assignment against the simulated office with
// the same steps and errors as arpping.Assign, and nothing sent anywhere.
func simulatedARPPing(p demoARPPing) ARPPing {
	return ARPPing{
		Available: func(string) (bool, usermsg.Message) {
			return true, usermsg.Message{Text: lang.X("arpping_dialog.simulated_ok", "The simulated computer can give a simulated camera an address this way.")}
		},
		Assign: func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
			fail := func(k arpping.Kind, err error) error {
				return &arpping.Error{Kind: k, Addr: req.Addr.String(), MAC: req.MAC, Interface: req.Interface, Err: err}
			}
			window := req.Window
			if window <= 0 {
				window = arpping.DefaultWindow
			}
			start := time.Now()
			progress(arpping.Progress{Step: arpping.StepNeighbour, Remaining: window})
			defer func() { progress(arpping.Progress{Step: arpping.StepCleanedUp, Elapsed: time.Since(start)}) }()
			t := time.NewTicker(simulatedPingEvery)
			defer t.Stop()
			for attempt := 1; ; attempt++ {
				remaining := max(window-time.Since(start), 0)
				progress(arpping.Progress{Step: arpping.StepPing, Attempt: attempt, Elapsed: time.Since(start), Remaining: remaining})
				if p.ARPPing(req.MAC, req.Addr) {
					progress(arpping.Progress{Step: arpping.StepAnswered, Attempt: attempt, Elapsed: time.Since(start)})
					return nil
				}
				if remaining <= 0 {
					return fail(arpping.NotTaken, nil)
				}
				select {
				case <-ctx.Done():
					return fail(arpping.Canceled, ctx.Err())
				case <-t.C:
				}
			}
		},
	}
}
