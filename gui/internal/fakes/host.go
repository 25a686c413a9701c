// Package fakes holds the stand-ins the gui packages' tests share: the
// main window as the dialogs and the reset wizard see it, a camera search
// that the test drives, and the computers and cameras they are tried on.
// Only tests import it, so none of it is built into the program.
package fakes

import (
	"net/netip"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// Host stands in for the main window. Its Do queues work for the test
// goroutine, which runs it while it waits, as the Fyne goroutine would.
type Host struct {
	Win fyne.Window
	UI  *uitest.Loop
	// B is the world Backend hands out. Tests set it before the work under
	// test starts, and through Edit once work may be reading it.
	B backend.Backend
	// Local is this computer's network connections, as B.Interfaces lists
	// them.
	Local []netif.Interface
	// OpenFails, when set, is what OpenURL fails with.
	OpenFails error

	mu        sync.Mutex
	busy      map[string]bool
	busyEver  map[string]bool
	refreshes int
	opened    []string
	cameras   []discovery.Device
	guided    []discovery.Device
}

// NewHost is a host on HostLAN whose window shows only a label, with a
// fresh folder for backups.
func NewHost(t *testing.T) *Host {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("the camera list"))
	w.Resize(fyne.NewSize(1000, 900))
	h := &Host{
		Win:      w,
		UI:       uitest.NewLoop(),
		Local:    HostLAN,
		busy:     map[string]bool{},
		busyEver: map[string]bool{},
	}
	h.B = backend.Backend{
		Admins:     workflow.NewAdminNames(),
		BackupDir:  t.TempDir(),
		Interfaces: func() ([]netif.Interface, error) { return h.Local, nil },
	}
	return h
}

func (h *Host) Window() fyne.Window { return h.Win }
func (h *Host) Do(f func())         { h.UI.Do(f) }

// Backend is a copy of B, as the window hands out its own.
func (h *Host) Backend() *backend.Backend {
	h.mu.Lock()
	defer h.mu.Unlock()
	b := h.B
	return &b
}

// Edit changes B while work under test may be reading it.
func (h *Host) Edit(f func(b *backend.Backend)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f(&h.B)
}

func (h *Host) OpenURL(u *url.URL) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.OpenFails != nil {
		return h.OpenFails
	}
	h.opened = append(h.opened, u.String())
	return nil
}

// OpenedURLs are the web pages OpenURL was asked to open.
func (h *Host) OpenedURLs() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.opened)
}

// GuidedReset records that the guided physical reset was asked for; the
// window opens it.
func (h *Host) GuidedReset(cam discovery.Device) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.guided = append(h.guided, cam)
}

// GuidedResets are the cameras the guided reset was opened for.
func (h *Host) GuidedResets() []discovery.Device {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.guided)
}

func (h *Host) Cameras() []discovery.Device {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.cameras)
}

func (h *Host) Camera(mac string) (discovery.Device, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, d := range h.cameras {
		if d.MAC == mac {
			return d, true
		}
	}
	return discovery.Device{}, false
}

// SetCameras replaces the camera list, as the window's does when
// discovery reports.
func (h *Host) SetCameras(devs ...discovery.Device) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cameras = devs
}

func (h *Host) Refresh() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.refreshes++
}

// RefreshCount is how often the camera list was asked to refresh.
func (h *Host) RefreshCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.refreshes
}

func (h *Host) SetBusy(mac string, on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.busy[mac] = on
	h.busyEver[mac] = h.busyEver[mac] || on
}

// IsBusy says whether the camera is marked busy now, WasBusy whether it
// ever was.
func (h *Host) IsBusy(mac string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.busy[mac]
}

func (h *Host) WasBusy(mac string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.busyEver[mac]
}

// HostLAN is NewHost's computer: 192.168.1.10/24 on eth0.
var HostLAN = []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.10/24")}}}

// Office is a computer with a wired connection, a VPN, loopback and a
// Wi-Fi adapter that is off.
var Office = []netif.Interface{
	{Name: "lo", Up: true, Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
	{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}},
	{Name: "tailscale0", Up: true, Multicast: true, Virtual: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("100.90.1.2/32")}},
	{Name: "wlan0", Up: false, Multicast: true},
}

// Camera is a camera as the engine lists it, seen from HostLAN: probed
// when it is on the computer's network, unanswered elsewhere.
func Camera(mac string, setup discovery.Setup, ips ...string) discovery.Device {
	var addrs []netip.Addr
	for _, ip := range ips {
		addrs = append(addrs, netip.MustParseAddr(ip))
	}
	probe := discovery.ProbeFailed
	if len(addrs) > 0 && HostLAN[0].Contains(addrs[0]) {
		probe = discovery.ProbeAnswered
	}
	d := discovery.Device{
		MAC: mac, Serial: mac, Model: "AXIS P3265-LVE", FullName: "AXIS P3265-LVE Dome Camera", Firmware: "12.9.57",
		Addresses: addrs, HTTPPort: 80, Setup: setup, Interfaces: []string{"eth0"},
		Sources:   []discovery.Source{discovery.SourceMDNS},
		FirstSeen: time.Date(2026, 11, 26, 11, 0, 0, 0, time.UTC), LastSeen: time.Date(2026, 11, 26, 11, 59, 0, 0, time.UTC),
		Enriched:  probe == discovery.ProbeAnswered,
		Diagnosis: discovery.Diagnose(addrs, HostLAN, probe),
	}
	if len(addrs) > 0 {
		d.HTTPURL = "http://" + addrs[0].String() + "/"
	}
	return d
}
