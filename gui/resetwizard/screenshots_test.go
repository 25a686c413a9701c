package resetwizard_test

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/gui/internal/shots"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/resetwizard"
)

// TestScreenshots writes docs/screenshots/wizard-*.png over the window on
// the simulated office: every page in the light theme, the hold step and
// the outcome in the dark one. It runs only when asked (.ci/screenshots
// sets OPENIPU_SCREENSHOTS to the output folder).
func TestScreenshots(t *testing.T) {
	dir := uitest.ShotDir(t)
	for _, v := range uitest.Variants {
		t.Run(v.Name, func(t *testing.T) {
			o := shots.DemoOffice(t, v.Variant, quietOffice)
			for _, s := range resetwizard.Shots(o.Ready[0]) {
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

// quietOffice is the simulated office without the camera that comes and
// goes, so every picture shows the same table.
func quietOffice(ctx context.Context) (*backend.Backend, error) {
	return demo.NewBackend(ctx, demo.Options{ComeAndGo: -1})
}
