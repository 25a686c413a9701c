package gui

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/backend"
)

// TestScreenshots writes the README's pictures of the window, drawn by
// Fyne's software painter with the app's own theme. It runs only when
// asked (.ci/screenshots sets OPENIPU_SCREENSHOTS to the output folder):
// pictures are for people to look at, not for a test to compare.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("OPENIPU_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OPENIPU_SCREENSHOTS=<folder> to write screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			w := demoWindow(t, v.variant)
			cams := camerasByState(w)
			// Two new cameras ticked for "Set password" on both; one selected.
			w.tapRow(t, cams[stateNeedsPassword][0].MAC, 0)
			w.tapRow(t, cams[stateNeedsPassword][1].MAC, fyne.KeyModifierControl)
			shoot(t, w, filepath.Join(dir, "main-"+v.name+".png"))

			if v.variant == theme.VariantLight {
				w.untickAll()
				w.tapRow(t, cams[stateUnreachable][0].MAC, 0)
				shoot(t, w, filepath.Join(dir, "details-factory-address.png"))

				for _, d := range []struct {
					file string
					open func()
				}{
					{"add-camera.png", w.showAddCamera},
					{"scan-range.png", w.showScanRange},
					{"network-connections.png", w.showInterfaces},
				} {
					d.open()
					shoot(t, w, filepath.Join(dir, d.file))
					closeOverlays(w)
				}
				// The action dialogs, staged by their own code in a state
				// worth showing, over the simulated office.
				need := cams[stateNeedsPassword]
				for _, s := range DialogShots([2]discovery.Device{need[0], need[1]}, cams[stateReady][0], cams[stateUnreachable][0]) {
					closeIt := s.Open(w)
					shoot(t, w, filepath.Join(dir, "dialog-"+s.Name+".png"))
					closeIt()
					closeOverlays(w)
				}
			}
			// The guided reset's pages (resetwizard_shots_test.go).
			shootWizard(t, w, dir, v.name)
		})
	}

	t.Run("empty", func(t *testing.T) {
		d := newFakeDisc()
		d.setStatus(discovery.Status{Interfaces: office[1:2], NothingHeard: true, What: discovery.MsgNothingFound, Next: discovery.MsgNothingFoundNext})
		w := newTestWindow(t, d)
		w.deps.StartDemo = backend.StartDemo
		applyVariant(w, theme.VariantLight)
		w.ui.until(t, "the status is read", func() bool { return w.status.NothingHeard })
		w.searching = false
		w.refreshStatus()
		shoot(t, w, filepath.Join(dir, "empty.png"))
	})
}

func demoWindow(t *testing.T, variant fyne.ThemeVariant) *testWindow {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	d, err := backend.StartDemoWith(ctx, demo.Options{ComeAndGo: -1})
	if err != nil {
		t.Fatal(err)
	}
	w := newTestWindow(t, d)
	applyVariant(w, variant)
	settledDemo(t, w)
	w.ui.until(t, "the status is read", func() bool { return len(w.status.Interfaces) > 0 })
	w.searching = false
	w.refreshStatus()
	return w
}

func applyVariant(w *testWindow, v fyne.ThemeVariant) {
	w.app.Settings().SetTheme(variantTheme{Theme: apptheme.New(), variant: v})
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

func shoot(t *testing.T, w *testWindow, path string) {
	t.Helper()
	w.win.Resize(fyne.NewSize(1240, 740))
	// The app's driver re-lays out whatever changed size before each frame;
	// the test canvas does not, so do it here, twice, as sizes settle.
	for range 2 {
		relayout(w.win.Content())
		for _, o := range w.win.Canvas().Overlays().List() {
			relayout(o)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, w.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func relayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

func closeOverlays(w *testWindow) {
	for w.win.Canvas().Overlays().Top() != nil {
		w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	}
}
