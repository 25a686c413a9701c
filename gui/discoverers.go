package gui

import (
	"fmt"
	"strconv"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

// A Discoverer may offer more than finding cameras. The window looks for
// these with type assertions, so fakes in tests and the Discoverer contract
// stay small.

// InterfaceSearcher is a Discoverer that knows this computer's network
// connections and can start over on some of them ("Choose network
// connections…").
type InterfaceSearcher interface {
	// AllInterfaces lists every network connection of the computer.
	AllInterfaces() ([]netif.Interface, error)
	// SearchOnly returns a new Discoverer, not yet running, that searches
	// only the named connections (every usable one when names is empty).
	SearchOnly(names []string) (Discoverer, error)
}

// CameraConnector is a Discoverer whose cameras need their own way in: the
// simulated ones live behind made-up addresses. The window hands its
// Connect to the actions instead of Deps.Connect.
type CameraConnector interface {
	Connect(d discovery.Device, opts ConnectOptions) (CameraClient, error)
}

// Simulated is a Discoverer of simulated cameras; the window says so.
type Simulated interface {
	Simulated() bool
}

// engineDiscoverer is the real discovery engine, able to start over on
// chosen connections (an Engine runs only once).
type engineDiscoverer struct {
	*discovery.Engine
	opts discovery.Options
}

// NewEngineDiscoverer makes the real Discoverer: a discovery.Engine with
// these options, which the window can restart on other connections.
func NewEngineDiscoverer(opts discovery.Options) Discoverer {
	return &engineDiscoverer{Engine: discovery.New(opts), opts: opts}
}

func (e *engineDiscoverer) AllInterfaces() ([]netif.Interface, error) {
	if e.opts.ListInterfaces != nil {
		return e.opts.ListInterfaces()
	}
	return netif.List()
}

func (e *engineDiscoverer) SearchOnly(names []string) (Discoverer, error) {
	all, err := e.AllInterfaces()
	if err != nil {
		return nil, err
	}
	if _, err := netif.Select(all, names); err != nil {
		return nil, err
	}
	o := e.opts
	o.Interfaces = append([]string(nil), names...)
	return NewEngineDiscoverer(o), nil
}

// NewConnector opens real cameras: over HTTPS, with the certificate pinned
// in pins, when the camera announced an HTTPS port (a first password then
// never crosses the network in the clear), and over plain HTTP otherwise.
func NewConnector(pins vapix.PinStore) Connector {
	return func(d discovery.Device, o ConnectOptions) (CameraClient, error) {
		if len(d.Addresses) == 0 {
			return nil, &vapix.Error{Kind: vapix.NoAnswer, Op: "connect to the camera", Host: d.MAC}
		}
		target := targetFor(d, pins != nil)
		c, err := vapix.New(target, vapix.Options{Pins: pins, Serial: d.Serial, AcceptNewCertificate: o.AcceptNewCertificate})
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

// targetFor is the camera's best address with the scheme and port to use.
func targetFor(d discovery.Device, https bool) string {
	a := d.Addresses[0]
	host := a.String()
	if a.Is6() {
		host = "[" + host + "]"
	}
	if https && d.HTTPSPort > 0 {
		return fmt.Sprintf("https://%s:%s", host, strconv.Itoa(d.HTTPSPort))
	}
	port := d.HTTPPort
	if port == 0 {
		port = 80
	}
	return fmt.Sprintf("http://%s:%d", host, port)
}
