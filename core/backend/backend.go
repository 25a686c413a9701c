// Package backend is everything OpenIPU's window needs from the world, in
// one value: how cameras are found, reached and changed, where records and
// backups go, and which extras this world offers. cmd/openipu builds one
// for the real network (Network); core/demo builds one for the simulated
// office. The window asks the value what it offers — a nil field is a
// feature not offered — and never looks behind it.
package backend

import (
	"context"
	"net/netip"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// Discoverer finds cameras; *discovery.Engine satisfies it.
type Discoverer interface {
	Run(ctx context.Context) (<-chan discovery.Event, error)
	Refresh()
	AddHost(ctx context.Context, host string) (discovery.Device, error)
	Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error)
	Devices() []discovery.Device
	Status() discovery.Status
}

var _ Discoverer = (*discovery.Engine)(nil)

// PowerSwitch pulls and pushes a camera's power plug: only simulated
// cameras have one the program can reach.
type PowerSwitch interface {
	Unplug(mac string) error
	// Plug powers the camera up; holdingButton is the control button held
	// while it powers up, which resets it to factory settings.
	Plug(mac string, holdingButton bool) error
}

// Backend is the window's world.
type Backend struct {
	// Discovery finds cameras. It runs once; SearchOnly makes a new one.
	Discovery Discoverer
	// SearchOnly returns a new Discoverer, not yet running, that searches
	// only the named network connections (every usable one when names is
	// empty).
	SearchOnly func(names []string) (Discoverer, error)
	// Interfaces lists this computer's network connections.
	Interfaces func() ([]netif.Interface, error)
	// Workflows reach cameras and record what they did through Env.
	Env workflow.Env
	// Admins remembers, while the program runs, which administrator name
	// each camera was given or accepted, so a login offers that name; nil
	// remembers nothing.
	Admins *workflow.AdminNames
	// BackupDir is where settings are saved before a reset.
	BackupDir string
	// Handovers keeps the handover sessions, and Handover is the one the
	// user works in (none at first): Env's recorder passes every entry to
	// it too, so what a workflow does ticks the camera's checklist.
	Handovers *handover.Store
	Handover  *handover.Active
	// Typed keeps the passwords set while the program runs, in memory
	// only, for the credentials sheet the user may ask for; nil keeps
	// none.
	Typed *report.Typed
	// DocumentsDir is where reports are offered to be saved.
	DocumentsDir string
	// AddressInUse tells whether something already answers at addr (the
	// check before giving that address to a camera).
	AddressInUse func(ctx context.Context, addr netip.Addr) bool
	// WebURL is the page to open in a browser for a camera ("" when there
	// is none).
	WebURL func(d discovery.Device) string
	// ARPPing gives a camera an address by its MAC; nil: not offered.
	ARPPing workflow.ARPPinger
	// SecondAddress gives this computer a temporary second address on a
	// camera's network, to reach a camera on the factory address or a
	// link-local one; nil: not offered (the steps to do it by hand still
	// are).
	SecondAddress hostaddr.Adder
	// Power is the simulated cameras' power plugs; nil on a real network.
	Power PowerSwitch
	// Simulated says the cameras are the simulated office.
	Simulated bool
	// Problems are what could not be set up (the certificate store, the
	// journal, the backup folder), for the window to mention; the program
	// still runs, and the actions that need them say so.
	Problems []error
	// PinsUnavailable is why cameras' certificates cannot be remembered
	// (nil when they can). Workflows then refuse to reach a camera over
	// HTTPS without a pin store rather than falling back to HTTP; the
	// window asks the user whether to remember them until it closes
	// (WithPinsInMemory).
	PinsUnavailable error
	// Close releases what the backend holds (the journal's file, the
	// simulated office).
	Close func()
}

// Shutdown calls Close when there is one.
func (b *Backend) Shutdown() {
	if b != nil && b.Close != nil {
		b.Close()
	}
}

// WithPinsInMemory is b with cameras' certificates remembered in memory
// until the program ends, for when the certificate file cannot be used and
// the user agreed to go on without it.
func (b *Backend) WithPinsInMemory() *Backend {
	nb := *b
	nb.Env.Connect = workflow.NewConnector(&vapix.MemoryPins{}, 0)
	nb.PinsUnavailable = nil
	return &nb
}
