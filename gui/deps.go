package gui

import (
	"context"
	"net/netip"
	"net/url"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
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

var (
	_ Discoverer   = (*discovery.Engine)(nil)
	_ CameraClient = (*vapix.Client)(nil)
	_ Journal      = (*journal.Journal)(nil)
)
