package dialogs

import (
	"context"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// fakeHost is the shared stand-in for the main window, with a journal and
// a clock, and whatever it queued run at the end of the test.
type fakeHost struct{ *fakes.Host }

func newFakeHost(t *testing.T) *fakeHost {
	t.Helper()
	h := &fakeHost{fakes.NewHost(t)}
	h.B.Env = workflow.Env{
		Journal: &fakeJournal{},
		Now:     func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
	}
	t.Cleanup(h.UI.Settle)
	return h
}

func (h *fakeHost) journal() *fakeJournal { return h.B.Env.Journal.(*fakeJournal) }
func (h *fakeHost) connectTo(c workflow.Connector) {
	h.Edit(func(b *backend.Backend) { b.Env.Connect = c })
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

// searchWith puts d in the fake's world, with what a searcher offers
// (connections to list and to start over on) when d is one.
func (f *fakeFinder) searchWith(d backend.Discoverer) {
	f.Edit(func(b *backend.Backend) { fakes.UseSearch(b, d) })
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

func (h *fakeHost) loop() *uitest.Loop { return h.UI }

// noSecret fails if pw shows up anywhere in texts.
func noSecret(t *testing.T, where, texts, pw string) {
	t.Helper()
	if strings.Contains(texts, pw) {
		t.Errorf("the password appears in %s", where)
	}
}

// macLost is the camera just reset.
const macLost = "B8A44F7A1004"

// fillPasswords types the administrator's name and the password twice.
func fillPasswords(d *setPasswordDialog, user, pw string) {
	d.user.SetText(user)
	d.password.SetText(pw)
	d.confirm.SetText(pw)
}
