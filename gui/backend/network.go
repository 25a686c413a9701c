package backend

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

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
		target := TargetFor(d, pins != nil)
		c, err := vapix.New(target, vapix.Options{Pins: pins, Serial: d.Serial, AcceptNewCertificate: o.AcceptNewCertificate})
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

// TargetFor is the camera's best address with the scheme and port to use.
func TargetFor(d discovery.Device, https bool) string {
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

// answerProbeTimeout bounds the "is this address taken?" check: a device on
// the local network answers a TCP connect within milliseconds, and the
// check runs while the user types.
const answerProbeTimeout = 800 * time.Millisecond

// Answers reports whether something accepts a TCP connection at addr:port.
// A refusal also proves a device is there, so it counts as an answer.
func Answers(ctx context.Context, addr netip.Addr, port int) bool {
	ctx, cancel := context.WithTimeout(ctx, answerProbeTimeout)
	defer cancel()
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(addr.String(), strconv.Itoa(port)))
	if err == nil {
		_ = c.Close()
		return true
	}
	return isRefused(err)
}

// isRefused tells a "connection refused" (a host is there, the port is
// closed) from silence. Windows reports WSAECONNREFUSED, which does not
// match syscall.ECONNREFUSED, so its wording ("actively refused") is the
// fallback.
func isRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(strings.ToLower(err.Error()), "refused")
}
