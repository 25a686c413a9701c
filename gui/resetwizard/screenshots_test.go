package resetwizard_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/gui/internal/shots"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/resetwizard"
)

// shortWindow is the smallest window OpenIPU allows, as tall as a small
// laptop's screen less the taskbar: the wizard must show what to press
// there too.
var shortWindow = fyne.NewSize(900, 600)

// TestScreenshots writes docs/screenshots/wizard-*.png over the window on
// the simulated office: every page in the light theme, the hold step and
// the outcome in the dark one, and the count in a short window. It runs
// only when asked (.ci/screenshots sets OPENIPU_SCREENSHOTS to the output
// folder).
func TestScreenshots(t *testing.T) {
	dir := uitest.ShotDir(t)
	for _, v := range uitest.Variants {
		t.Run(v.Name, func(t *testing.T) {
			o := shots.DemoOffice(t, v.Variant, quietOffice)
			for _, s := range resetwizard.Shots(o.Ready[0]) {
				if s.Name == "5-hold-counting" && v.Variant == theme.VariantLight {
					// The wizard takes its size from the window it opens on.
					win := o.Window.Window()
					win.Resize(shortWindow)
					closeIt := s.Open(o.Window)
					shootAsIs(t, win, filepath.Join(dir, "wizard-"+s.Name+"-short-window.png"))
					closeIt()
					o.Close()
					win.Resize(uitest.ShotSize)
				}
				name := "wizard-" + s.Name + ".png"
				if v.Variant != theme.VariantLight {
					if s.Name != "5-hold-amber" && s.Name != "7-back" {
						continue
					}
					name = "wizard-" + s.Name + "-" + v.Name + ".png"
				}
				closeIt := s.Open(o.Window)
				uitest.Shoot(t, o.Window.Window(), filepath.Join(dir, name))
				closeIt()
				o.Close()
			}
		})
	}
}

// shootAsIs writes what win shows to path as a PNG, at the window's own
// size (uitest.Shoot makes it the screenshots' size first).
func shootAsIs(t *testing.T, win fyne.Window, path string) {
	t.Helper()
	for range 2 {
		uitest.Relayout(win.Content())
		for _, o := range win.Canvas().Overlays().List() {
			uitest.Relayout(o)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// quietOffice is the simulated office without the camera that comes and
// goes, so every picture shows the same table.
func quietOffice(ctx context.Context) (*backend.Backend, error) {
	return demo.NewBackend(ctx, demo.Options{ComeAndGo: -1})
}
