// Package dialogs holds the window's dialogs and the one frame they are all
// built on: the action dialogs (set password, factory default, assign IP
// address, restart, ARP/Ping, open in browser, copy details) and the
// window's own (add camera, scan a range, choose network connections).
//
// Open them on the Fyne goroutine (from a button, menu or shortcut); they
// return at once and do their network work on goroutines of their own,
// handing what they show back through Host.Do.
package dialogs

import (
	"net/url"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// Host is what a dialog needs from the main window.
type Host interface {
	Window() fyne.Window
	// Do runs fn on the Fyne goroutine: fyne.Do in the app, the test's
	// own loop in tests. Safe from any goroutine.
	Do(fn func())
	// Backend is the world the dialogs work in (the real network or the
	// simulated office), with the search running now. Safe from any
	// goroutine.
	Backend() *backend.Backend
	// OpenURL opens a web page or a file in the system's default program.
	OpenURL(u *url.URL) error
	// Cameras is the camera list as the window shows it, and Camera one
	// camera from it by MAC: after a change the list may know a camera at
	// a newer address. Safe from any goroutine.
	Cameras() []discovery.Device
	Camera(mac string) (discovery.Device, bool)
	// SetBusy marks a camera as busy in the table while an action runs.
	// Safe from any goroutine.
	SetBusy(mac string, busy bool)
	// Refresh searches again (after an address change or a reset). Safe
	// from any goroutine.
	Refresh()
}

// GuidedResetter is a Host that can open the guided reset with the
// camera's control button, for a camera whose password nobody knows. The
// dialogs offer the way there only when their host has it. Fyne goroutine
// only.
type GuidedResetter interface {
	GuidedReset(cam discovery.Device)
}

// guidedResetOf is h's guided reset, or nil.
func guidedResetOf(h Host) func(discovery.Device) {
	if g, ok := h.(GuidedResetter); ok {
		return g.GuidedReset
	}
	return nil
}

// Finder is the window's search, for the dialogs that add to it or start
// it over.
type Finder interface {
	Host
	// Search is the search running now, and a token for it.
	Search() (d backend.Discoverer, session int)
	// Found shows cameras found through the search with that token, and
	// selects the first; nothing happens once another search has taken its
	// place.
	Found(session int, devs ...discovery.Device)
	// Searched is the network connections being searched.
	Searched() []netif.Interface
	// SearchWith replaces the search with d.
	SearchWith(d backend.Discoverer)
}

// Local lists this computer's network connections (the simulated
// computer's, with the simulated office); none when they cannot be read.
func Local(b *backend.Backend) []netif.Interface {
	if b == nil || b.Interfaces == nil {
		return nil
	}
	all, err := b.Interfaces()
	if err != nil {
		return nil
	}
	return all
}
