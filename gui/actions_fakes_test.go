package gui

import (
	"context"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/backend"
	"github.com/openipu/openipu/gui/widgets"
)

// fakeHost stands in for the main window.
type fakeHost struct {
	win   fyne.Window
	deps  backend.Deps
	local []netif.Interface

	mu        sync.Mutex
	busy      map[string]bool
	busyEver  map[string]bool
	refreshes int
	opened    []string
}

func newFakeHost(t *testing.T) *fakeHost {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("the camera list"))
	w.Resize(fyne.NewSize(1000, 900))
	h := &fakeHost{
		win:      w,
		busy:     map[string]bool{},
		busyEver: map[string]bool{},
		local: []netif.Interface{{
			Name: "eth0", Up: true, Multicast: true,
			Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.10/24")},
		}},
	}
	h.deps = backend.Deps{
		Journal:   &fakeJournal{},
		BackupDir: t.TempDir(),
		Now:       func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		OpenURL: func(u *url.URL) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.opened = append(h.opened, u.String())
			return nil
		},
	}
	return h
}

func (h *fakeHost) Window() fyne.Window { return h.win }

// Backend is what the fake's Deps offer with its Discovery, on the fake's
// own computer.
func (h *fakeHost) Backend() backend.Backend {
	b := h.deps.For(h.deps.Discovery)
	b.Interfaces = func() ([]netif.Interface, error) { return h.local, nil }
	return b
}

func (h *fakeHost) Local() []netif.Interface      { return h.local }
func (h *fakeHost) journal() *fakeJournal         { return h.deps.Journal.(*fakeJournal) }
func (h *fakeHost) connectTo(c backend.Connector) { h.deps.Connect = c }
func (h *fakeHost) openedURLs() []string          { h.mu.Lock(); defer h.mu.Unlock(); return h.opened }
func (h *fakeHost) refreshCount() int             { h.mu.Lock(); defer h.mu.Unlock(); return h.refreshes }
func (h *fakeHost) wasBusy(mac string) bool       { h.mu.Lock(); defer h.mu.Unlock(); return h.busyEver[mac] }
func (h *fakeHost) isBusy(mac string) bool        { h.mu.Lock(); defer h.mu.Unlock(); return h.busy[mac] }
func (h *fakeHost) Refresh()                      { h.mu.Lock(); defer h.mu.Unlock(); h.refreshes++ }
func (h *fakeHost) SetBusy(mac string, on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.busy[mac] = on
	h.busyEver[mac] = h.busyEver[mac] || on
}

// fakeJournal keeps entries in memory.
type fakeJournal struct {
	mu      sync.Mutex
	entries []journal.Entry
	fail    error
}

func (j *fakeJournal) Append(e journal.Entry) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fail != nil {
		return j.fail
	}
	j.entries = append(j.entries, e)
	return nil
}

func (j *fakeJournal) all() []journal.Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]journal.Entry(nil), j.entries...)
}

// fakeClient is a camera client whose answers each test chooses. Methods
// left nil succeed.
type fakeClient struct {
	mu       sync.Mutex
	user, pw string
	calls    []string

	createFirst func(ctx context.Context, user, pw string) (vapix.AccountResult, error)
	verify      func(ctx context.Context, user, pw string) error
	identify    func(ctx context.Context) (vapix.Identity, error)
	reset       func(ctx context.Context, mode vapix.ResetMode) error
	restart     func(ctx context.Context) error
	wait        func(ctx context.Context, progress func(vapix.RebootProgress)) (vapix.SystemReady, error)
	listParams  func(ctx context.Context) ([]vapix.Param, []byte, error)
	setNetwork  func(ctx context.Context, cfg vapix.NetworkConfig) error
}

func (c *fakeClient) called(what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, what)
}

func (c *fakeClient) callList() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.calls...)
}

func (c *fakeClient) SetCredentials(user, pw string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.user, c.pw = user, pw
}

func (c *fakeClient) creds() (string, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user, c.pw
}

func (c *fakeClient) Identify(ctx context.Context) (vapix.Identity, error) {
	c.called("Identify")
	if c.identify != nil {
		return c.identify(ctx)
	}
	return vapix.Identity{}, nil
}

func (c *fakeClient) SystemReady(ctx context.Context) (vapix.SystemReady, error) {
	c.called("SystemReady")
	return vapix.SystemReady{Ready: true, BootID: "before"}, nil
}

func (c *fakeClient) CreateFirstAccount(ctx context.Context, user, pw string) (vapix.AccountResult, error) {
	c.called("CreateFirstAccount")
	if c.createFirst != nil {
		return c.createFirst(ctx, user, pw)
	}
	return vapix.AccountResult{User: user, Verified: true}, nil
}

func (c *fakeClient) VerifyLogin(ctx context.Context) error {
	c.called("VerifyLogin")
	if c.verify != nil {
		u, p := c.creds()
		return c.verify(ctx, u, p)
	}
	return nil
}

func (c *fakeClient) FactoryDefault(ctx context.Context, mode vapix.ResetMode) error {
	c.called("FactoryDefault " + string(mode))
	if c.reset != nil {
		return c.reset(ctx, mode)
	}
	return nil
}

func (c *fakeClient) Restart(ctx context.Context) error {
	c.called("Restart")
	if c.restart != nil {
		return c.restart(ctx)
	}
	return nil
}

