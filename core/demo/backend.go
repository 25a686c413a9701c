package demo

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// NewBackend starts the simulated office and returns the window's world for
// it. Nothing it offers reaches past the office: cameras are reached on
// loopback behind their made-up addresses, the "something already answers"
// check and ARP/Ping ask the office, the web page is the simulator's, and
// what is done is journaled and backed up in a folder of its own so the
// user's real records stay clean. Everything stops when ctx ends or on
// Close.
func NewBackend(ctx context.Context, opts Options) (*backend.Backend, error) {
	dir, err := os.MkdirTemp("", "openipu-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	j, err := journal.Open(filepath.Join(dir, "journal.jsonl"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("demo: %w", err)
	}
	n, err := Start(ctx, opts)
	if err != nil {
		j.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	closeAll := func() {
		n.Close()
		j.Close()
		os.RemoveAll(dir)
	}
	go func() {
		select {
		case <-ctx.Done():
			closeAll()
		case <-n.stop:
		}
	}()
	active := &handover.Active{}
	handovers := opts.HandoverDir
	if handovers == "" {
		handovers = filepath.Join(dir, "handovers")
	}
	store := handover.NewStore(handovers)
	return &backend.Backend{
		Handovers: store,
		Handover:  active,
		Typed:     &report.Typed{},
		// A report the user saves is theirs to keep, demo or not.
		DocumentsDir: backend.DocumentsDir(),
		Discovery:    &discoverer{n: n, eng: n.Engine()},
		SearchOnly: func(names []string) (backend.Discoverer, error) {
			e, err := n.Restart(names)
			if err != nil {
				return nil, err
			}
			return &discoverer{n: n, eng: e}, nil
		},
		Interfaces:    func() ([]netif.Interface, error) { return n.Interfaces(), nil },
		Env:           workflow.Env{Connect: n.connect, Journal: handover.Recorders{j, active}},
		Admins:        workflow.NewAdminNames(),
		BackupDir:     filepath.Join(dir, "backups"),
		AddressInUse:  n.addressInUse,
		WebURL:        n.webURL,
		ARPPing:       arpPinger{n},
		SecondAddress: secondAddress{n},
		Power:         n,
		Simulated:     true,
		Close:         closeAll,
	}, nil
}

// discoverer finds the office with the real engine; adding by address and
// scanning go through the office, which never asks the real network.
type discoverer struct {
	n   *Network
	eng *discovery.Engine
}

func (d *discoverer) Run(ctx context.Context) (<-chan discovery.Event, error) { return d.eng.Run(ctx) }
func (d *discoverer) Refresh()                                                { d.eng.Refresh() }
func (d *discoverer) Devices() []discovery.Device                             { return d.eng.Devices() }
func (d *discoverer) Status() discovery.Status                                { return d.eng.Status() }
func (d *discoverer) AddHost(ctx context.Context, host string) (discovery.Device, error) {
	return d.n.AddHost(ctx, host)
}
func (d *discoverer) Scan(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error) {
	return d.n.Scan(ctx, p, progress)
}

// connect opens a simulated camera at the real port behind its made-up
// address, when that address is on one of the simulated computer's
// networks: the camera on the factory address answers only once the
// computer has a second address on 192.168.0.x, as on a real site.
func (n *Network) connect(_ context.Context, t workflow.Target, o workflow.ConnectOptions) (workflow.Client, error) {
	a, err := netip.ParseAddr(t.Host)
	var c *camera
	if err == nil && n.onComputersNetwork(a) {
		c = n.cameraAt(a)
	}
	if c == nil {
		return nil, noAnswer("connect to the camera", t.Address())
	}
	// Over HTTPS, as a real camera is reached: the simulator serves both,
	// and a window shown the office then behaves as it does on a site.
	client, err := vapix.New(c.sim.HTTPSURL(), vapix.Options{Pins: &n.pins, Serial: t.MAC, AcceptNewCertificate: o.AcceptNewCertificate, Waiting: o.Waiting})
	if err != nil {
		return nil, err
	}
	return &movingClient{Client: client, n: n}, nil
}

// movingClient is a simulated camera's client. A simulator keeps listening
// on its port whatever address it is given, so after a successful change
// the office re-reads the settings at once: the camera "moves" to its new
// made-up address before anyone looks for it there.
type movingClient struct {
	*vapix.Client
	n *Network
}

func (c *movingClient) SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error {
	err := c.Client.SetNetwork(ctx, cfg)
	if err == nil {
		c.n.Sync()
	}
	return err
}

// addressInUse: the simulated computer's own address, or a simulated
// camera's. Nothing is dialled: the made-up addresses may exist on the
// user's real network.
func (n *Network) addressInUse(_ context.Context, a netip.Addr) bool {
	return a == computerAddr.Addr() || n.cameraAt(a) != nil
}

// webURL is the simulator's own page for the camera, on loopback.
func (n *Network) webURL(d discovery.Device) string {
	for _, a := range d.Addresses {
		if c := n.cameraAt(a); c != nil {
			return c.sim.HTTPURL() + "/"
		}
	}
	return ""
}

// simulatedPingEvery paces the simulated pings as arpping paces real ones.
const simulatedPingEvery = time.Second

var msgARPPingSimulated = usermsg.Message{Key: "demo.arpping_available", Text: "The simulated computer can give a simulated camera an address this way."}

// Messages lists what the office itself can show a user.
func Messages() []usermsg.Message { return []usermsg.Message{msgARPPingSimulated} }

// arpPinger runs ARP/Ping against the office with the same steps and
// errors as arpping.Assign, and nothing sent anywhere.
type arpPinger struct{ n *Network }

func (arpPinger) Available(string) (bool, usermsg.Message) { return true, msgARPPingSimulated }

func (p arpPinger) Assign(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
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
	if p.n.addressInUse(ctx, req.Addr) {
		return fail(arpping.AddressInUse, nil)
	}
	t := time.NewTicker(simulatedPingEvery)
	defer t.Stop()
	for attempt := 1; ; attempt++ {
		remaining := max(window-time.Since(start), 0)
		progress(arpping.Progress{Step: arpping.StepPing, Attempt: attempt, Elapsed: time.Since(start), Remaining: remaining})
		if p.n.ARPPing(req.MAC, req.Addr) {
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
}
