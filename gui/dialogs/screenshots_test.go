package dialogs_test

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/internal/shots"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// TestScreenshots writes docs/screenshots/dialog-*.png: each dialog, staged
// by its own code in a state worth showing, over the window on the
// simulated office. It runs only when asked (.ci/screenshots sets
// OPENIPU_SCREENSHOTS to the output folder): pictures are for people to
// look at, not for a test to compare.
func TestScreenshots(t *testing.T) {
	dir := uitest.ShotDir(t)
	o := shots.DemoOffice(t, theme.VariantLight, quietOffice)
	need := o.NeedPassword
	for _, s := range dialogs.DialogShots([2]discovery.Device{need[0], need[1]}, o.Ready[0], o.Unreachable[0]) {
		closeIt := s.Open(o.Window)
		uitest.Shoot(t, o.Window.Window(), filepath.Join(dir, "dialog-"+s.Name+".png"))
		closeIt()
		o.Close()
	}
}

// quietOffice is the simulated office without the camera that comes and
// goes, so every picture shows the same table.
func quietOffice(ctx context.Context) (*backend.Backend, error) {
	return demo.NewBackend(ctx, demo.Options{ComeAndGo: -1})
}
