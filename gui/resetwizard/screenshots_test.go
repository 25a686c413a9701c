package resetwizard_test

import (
	"context"
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

// TestScreenshots writes docs/screenshots/wizard-*.png over the window on
// the simulated office: every page in the light theme, the hold step and
// the outcome in the dark one. It runs only when asked (.ci/screenshots
// sets OPENIPU_SCREENSHOTS to the output folder).
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
			o := shots.DemoOffice(t, v.variant, quietOffice)
			for _, s := range resetwizard.Shots(o.Ready[0]) {
				name := "wizard-" + s.Name + ".png"
				if v.variant != theme.VariantLight {
					if s.Name != "5-hold-amber" && s.Name != "7-back" {
						continue
					}
					name = "wizard-" + s.Name + "-" + v.name + ".png"
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
