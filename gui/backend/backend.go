// Package backend is the window's way to the world outside gui/: the small
// interfaces it drives cameras through, what cmd/openipu hands the window
// (Deps), and what the search in use offers beyond finding cameras
// (Backend). It also builds the real search and connector, and the
// simulated office.
//
// It is the one part of gui/ that builds connectors, opens the demo's
// journal and folders, dials, or asks a Discoverer what else it can do, so
// that core/backend, which does all of that for every front end, can take
// its place by changing this package and the import lines that name it.
package backend

import (
	"context"
	"net/netip"
	"net/url"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// The window reaches core/ only through these small interfaces, so tests can
// drive it with fakes and gui/ holds no protocol code.

// Discoverer finds cameras; *discovery.Engine satisfies it.
type Discoverer interface {
	Run(ctx context.Context) (<-chan discovery.Event, error)
	Refresh()
	AddHost(ctx context.Context, host string) (discovery.Device, error)
	Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error)
	Devices() []discovery.Device
	Status() discovery.Status
}

// CameraClient is one camera's VAPIX client; *vapix.Client satisfies it.
type CameraClient interface {
	SetCredentials(user, password string)
	Identify(ctx context.Context) (vapix.Identity, error)
	SystemReady(ctx context.Context) (vapix.SystemReady, error)
	CreateFirstAccount(ctx context.Context, user, password string) (vapix.AccountResult, error)
	VerifyLogin(ctx context.Context) error
	FactoryDefault(ctx context.Context, mode vapix.ResetMode) error
	Restart(ctx context.Context) error
	WaitForReboot(ctx context.Context, before vapix.SystemReady, timeout time.Duration, progress func(vapix.RebootProgress)) (vapix.SystemReady, error)
	ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error)
	SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error
	Close()
}

// ConnectOptions say how to open a camera.
type ConnectOptions struct {
	// AcceptNewCertificate: the camera was just factory-reset, so a new
	// HTTPS certificate is expected.
	AcceptNewCertificate bool
}

// Connector opens a client for a discovered camera (its best address and
// HTTP port; HTTPS with certificate pinning where it makes sense).
type Connector func(d discovery.Device, opts ConnectOptions) (CameraClient, error)

// Journal records what was done, for the handover checklist;
// *journal.Journal satisfies it.
type Journal interface {
	Append(e journal.Entry) error
}

// PowerSwitch pulls and pushes a camera's power plug: only the simulated
// office has one the program can reach.
type PowerSwitch interface {
	// Unplug cuts the camera's power.
	Unplug(mac string) error
	// Plug gives it back, with the control button held (a factory reset)
	// or not.
	Plug(mac string, holdingButton bool) error
}

// ARPPing gives a camera an address by its MAC ("Assign IP by serial
// number"): Available says whether this computer can do it through a
// network connection, and why not; Assign does it.
type ARPPing struct {
	Available func(iface string) (bool, usermsg.Message)
	Assign    func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error
}

// Deps are everything the window needs from outside gui/. cmd/openipu
// builds the real ones; tests build fakes.
type Deps struct {
	Discovery Discoverer
	Connect   Connector
	Journal   Journal
	// BackupDir is where settings backups are saved before a reset.
	BackupDir string
	// OpenURL opens a web page or a file in the system's default program
	// (fyne.App.OpenURL in the real app).
	OpenURL func(*url.URL) error
	// StartDemo, when set, starts the built-in simulated fleet and returns a
	// Discoverer for it ("Try with simulated cameras" in the empty state).
	StartDemo func(ctx context.Context) (Discoverer, error)
	// Now is the clock (tests fix it).
	Now func() time.Time
	// OnFirstCamera, when set, is called once, on Fyne's goroutine, when
	// the table first shows a camera (the start-up measurement).
	OnFirstCamera func()
}

// Backend is what the window and its dialogs use while one search runs:
// the Deps, with what that search's Discoverer offers beyond finding
// cameras filled in. A nil func or PowerSwitch is a feature not offered.
type Backend struct {
	// Discovery finds cameras. It runs once; SearchOnly makes a new one.
	Discovery Discoverer
	// SearchOnly returns a new Discoverer, not yet running, that searches
	// only the named network connections (every usable one when names is
	// empty) ("Choose network connections…").
	SearchOnly func(names []string) (Discoverer, error)
	// Interfaces lists this computer's network connections (the simulated
	// computer's, with the simulated office).
	Interfaces func() ([]netif.Interface, error)
	// Connect opens a camera.
	Connect Connector
	// Journal and BackupDir are where what is done to cameras is recorded
	// and backed up.
	Journal   Journal
	BackupDir string
	// AddressInUse says whether something already answers at addr (the
	// check before an address is given to a camera).
	AddressInUse func(ctx context.Context, addr netip.Addr) bool
	// ARPPing gives a camera an address by its MAC.
	ARPPing ARPPing
	// Power is the simulated cameras' power plugs; nil on a real network.
	Power PowerSwitch
	// Simulated says the cameras are the simulated office.
	Simulated bool
	// OpenURL and Now are the Deps'.
	OpenURL func(*url.URL) error
	Now     func() time.Time
}

var (
	_ Discoverer   = (*discovery.Engine)(nil)
	_ CameraClient = (*vapix.Client)(nil)
	_ Journal      = (*journal.Journal)(nil)
)
