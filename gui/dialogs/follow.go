package dialogs

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/backend"
)

// Following a camera to its new address: a camera takes a few seconds to
// move, and a minute and a half covers a slow one that restarts its network.
const (
	followFor       = 90 * time.Second
	followEvery     = 2 * time.Second
	followTryFor    = 3 * time.Second
	followRefreshes = 15 * time.Second
)

// follower finds a camera again after its address changed.
type follower struct {
	deps  backend.Backend
	cam   discovery.Device
	every time.Duration
	// camera reads the window's camera list, which hears of the camera
	// wherever it shows up.
	camera func(mac string) (discovery.Device, bool)
	// refresh asks the window to search again, from the work goroutine.
	refresh func()
	// progress is told the seconds so far, on the work goroutine.
	progress func(secs int)
}

// at waits until the camera with cam's MAC answers at addr. It returns the
// camera as it is now reachable.
func (f *follower) at(ctx context.Context, addr netip.Addr) (discovery.Device, bool) {
	target := movedTo(f.cam, addr)
	return f.poll(ctx, func(ctx context.Context) (discovery.Device, bool) {
		return target, f.isOurs(ctx, target)
	})
}

// viaDiscovery waits until discovery hears of the camera after since and the
// camera answers there: with DHCP nobody knows the new address in advance.
func (f *follower) viaDiscovery(ctx context.Context, since time.Time) (discovery.Device, bool) {
	if f.deps.Discovery == nil {
		return discovery.Device{}, false
	}
	lastRefresh := time.Time{}
	return f.poll(ctx, func(ctx context.Context) (discovery.Device, bool) {
		if time.Since(lastRefresh) >= followRefreshes {
			lastRefresh = time.Now()
			f.refresh()
		}
		if d, ok := f.camera(f.cam.MAC); ok && !d.Lost && d.LastSeen.After(since) && f.isOurs(ctx, d) {
			return d, true
		}
		return discovery.Device{}, false
	})
}

func (f *follower) poll(ctx context.Context, try func(context.Context) (discovery.Device, bool)) (discovery.Device, bool) {
	start := time.Now()
	every := f.every
	if every <= 0 {
		every = followEvery
	}
	for {
		tctx, cancel := context.WithTimeout(ctx, followTryFor)
		d, ok := try(tctx)
		cancel()
		if ok {
			return d, true
		}
		if f.progress != nil {
			f.progress(int(time.Since(start).Seconds()))
		}
		select {
		case <-ctx.Done():
			return discovery.Device{}, false
		case <-time.After(every):
		}
	}
}

// isOurs asks the device at d's address who it is: the camera has moved
// only when the same MAC answers there, not when anything answers.
func (f *follower) isOurs(ctx context.Context, d discovery.Device) bool {
	c, err := openCamera(f.deps, d, backend.ConnectOptions{})
	if err != nil {
		return false
	}
	defer c.Close()
	id, err := c.Identify(ctx)
	if err != nil {
		return false
	}
	return f.cam.MAC == "" || discovery.NormalizeMAC(id.MAC) == discovery.NormalizeMAC(f.cam.MAC)
}

// movedTo is cam as found at a new address, with its ports kept.
func movedTo(cam discovery.Device, addr netip.Addr) discovery.Device {
	d := cam
	d.Addresses = []netip.Addr{addr}
	host := addr.String()
	if d.HTTPPort != 0 && d.HTTPPort != 80 {
		host = net.JoinHostPort(host, strconv.Itoa(d.HTTPPort))
	}
	d.HTTPURL = "http://" + host + "/"
	return d
}
