package backend

import (
	"context"
	"net/netip"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// A Discoverer may offer more than finding cameras. For looks for these
// with type assertions, here only, so fakes in tests and the Discoverer
// contract stay small, and the rest of gui/ reads plain fields.

// interfaceSearcher knows this computer's network connections and can
// start over on some of them.
type interfaceSearcher interface {
	// AllInterfaces lists every network connection of the computer.
	AllInterfaces() ([]netif.Interface, error)
	// SearchOnly returns a new Discoverer, not yet running, that searches
	// only the named connections (every usable one when names is empty).
	SearchOnly(names []string) (Discoverer, error)
}

// cameraConnector's cameras need their own way in: the simulated ones live
// behind made-up addresses.
type cameraConnector interface {
	Connect(d discovery.Device, opts ConnectOptions) (CameraClient, error)
}

// simulated finds simulated cameras; the window says so.
type simulated interface {
	Simulated() bool
}

// sandbox's actions must be recorded apart from the user's own journal and
// backups (the simulated office).
type sandbox interface {
	Sandbox() (j Journal, backupDir string)
}

// arpPinger gives its cameras addresses by its own means rather than this
// computer's ARP/Ping.
type arpPinger interface {
	ARPPingAvailable(iface string) (bool, usermsg.Message)
	ARPPingAssign(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error
}

// demoARPPing is what the simulated office offers for ARP/Ping: one
// 408-byte ping reaching the simulated camera with that MAC, which takes
// addr if it is in its first minutes after power-up.
type demoARPPing interface {
	ARPPing(mac string, addr netip.Addr) bool
}

// For is what the window and its dialogs use while disc searches.
func (d Deps) For(disc Discoverer) Backend {
	b := Backend{
		Discovery:    disc,
		Interfaces:   netif.List,
		Connect:      d.Connect,
		Journal:      d.Journal,
		BackupDir:    d.BackupDir,
		AddressInUse: func(ctx context.Context, a netip.Addr) bool { return Answers(ctx, a, 80) },
		OpenURL:      d.OpenURL,
		Now:          d.Now,
	}
	if b.Now == nil {
		b.Now = time.Now
	}
	if is, ok := disc.(interfaceSearcher); ok {
		b.Interfaces, b.SearchOnly = is.AllInterfaces, is.SearchOnly
	}
	if cc, ok := disc.(cameraConnector); ok {
		b.Connect = cc.Connect
	}
	if sb, ok := disc.(sandbox); ok {
		b.Journal, b.BackupDir = sb.Sandbox()
	}
	if s, ok := disc.(simulated); ok {
		b.Simulated = s.Simulated()
	}
	b.ARPPing = arpPingFor(disc, b.Simulated)
	b.Power = powerSwitchOf(disc)
	return b
}

// arpPingFor picks how ARP/Ping is done for disc's cameras. Simulated
// cameras never get the real one: its pings would go out on this
// computer's real network to made-up addresses.
func arpPingFor(disc Discoverer, simulated bool) ARPPing {
	if p, ok := disc.(arpPinger); ok {
		return ARPPing{p.ARPPingAvailable, p.ARPPingAssign}
	}
	if dd, ok := disc.(*demoDiscoverer); ok {
		if p, ok := any(dd.net).(demoARPPing); ok {
			return simulatedARPPing(p)
		}
	}
	if simulated {
		return ARPPing{
			Available: func(string) (bool, usermsg.Message) {
				return false, usermsg.Message{Text: lang.X("arpping_dialog.simulated", "The simulated cameras are not on a real network, so this cannot be tried on them.")}
			},
			Assign: func(context.Context, arpping.Request, func(arpping.Progress)) error {
				return &arpping.Error{Kind: arpping.NotPossible, Detail: "simulated cameras"}
			},
		}
	}
	return ARPPing{arpping.Available, arpping.Assign}
}

// powerSwitchOf finds the power switch of a Discoverer, if it has one. The
// simulated office's switch lives on core/demo's Network.
func powerSwitchOf(disc Discoverer) PowerSwitch {
	if p, ok := disc.(PowerSwitch); ok {
		return p
	}
	if dd, ok := disc.(*demoDiscoverer); ok {
		if p, ok := any(dd.net).(PowerSwitch); ok {
			return p
		}
	}
	return nil
}
