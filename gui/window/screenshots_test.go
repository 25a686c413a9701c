package window

import (
	"context"
	"net/netip"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// TestScreenshots writes the README's pictures of the window, drawn by
// Fyne's software painter with the app's own theme; the dialogs' and the
// reset wizard's own TestScreenshots draw theirs over it. It runs only when
// asked (.ci/screenshots sets OPENIPU_SCREENSHOTS to the output folder):
// pictures are for people to look at, not for a test to compare.
func TestScreenshots(t *testing.T) {
	dir := uitest.ShotDir(t)
	for _, v := range uitest.Variants {
		t.Run(v.Name, func(t *testing.T) {
			w := demoWindow(t, v.Variant)
			cams := camerasByState(w)
			// Two new cameras ticked for "Set password" on both; one selected.
			w.tapRow(t, cams[stateNeedsPassword][0].MAC, 0)
			w.tapRow(t, cams[stateNeedsPassword][1].MAC, fyne.KeyModifierControl)
			uitest.Shoot(t, w.win, filepath.Join(dir, "main-"+v.Name+".png"))
			shootSmall(t, w, filepath.Join(dir, "main-small-"+v.Name+".png"))

			if v.Variant == theme.VariantLight {
				w.untickAll()
				w.tapRow(t, cams[stateUnreachable][0].MAC, 0)
				uitest.Shoot(t, w.win, filepath.Join(dir, "details-factory-address.png"))

				ready := cams[stateReady][0]
				row := w.rowWidget(t, ready.MAC)
				w.showRowMenu(row.index, fyne.CurrentApp().Driver().AbsolutePositionForObject(row).AddXY(160, row.Size().Height/2))
				uitest.Shoot(t, w.win, filepath.Join(dir, "row-menu.png"))
				closeOverlays(w)

				w.opts.Version = "v1.0.0"
				for _, d := range []struct {
					file string
					open func()
				}{
					{"add-camera.png", w.showAddCamera},
					{"scan-range.png", w.showScanRange},
					{"network-connections.png", w.showInterfaces},
					{"about.png", w.showAbout},
					{"getting-started.png", w.showGuide},
				} {
					d.open()
					uitest.Shoot(t, w.win, filepath.Join(dir, d.file))
					closeOverlays(w)
				}
			}
		})
	}

	// The laptop was opened on Wi-Fi and then plugged into the site's
	// switch, behind whose router an mDNS gateway announces the cameras:
	// the status bar names the new connection, and the selected camera's
	// details name the router that announced it.
	for _, v := range uitest.Variants {
		t.Run("gateway-"+v.Name, func(t *testing.T) {
			wifi := netif.Interface{Name: "wlan0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.20/24")}}
			site := netif.Interface{Name: "eth1", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}
			d := &fakes.Discoverer{}
			d.SetStatus(discovery.Status{Interfaces: []netif.Interface{wifi}})
			w := newTestWindow(t, d)
			applyVariant(w, v.Variant)
			w.ui.Until(t, "the status is read", func() bool { return len(w.status.Interfaces) == 1 })
			w.searching = false
			fleet := fleetOfFive()
			for i := range fleet {
				fleet[i].AnnouncedBy = netip.MustParseAddr("10.0.4.1")
				fleet[i].Interfaces = []string{site.Name}
			}
			d.Send(discovery.Added, fleet...)
			w.waitRows(t, len(fleet))
			d.SetStatus(discovery.Status{Interfaces: []netif.Interface{wifi, site}, Joining: []string{site.Name}})
			w.ui.Until(t, "the new connection is named", func() bool {
				return w.bar.searching.Text == lang.X("discovery.joining", "Searching the new connection {{.Name}}…", map[string]any{"Name": "eth1"})
			})
			w.tapRow(t, fleet[2].MAC, 0)
			// Laid out at the picture's size first, so that scrolling the
			// details to where they say who announced the camera sticks.
			w.win.Resize(uitest.ShotSize)
			uitest.Relayout(w.win.Content())
			w.details.root.ScrollToBottom()
			uitest.Shoot(t, w.win, filepath.Join(dir, "gateway-new-connection-"+v.Name+".png"))
		})
	}

	t.Run("empty", func(t *testing.T) {
		d := &fakes.Discoverer{}
		d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:2], NothingHeard: true, What: discovery.MsgNothingFound, Next: discovery.MsgNothingFoundNext})
		w := newTestWindow(t, d)
		w.opts.StartDemo = func(ctx context.Context) (*backend.Backend, error) { return demo.NewBackend(ctx, demo.Options{}) }
		applyVariant(w, theme.VariantLight)
		w.ui.Until(t, "the status is read", func() bool { return w.status.NothingHeard })
		w.searching = false
		w.refreshStatus()
		uitest.Shoot(t, w.win, filepath.Join(dir, "empty.png"))
	})
}

// shootSmall draws the window at its smallest size, then gives it back
// the usual size.
func shootSmall(t *testing.T, w *testWindow, path string) {
	t.Helper()
	usual := uitest.ShotSize
	uitest.ShotSize = minWindow
	defer func() { uitest.ShotSize = usual }()
	uitest.Shoot(t, w.win, path)
	w.win.Resize(usual)
}

func demoWindow(t *testing.T, variant fyne.ThemeVariant) *testWindow {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w := newTestWindowOn(t, startOffice(t, ctx, demo.Options{ComeAndGo: -1}))
	applyVariant(w, variant)
	settledDemo(t, w)
	w.ui.Until(t, "the status is read", func() bool { return len(w.status.Interfaces) > 0 })
	w.searching = false
	w.refreshStatus()
	return w
}

func applyVariant(w *testWindow, v fyne.ThemeVariant) {
	w.app.Settings().SetTheme(uitest.Pinned(apptheme.New(), v))
	w.win.Content().Refresh()
}

func camerasByState(w *testWindow) map[camState][]discovery.Device {
	out := map[camState][]discovery.Device{}
	for _, mac := range w.rows.view {
		d := w.rows.byMAC[mac]
		out[w.rows.state(d)] = append(out[w.rows.state(d)], d)
	}
	return out
}

func closeOverlays(w *testWindow) {
	for w.win.Canvas().Overlays().Top() != nil {
		w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	}
}
