package resetwizard

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

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// fakeHost stands in for the main window. Its Do queues work for the test
// goroutine, which runs it while it waits, as the Fyne goroutine would.
type fakeHost struct {
	win   fyne.Window
	b     backend.Backend
	local []netif.Interface
	ui    *uitest.Loop

	mu      sync.Mutex
	opened  []string
	cameras []discovery.Device
}

func newFakeHost(t *testing.T) *fakeHost {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("the camera list"))
	w.Resize(fyne.NewSize(1000, 900))
	h := &fakeHost{win: w, ui: uitest.NewLoop(), local: hostLAN}
	h.b = backend.Backend{
		BackupDir:  t.TempDir(),
		Interfaces: func() ([]netif.Interface, error) { return h.local, nil },
	}
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

func (h *fakeHost) openedURLs() []string { h.mu.Lock(); defer h.mu.Unlock(); return h.opened }
func (h *fakeHost) SetBusy(string, bool) {}
func (h *fakeHost) Refresh()             {}

// fakeDiscoverer is a search that finds nothing by itself: the tests say
// what the camera list holds.
type fakeDiscoverer struct{}

func (*fakeDiscoverer) Run(context.Context) (<-chan discovery.Event, error) {
	return make(chan discovery.Event), nil
}
func (*fakeDiscoverer) Refresh() {}
func (*fakeDiscoverer) AddHost(context.Context, string) (discovery.Device, error) {
	return discovery.Device{}, nil
}
func (*fakeDiscoverer) Scan(context.Context, netip.Prefix, func(int, int)) (int, error) {
	return 0, nil
}
func (*fakeDiscoverer) Status() discovery.Status    { return discovery.Status{} }
func (*fakeDiscoverer) Devices() []discovery.Device { return nil }

// fakeARPPinger says ARP/Ping is possible, and never sends a packet.
type fakeARPPinger struct{}

func (fakeARPPinger) Available(iface string) (bool, usermsg.Message) {
	return true, usermsg.Message{Text: "This computer can give a camera an address through " + iface + "."}
}

func (fakeARPPinger) Assign(context.Context, arpping.Request, func(arpping.Progress)) error {
	return nil
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

var _ = time.Second
