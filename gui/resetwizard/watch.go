package resetwizard

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/macaddr"
)

// While the user works on the camera, the reset wizard watches for it by
// MAC. It reads the window's camera list every half second instead of
// listening to discovery's events: the window's event loop owns the one
// event stream, the list is a snapshot the window keeps anyway (a copy
// costs microseconds even for a thousand cameras), and what the wizard
// needs is the camera's state now — gone, back, in factory state — not
// the history of how it got there. A state that lasts less than half a
// second is lost, and a power cut and a boot take half a minute at least.

// watchState is what the network shows of the camera being reset.
type watchState int

const (
	// watchWaiting: nothing has happened yet; the camera is where it was,
	// or (a camera not in the list) nothing new has shown up.
	watchWaiting watchState = iota
	// watchOffline: the camera went off the network: its power is cut, or
	// it is starting up.
	watchOffline
	// watchBack: it is back needing its first password, and this computer
	// reaches it: the reset worked.
	watchBack
	// watchBackAway: it is back on the factory address or on a link-local
	// address only, which a camera moves to after a reset, but this
	// computer cannot reach it there.
	watchBackAway
	// watchReturned: it is back on the network, not known to be reset (yet:
	// the engine asks it again when it returns).
	watchReturned
)

// watchView is one look at the network.
type watchView struct {
	state watchState
	// dev is the camera as last seen; found says whether it was seen at all.
	dev   discovery.Device
	found bool
}

// resetWatch follows one camera through its reset. It is plain data, so
// each situation can be tested without a window or a network.
type resetWatch struct {
	// mac is the camera watched for; "" when the user chose "a camera that
	// is not in the list" without typing its MAC.
	mac string
	// before is every camera known when watching started.
	before map[string]discovery.Device
	// sawOffline: the camera was seen gone since watching started.
	sawOffline bool
}

func newResetWatch(mac string, devs []discovery.Device) *resetWatch {
	w := &resetWatch{mac: macaddr.Normalize(mac), before: map[string]discovery.Device{}}
	for _, d := range devs {
		w.before[d.MAC] = d
	}
	return w
}

// observe looks at the current device list.
func (w *resetWatch) observe(devs []discovery.Device) watchView {
	if w.mac == "" {
		w.adopt(devs)
	}
	dev, found := w.find(devs)
	_, wasThere := w.before[w.mac]
	if !found || dev.Lost {
		if found || wasThere {
			w.sawOffline = true
			return watchView{state: watchOffline, dev: dev, found: found}
		}
		return watchView{state: watchWaiting}
	}
	v := watchView{dev: dev, found: true}
	if !w.changed(dev) {
		v.state = watchWaiting
		return v
	}
	switch {
	case dev.NeedsSetup() && dev.Diagnosis.Reach == discovery.ReachOK:
		v.state = watchBack
	case dev.Diagnosis.Reach == discovery.ReachFactoryAddress || dev.Diagnosis.Reach == discovery.ReachLinkLocalOnly:
		v.state = watchBackAway
	default:
		v.state = watchReturned
	}
	return v
}

// changed says whether the camera shows any sign of having been through a
// power cut or a reset since watching started. A real camera that loses
// power is only missed after its announcements expire, half a minute or
// more; a quick power cycle can be over before that, and then only the
// camera's new addresses or its new need for a password tell.
func (w *resetWatch) changed(dev discovery.Device) bool {
	prev, wasThere := w.before[dev.MAC]
	switch {
	case w.sawOffline || !wasThere || prev.Lost:
		return true
	case dev.NeedsSetup() && !prev.NeedsSetup():
		return true
	}
	return !sameAddresses(prev.Addresses, dev.Addresses)
}

func (w *resetWatch) find(devs []discovery.Device) (discovery.Device, bool) {
	if w.mac == "" {
		return discovery.Device{}, false
	}
	for _, d := range devs {
		if d.MAC == w.mac {
			return d, true
		}
	}
	return discovery.Device{}, false
}

// adopt picks, for a camera not in the list, the one that has just shown up
// in factory state: new to the list (or back after being lost), needing a
// password or on an address a reset leads to. The newest wins.
func (w *resetWatch) adopt(devs []discovery.Device) {
	var fresh []discovery.Device
	for _, d := range devs {
		prev, wasThere := w.before[d.MAC]
		if d.Lost || wasThere && !prev.Lost {
			continue
		}
		reach := d.Diagnosis.Reach
		if d.NeedsSetup() || reach == discovery.ReachFactoryAddress || reach == discovery.ReachLinkLocalOnly {
			fresh = append(fresh, d)
		}
	}
	if len(fresh) == 0 {
		return
	}
	newest := slices.MaxFunc(fresh, func(a, b discovery.Device) int { return a.FirstSeen.Compare(b.FirstSeen) })
	w.mac = newest.MAC
}

func sameAddresses(a, b []netip.Addr) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, func(x, y netip.Addr) int { return x.Compare(y) })
	slices.SortFunc(b, func(x, y netip.Addr) int { return x.Compare(y) })
	return slices.Equal(a, b)
}

// troubleKind is what the troubleshooter advises, from what the network
// shows when the camera has not come back in factory state in time.
type troubleKind int

const (
	// troubleNothing: the camera is not on the network at all.
	troubleNothing troubleKind = iota
	// troubleFactory: it is on 192.168.0.90, and this computer is not on
	// that network.
	troubleFactory
	// troubleLinkLocal: it only has a 169.254.x.x address (AXIS OS 12
	// without a DHCP server), and this computer has none.
	troubleLinkLocal
	// troubleNotReset: it is back where this computer reaches it, with its
	// password: the button was not held long enough, or not while
	// powering up.
	troubleNotReset
	// troubleOtherSubnet: it is back on another network than this
	// computer's, which a reset does not lead to: most likely its old
	// fixed address, so the reset did not take.
	troubleOtherSubnet
	// troubleStarting: it is seen, but its web server does not answer
	// yet.
	troubleStarting
)

// troubleFor keys the advice to what the network shows of the camera.
func troubleFor(v watchView) troubleKind {
	if !v.found || v.dev.Lost {
		return troubleNothing
	}
	switch v.dev.Diagnosis.Reach {
	case discovery.ReachFactoryAddress:
		return troubleFactory
	case discovery.ReachLinkLocalOnly:
		return troubleLinkLocal
	case discovery.ReachOtherSubnet:
		return troubleOtherSubnet
	case discovery.ReachOK:
		if v.dev.Setup == discovery.SetupDone {
			return troubleNotReset
		}
	}
	return troubleStarting
}

// chooserOrder orders cameras for the wizard's chooser: the ones that have
// a password (whose password may be lost) first, then by model and MAC.
func chooserOrder(devs []discovery.Device) []discovery.Device {
	out := slices.Clone(devs)
	rank := func(d discovery.Device) int {
		switch {
		case d.Lost:
			return 2
		case d.Setup == discovery.SetupDone:
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b discovery.Device) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Model, b.Model), cmp.Compare(a.MAC, b.MAC))
	})
	return out
}
