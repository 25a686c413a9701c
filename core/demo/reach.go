package demo

import (
	"context"
	"net/netip"
	"net/url"
	"time"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
)

// probeTimeout bounds one anonymous probe of a simulated camera.
const probeTimeout = 3 * time.Second

// scanPace is the time one address of a range scan takes, so that the
// progress bar moves as it would on a real network (254 addresses in about
// a second).
const scanPace = 4 * time.Millisecond

// Camera describes one simulated camera, for tests and for the window's
// "simulated" notes.
type Camera struct {
	MAC string
	// Addresses are its made-up addresses, primary first.
	Addresses []netip.Addr
	// HTTPURL is where the simulator really listens (127.0.0.1).
	HTTPURL string
	// ComesAndGoes marks the camera with the loose cable.
	ComesAndGoes bool
}

// Cameras lists the fleet.
func (n *Network) Cameras() []Camera {
	out := make([]Camera, 0, len(n.cams))
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, c := range n.cams {
		out = append(out, Camera{
			MAC:          c.mac,
			Addresses:    append([]netip.Addr(nil), c.addrs...),
			HTTPURL:      c.sim.HTTPURL(),
			ComesAndGoes: c.comesAndGoes,
		})
	}
	return out
}

// onComputersNetwork is the demo's routing: only addresses on one of the
// simulated computer's networks answer, like a real network without a
// router to the camera's subnet (192.168.0.90 and link-local addresses stay
// silent until the computer is given a second address there).
func (n *Network) onComputersNetwork(a netip.Addr) bool {
	for _, i := range n.Interfaces() {
		if i.Loopback {
			continue
		}
		for _, p := range i.Prefixes {
			if p.Masked().Contains(a) && a != p.Addr() {
				return true
			}
		}
	}
	return false
}

func (n *Network) cameraAt(a netip.Addr) *camera {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.byAddr[a.Unmap()]
}

// identify is the engine's anonymous probe: it reaches the simulated camera
// behind a made-up address on the computer's subnet.
func (n *Network) identify(ctx context.Context, target string) (vapix.Identity, error) {
	host := target
	if u, err := url.Parse(target); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return vapix.Identity{}, noAnswer("identify the camera", target)
	}
	c := n.cameraAt(a)
	if c == nil || !n.onComputersNetwork(a) {
		return vapix.Identity{}, noAnswer("identify the camera", a.String())
	}
	client, err := vapix.New(c.sim.HTTPURL(), vapix.Options{Timeout: probeTimeout})
	if err != nil {
		return vapix.Identity{}, err
	}
	defer client.Close()
	return client.Identify(ctx)
}

// Connect opens a client for a camera the demo engine found, at the real
// port behind its made-up address. It also reaches the camera on the
// factory address, as a computer given a second address on 192.168.0.x
// would (the diagnosis's own advice), so that "Assign IP address" can be
// tried on it.
func (n *Network) Connect(d discovery.Device, opts vapix.Options) (*vapix.Client, error) {
	for _, a := range d.Addresses {
		if c := n.cameraAt(a); c != nil {
			if opts.Serial == "" {
				opts.Serial = d.Serial
			}
			return vapix.New(c.sim.HTTPURL(), opts)
		}
	}
	host := d.MAC
	if len(d.Addresses) > 0 {
		host = d.Addresses[0].String()
	}
	return nil, noAnswer("connect to the camera", host)
}

// AddHost adds a camera by address, as Engine.AddHost does, without ever
// asking the real network's DNS: the demo knows only its made-up addresses.
// What camaddr refuses is refused as the engine refuses it, with no copy
// of the text.
func (n *Network) AddHost(ctx context.Context, host string) (discovery.Device, error) {
	a, err := camaddr.Parse(host)
	if err != nil {
		return discovery.Device{}, &discovery.Error{Kind: discovery.InvalidAddress, Err: err}
	}
	if _, err := netip.ParseAddr(a.Host); err != nil {
		// The office has no name server: a name is unknown, as it would
		// be to the real engine's resolver.
		return discovery.Device{}, &discovery.Error{Kind: discovery.HostNotFound, Host: a.Host}
	}
	return n.Engine().AddHost(ctx, host)
}

// Scan walks an address range as Engine.Scan does, but over the made-up
// network only: Engine.Scan would connect to the real addresses.
func (n *Network) Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error) {
	addrs, err := discovery.ScanAddresses(prefix)
	if err != nil {
		return 0, err
	}
	eng := n.Engine()
	found := 0
	pace := time.NewTicker(scanPace)
	defer pace.Stop()
	for i, a := range addrs {
		select {
		case <-ctx.Done():
			return found, ctx.Err()
		case <-pace.C:
		}
		if n.onComputersNetwork(a) && n.cameraAt(a) != nil {
			if _, err := eng.AddHost(ctx, a.String()); err == nil {
				found++
			}
		}
		if progress != nil {
			progress(i+1, len(addrs))
		}
	}
	return found, ctx.Err()
}

func noAnswer(op, host string) error {
	return &vapix.Error{Kind: vapix.NoAnswer, Op: op, Host: host}
}