func (c *fakeClient) WaitForReboot(ctx context.Context, before vapix.SystemReady, timeout time.Duration, progress func(vapix.RebootProgress)) (vapix.SystemReady, error) {
	c.called("WaitForReboot")
	if c.wait != nil {
		return c.wait(ctx, progress)
	}
	progress(vapix.RebootProgress{Phase: vapix.RebootBack})
	return vapix.SystemReady{Ready: true, NeedsSetup: true}, nil
}

func (c *fakeClient) ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error) {
	c.called("ListParams")
	if c.listParams != nil {
		return c.listParams(ctx)
	}
	return []vapix.Param{{Name: "root.Brand.Brand", Value: "AXIS"}}, []byte("root.Brand.Brand=AXIS\n"), nil
}

func (c *fakeClient) SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error {
	c.called("SetNetwork")
	if c.setNetwork != nil {
		return c.setNetwork(ctx, cfg)
	}
	return nil
}

func (c *fakeClient) Close() {}

// connectFake hands out the same fake client for every camera.
func connectFake(c *fakeClient) backend.Connector {
	return func(discovery.Device, backend.ConnectOptions) (backend.CameraClient, error) { return c, nil }
}

// startSim starts a simulated camera that restarts quickly.
func startSim(t *testing.T, cfg camsim.Config) *camsim.Camera {
	t.Helper()
	if cfg.ResetDowntime == 0 {
		cfg.ResetDowntime = 300 * time.Millisecond
	}
	cam, err := camsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cam.Close() })
	return cam
}

// simDevice is the camera as discovery would have listed it.
func simDevice(cam *camsim.Camera) discovery.Device {
	u, _ := url.Parse(cam.HTTPURL())
	setup := discovery.SetupDone
	if cam.Snapshot().NeedsSetup {
		setup = discovery.SetupNeeded
	}
	return discovery.Device{
		MAC: cam.MAC(), Serial: cam.MAC(), Model: "AXIS " + cam.Model(),
		Firmware:  cam.Generation().FirmwareVersion(),
		Addresses: []netip.Addr{netip.MustParseAddr(u.Hostname())},
		HTTPURL:   cam.HTTPURL(), Setup: setup,
	}
}

// connectSims opens a real VAPIX client over loopback to the simulated
// camera with the device's MAC.
func connectSims(cams ...*camsim.Camera) backend.Connector {
	return func(d discovery.Device, o backend.ConnectOptions) (backend.CameraClient, error) {
		for _, c := range cams {
			if c.MAC() == d.MAC {
				return vapix.New(c.HTTPURL(), vapix.Options{Serial: c.MAC(), AcceptNewCertificate: o.AcceptNewCertificate})
			}
		}
		return vapix.New("http://127.0.0.1:1", vapix.Options{Timeout: time.Second})
	}
}

// waitRun waits until the dialog's work is finished and shown.
func waitRun(t *testing.T, f *actionFrame) {
	t.Helper()
	if f.done == nil {
		t.Fatal("nothing was started")
	}
	select {
	case <-f.done:
	case <-time.After(60 * time.Second):
		t.Fatal("the dialog's work did not finish within a minute")
	}
}

// shownTexts is every piece of text the object draws, widgets' own text
// and what their renderers paint, entries included.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *widget.Label:
			out = append(out, v.Text)
		case *widgets.EscEntry:
			out = append(out, v.Text, v.PlaceHolder)
		case *widget.Entry:
			out = append(out, v.Text, v.PlaceHolder)
		case *widget.Button:
			out = append(out, v.Text)
		case *widgets.EscButton:
			out = append(out, v.Text)
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// overlayTexts is everything on the window's dialogs.
func overlayTexts(w fyne.Window) string {
	var all []string
	for _, o := range w.Canvas().Overlays().List() {
		all = append(all, shownTexts(o)...)
	}
	return strings.Join(all, "\n")
}

// drawnTexts is only what is painted: a password entry paints dots.
func drawnTexts(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
}

// noSecret fails if pw shows up anywhere in texts.
func noSecret(t *testing.T, where, texts, pw string) {
	t.Helper()
	if strings.Contains(texts, pw) {
		t.Errorf("the password appears in %s", where)
	}
}

// fakeDiscoverer lists whatever devices a test gives it.
type fakeDiscoverer struct {
	mu        sync.Mutex
	devices   []discovery.Device
	refreshes int
}

func (f *fakeDiscoverer) Run(context.Context) (<-chan discovery.Event, error) {
	return make(chan discovery.Event), nil
}
func (f *fakeDiscoverer) Refresh() { f.mu.Lock(); defer f.mu.Unlock(); f.refreshes++ }
func (f *fakeDiscoverer) AddHost(context.Context, string) (discovery.Device, error) {
	return discovery.Device{}, nil
}
func (f *fakeDiscoverer) Scan(context.Context, netip.Prefix, func(int, int)) (int, error) {
	return 0, nil
}
func (f *fakeDiscoverer) Status() discovery.Status { return discovery.Status{} }
func (f *fakeDiscoverer) Devices() []discovery.Device {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]discovery.Device(nil), f.devices...)
}
func (f *fakeDiscoverer) set(d ...discovery.Device) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.devices = d
}
