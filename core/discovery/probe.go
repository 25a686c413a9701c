package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/vapix"
)

// queueProbe asks for an anonymous probe of mac. Unless forced (a liveness
// re-probe), a device whose best address answered a moment ago is not asked
// again just because another protocol reported it too.
func (e *Engine) queueProbe(reg *registry, mac string, force bool) {
	var target netip.AddrPort
	targets, epoch := reg.probeTargets(mac)
	if len(targets) > 0 {
		target = targets[0]
	}
	e.mu.Lock()
	if e.pending[mac] {
		// Queued or running: a running probe is asked to look again when
		// it ends, in case this news changed where to look.
		if force || len(targets) > 0 {
			e.again[mac] = true
		}
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

// markAnswered notes that mac answered at target just now, so that news
// of the camera at that same address does not probe it again at once.
func (e *Engine) markAnswered(mac string, target netip.AddrPort, epoch int) {
	e.mu.Lock()
	e.answered[mac] = probeMark{target: target, epoch: epoch, at: time.Now()}
	e.mu.Unlock()
}

func (e *Engine) probeWorker(ctx context.Context, reg *registry) {
	for {
		select {
		case <-ctx.Done():
			return
		case mac := <-e.probeQ:
			// pending stays set while the probe runs: another protocol
			// reporting the camera meanwhile is no reason for a second
			// probe beside it.
			e.mu.Lock()
			delete(e.again, mac)
			e.mu.Unlock()
			e.probe(ctx, reg, mac)
			e.mu.Lock()
			delete(e.pending, mac)
			again := e.again[mac]
			delete(e.again, mac)
			e.mu.Unlock()
			if again {
				// Asked again while running: probed anew unless the
				// address just answered is still the best one.
				e.queueProbe(reg, mac, false)
			}
		}
	}
}

// identify runs one anonymous probe at ap within the adaptive bound on
// probes in flight.
func (e *Engine) identify(ctx context.Context, ap netip.AddrPort) (vapix.Identity, error) {
	if !e.limit.acquire(ctx) {
		return vapix.Identity{}, ctx.Err()
	}
	pctx, cancel := context.WithTimeout(ctx, e.opts.ProbeTimeout)
	defer cancel()
	e.stats.httpRequests.Add(1)
	id, err := e.opts.Identify(pctx, vapix.CameraURL(false, ap.Addr(), int(ap.Port())))
	e.limit.release(err != nil && ctx.Err() == nil && timedOut(err))
	return id, err
}

// timedOut reports whether err is a probe's deadline running out: the
// sign of a congested network, unlike a refusal, which is quick.
func timedOut(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// probe runs the anonymous HTTP probe for a device at each of its known
// addresses in turn, most likely first, until one answers as this camera.
// An address where another camera answers is dropped from this one (two
// devices share it, or DHCP moved things), and the one that answered is
// news; only when no address answers as this camera did the probe fail.
func (e *Engine) probe(ctx context.Context, reg *registry, mac string) {
	targets, epoch := reg.probeTargets(mac)
	if len(targets) == 0 {
		return
	}
	en := Enrichment{Addr: targets[0].Addr()}
	for _, target := range targets {
		id, err := e.identify(ctx, target)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			continue
		}
		if other := macaddr.Normalize(id.MAC); other != "" && other != mac {
			e.emit(ctx, reg.refute(mac, target.Addr(), other))
			select {
			case e.sightings <- Sighting{MAC: other, Source: SourceManual, Addr: target.Addr(), HTTPPort: int(target.Port())}:
			case <-ctx.Done():
				return
			}
			continue
		}
		en = enrichmentOf(id, target.Addr())
		e.markAnswered(mac, target, epoch)
		break
	}
	e.emit(ctx, reg.enrich(mac, en))
}

func enrichmentOf(id vapix.Identity, addr netip.Addr) Enrichment {
	return Enrichment{OK: true, Addr: addr, Serial: id.Serial, Model: id.Model, FullName: id.FullName, Firmware: id.Firmware, Setup: SetupOf(id)}
}

// AddHost adds a camera by IP address or host name (with an optional port),
// for cameras that announcements do not reach. It probes the camera now and
// returns it, or a typed error that explains itself: an *Error when the
// address cannot be used or found, the probe's own error when nothing or
// something else answers there. Text that camaddr refuses reaches no name
// server and no network, and is not kept in the error: it may be a
// password typed in the wrong box.
func (e *Engine) AddHost(ctx context.Context, host string) (Device, error) {
	a, err := camaddr.Parse(host)
	if err != nil {
		return Device{}, &Error{Kind: InvalidAddress, Err: err}
	}
	s := e.run.Load()
	if s == nil {
		return Device{}, &Error{Kind: NotRunning, Host: a.Host}
	}
	// The anonymous probe is plain HTTP whatever scheme was typed; how
	// the camera is then worked with is the workflows' choice.
	port := a.Port
	if port == 0 {
		port = 80
	}
	addrs, err := e.resolve(ctx, a.Host)
	if err != nil {
		return Device{}, err
	}
	var lastErr error
	for _, ip := range addrs {
		d, err := e.probeAddress(ctx, s, netip.AddrPortFrom(ip, uint16(port)), SourceManual)
		if err == nil {
			return d, nil
		}
		lastErr = err
	}
	return Device{}, lastErr
}

// resolve turns host, an IP address or a name camaddr accepted, into at
// most eight IPv4 addresses to try.
func (e *Engine) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a.Unmap()}, nil
	}
	r := e.resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ips, err := r.LookupNetIP(ctx, "ip4", host)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("look up %s: %w", host, ctx.Err())
		}
		kind := LookupFailed
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			kind = HostNotFound
		}
		return nil, &Error{Kind: kind, Host: host, Err: err}
	}
	if len(ips) > 8 {
		ips = ips[:8]
	}
	out := make([]netip.Addr, 0, len(ips))
	for _, ip := range ips {
		out = append(out, ip.Unmap())
	}
	return out, nil
}

// addressShown is ap as the user typed it: the port only when it is not
// the web's own. An identify function may reach the device elsewhere (the
// simulated office does), and its errors must not say where.
func addressShown(ap netip.AddrPort) string {
	if ap.Port() == 80 {
		return ap.Addr().String()
	}
	return ap.String()
}

// probeAddress identifies whatever answers at ap and records it.
func (e *Engine) probeAddress(ctx context.Context, run *session, ap netip.AddrPort, src Source) (Device, error) {
	id, err := e.identify(ctx, ap)
	if err != nil {
		return Device{}, vapix.Named(err, addressShown(ap))
	}
	mac := macaddr.Normalize(id.MAC)
	if mac == "" {
		return Device{}, &Error{Kind: Unidentified, Host: ap.String(), Detail: "it did not say its serial number"}
	}
	s := Sighting{MAC: mac, Source: src, Addr: ap.Addr(), HTTPPort: int(ap.Port()),
		Interface: run.reg.interfaceFor(ap.Addr()), Model: id.Model, FullName: id.FullName, Serial: id.Serial}
	evs, _ := run.reg.observe(s)
	e.emit(ctx, evs)
	e.emit(ctx, run.reg.enrich(mac, enrichmentOf(id, ap.Addr())))
	for _, d := range run.reg.devices() {
		if d.MAC == mac {
			return d, nil
		}
	}
	return Device{}, errors.New("device vanished while being added")
}
