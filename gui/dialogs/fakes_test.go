package dialogs

import (
	"context"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// fakeHost stands in for the main window. Its Do queues work for the
// test goroutine, which runs it while it waits (waitRun), as the Fyne
// goroutine would.
type fakeHost struct {
	win   fyne.Window
	b     backend.Backend
	local []netif.Interface
	ui    *uitest.Loop

	mu        sync.Mutex
	busy      map[string]bool
	busyEver  map[string]bool
	refreshes int
	opened    []string
	openFails error
	cameras   []discovery.Device
}

func newFakeHost(t *testing.T) *fakeHost {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("the camera list"))
	w.Resize(fyne.NewSize(1000, 900))
	h := &fakeHost{
		win:      w,
		ui:       uitest.NewLoop(),
		busy:     map[string]bool{},
		busyEver: map[string]bool{},
		local: []netif.Interface{{
			Name: "eth0", Up: true, Multicast: true,
			Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.10/24")},
		}},
	}
	h.b = backend.Backend{
		Env: workflow.Env{
			Journal: &fakeJournal{},
			Now:     func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		},
		BackupDir:  t.TempDir(),
		Interfaces: func() ([]netif.Interface, error) { return h.local, nil },
	}
	t.Cleanup(h.ui.Settle)
	return h
}

func (h *fakeHost) Window() fyne.Window { return h.win }
func (h *fakeHost) Do(f func())         { h.ui.Do(f) }

// Backend is the fake's world, on the fake's own computer.
func (h *fakeHost) Backend() *backend.Backend {
	h.mu.Lock()
	defer h.mu.Unlock()
	b := h.b
	return &b
}

func (h *fakeHost) OpenURL(u *url.URL) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.openFails != nil {
		return h.openFails
	}
	h.opened = append(h.opened, u.String())
	return nil
}

func (h *fakeHost) Cameras() []discovery.Device {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.cameras)
}

func (h *fakeHost) Camera(mac string) (discovery.Device, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, d := range h.cameras {
		if d.MAC == mac {
			return d, true
		}
	}
	return discovery.Device{}, false
}

// setCameras replaces the camera list, as the window's does when
// discovery reports.
func (h *fakeHost) setCameras(devs ...discovery.Device) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cameras = devs
}

func (h *fakeHost) journal() *fakeJournal { return h.b.Env.Journal.(*fakeJournal) }
func (h *fakeHost) connectTo(c workflow.Connector) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.b.Env.Connect = c
}
func (h *fakeHost) openedURLs() []string    { h.mu.Lock(); defer h.mu.Unlock(); return h.opened }
func (h *fakeHost) refreshCount() int       { h.mu.Lock(); defer h.mu.Unlock(); return h.refreshes }
func (h *fakeHost) wasBusy(mac string) bool { h.mu.Lock(); defer h.mu.Unlock(); return h.busyEver[mac] }
func (h *fakeHost) isBusy(mac string) bool  { h.mu.Lock(); defer h.mu.Unlock(); return h.busy[mac] }
func (h *fakeHost) Refresh()                { h.mu.Lock(); defer h.mu.Unlock(); h.refreshes++ }
func (h *fakeHost) SetBusy(mac string, on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.busy[mac] = on
	h.busyEver[mac] = h.busyEver[mac] || on
}

// fakeFinder is the window's search, for the dialogs that add to it or
// start it over.
type fakeFinder struct {
	*fakeHost
	disc     backend.Discoverer
	session  int
	searched []netif.Interface

	found       [][]discovery.Device
	searchWiths []backend.Discoverer
}

func newFakeFinder(t *testing.T, d backend.Discoverer) *fakeFinder {
	t.Helper()
	f := &fakeFinder{fakeHost: newFakeHost(t), disc: d, session: 1}
	f.searchWith(d)
	return f
}

