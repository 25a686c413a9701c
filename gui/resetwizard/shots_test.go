package resetwizard

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
)

// The screenshots need the simulated office and run only on request; this
// test stages each page on a fake window so a page that cannot be staged,
// or does not fit, is caught by every test run.
func TestEveryWizardShotStagesAndFitsTheWindow(t *testing.T) {
	h := newFakeHost(t)
	h.win.Resize(fyne.NewSize(1240, 740)) // the screenshots' size
	cam := wizardCam(macLost, discovery.SetupDone, "192.168.1.41")
	for _, s := range wizardShots(cam) {
		h.deps.Discovery = &fakeDiscoverer{}
		h.setCameras(cam)
		wz := newResetWizard(h, cam)
		wz.do = func(f func()) { f() }
		wz.pollEvery, wz.tickEvery = time.Hour, time.Hour
		wz.show()
		wz.chosen()
		s.stage(wz)
		if c := wz.content; c.Size().Height+1 < c.MinSize().Height {
			got, need := c.Size().Height, c.MinSize().Height
			t.Errorf("%s: the page needs %.0f px but gets %.0f", s.name, need, got)
		}
		wz.close()
		if n := len(h.win.Canvas().Overlays().List()); n != 0 {
			t.Errorf("%s: %d dialogs left open", s.name, n)
		}
	}
}