func (f *fakeFinder) Search() (backend.Discoverer, int) { return f.disc, f.session }
func (f *fakeFinder) Searched() []netif.Interface       { return f.searched }
func (f *fakeFinder) Found(session int, devs ...discovery.Device) {
	if session == f.session {
		f.found = append(f.found, devs)
	}
}
func (f *fakeFinder) SearchWith(d backend.Discoverer) {
	f.searchWiths = append(f.searchWiths, d)
	f.disc = d
	f.searchWith(d)
	f.session++
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

// Encrypted: the fake stands for a camera reached over HTTPS.
func (c *fakeClient) Encrypted() bool { return true }

// connectFake hands out the same fake client for every camera.
func connectFake(c *fakeClient) workflow.Connector {
	return func(context.Context, workflow.Target, workflow.ConnectOptions) (workflow.Client, error) {
		return c, nil
	}
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
func connectSims(cams ...*camsim.Camera) workflow.Connector {
	pins := &vapix.MemoryPins{}
	return func(_ context.Context, t workflow.Target, o workflow.ConnectOptions) (workflow.Client, error) {
		for _, c := range cams {
			if c.MAC() == t.MAC {
				return vapix.New(c.HTTPSURL(), vapix.Options{Pins: pins, Serial: c.MAC(), AcceptNewCertificate: o.AcceptNewCertificate})
			}
		}
		return vapix.New("http://127.0.0.1:1", vapix.Options{Timeout: time.Second})
	}
}

// waitRun runs the Fyne side of the dialog until its work has finished
// and what it found is on screen.
func waitRun(t *testing.T, f *frame) {
	t.Helper()
	if !f.running {
		t.Fatal("nothing was started")
	}
	f.h.(interface{ loop() *uitest.Loop }).loop().UntilWithin(t, time.Minute, "the dialog's work has finished and is shown", func() bool { return !f.running })
}

func (h *fakeHost) loop() *uitest.Loop { return h.ui }

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

// fakeDiscoverer lists whatever devices a test gives it, and adds and
// scans as the test says.
type fakeDiscoverer struct {
	mu        sync.Mutex
	devices   []discovery.Device
	refreshes int
	addHost   func(ctx context.Context, host string) (discovery.Device, error)
	scan      func(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error)
}

func (f *fakeDiscoverer) Run(context.Context) (<-chan discovery.Event, error) {
	return make(chan discovery.Event), nil
}
func (f *fakeDiscoverer) Refresh() { f.mu.Lock(); defer f.mu.Unlock(); f.refreshes++ }
func (f *fakeDiscoverer) AddHost(ctx context.Context, host string) (discovery.Device, error) {
	if f.addHost != nil {
		return f.addHost(ctx, host)
	}
	return discovery.Device{}, nil
}
func (f *fakeDiscoverer) Scan(ctx context.Context, p netip.Prefix, progress func(int, int)) (int, error) {
	if f.scan != nil {
		return f.scan(ctx, p, progress)
	}
	return 0, nil
}
func (f *fakeDiscoverer) Status() discovery.Status { return discovery.Status{} }
func (f *fakeDiscoverer) Devices() []discovery.Device {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]discovery.Device(nil), f.devices...)
}

// fakeSearcher can also start over on chosen network connections.
type fakeSearcher struct {
	*fakeDiscoverer
	all []netif.Interface

	mu    sync.Mutex
	asked [][]string
	next  []*fakeSearcher
}

func (f *fakeSearcher) AllInterfaces() ([]netif.Interface, error) { return f.all, nil }

// searchWith puts d in the fake's world, with what a searcher offers
// (connections to list and to start over on) when d is one.
func (f *fakeFinder) searchWith(d backend.Discoverer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.b.Discovery, f.b.SearchOnly = d, nil
	if s, ok := d.(*fakeSearcher); ok {
		f.b.SearchOnly, f.b.Interfaces = s.SearchOnly, s.AllInterfaces
	}
}

func (f *fakeSearcher) SearchOnly(names []string) (backend.Discoverer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := netif.Select(f.all, names); err != nil {
		return nil, err
	}
	f.asked = append(f.asked, slices.Clone(names))
	n := &fakeSearcher{fakeDiscoverer: &fakeDiscoverer{}, all: f.all}
	f.next = append(f.next, n)
	return n, nil
}

// office is a computer with a wired connection, a VPN, loopback and a
// Wi-Fi adapter that is off.
var office = []netif.Interface{
	{Name: "lo", Up: true, Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
	{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}},
	{Name: "tailscale0", Up: true, Multicast: true, Virtual: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("100.90.1.2/32")}},
	{Name: "wlan0", Up: false, Multicast: true},
}

// hostLAN is the fake host's computer (newFakeHost): 192.168.1.10/24.
var hostLAN = []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.10/24")}}}

// wizardCam is a camera as the engine lists it, seen from hostLAN: probed
// when it is on the computer's network, unanswered elsewhere.
func wizardCam(mac string, setup discovery.Setup, ips ...string) discovery.Device {
	var addrs []netip.Addr
	for _, ip := range ips {
		addrs = append(addrs, netip.MustParseAddr(ip))
	}
	probe := discovery.ProbeFailed
	if len(addrs) > 0 && hostLAN[0].Contains(addrs[0]) {
		probe = discovery.ProbeAnswered
	}
	d := discovery.Device{
		MAC: mac, Serial: mac, Model: "AXIS P3265-LVE", FullName: "AXIS P3265-LVE Dome Camera", Firmware: "12.9.57",
		Addresses: addrs, HTTPPort: 80, Setup: setup, Interfaces: []string{"eth0"},
		Sources:   []discovery.Source{discovery.SourceMDNS},
		FirstSeen: time.Date(2026, 11, 26, 11, 0, 0, 0, time.UTC), LastSeen: time.Date(2026, 11, 26, 11, 59, 0, 0, time.UTC),
		Enriched:  probe == discovery.ProbeAnswered,
		Diagnosis: discovery.Diagnose(addrs, hostLAN, probe),
	}
	if len(addrs) > 0 {
		d.HTTPURL = "http://" + addrs[0].String() + "/"
	}
	return d
}

// macLost is the camera just reset.
const macLost = "B8A44F7A1004"

// topDialog is every text on the dialog on top.
func topDialog(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(shownTexts(top), "\n")
}

// fillPasswords types the administrator's name and the password twice.
func fillPasswords(d *setPasswordDialog, user, pw string) {
	d.user.SetText(user)
	d.password.SetText(pw)
	d.confirm.SetText(pw)
}
