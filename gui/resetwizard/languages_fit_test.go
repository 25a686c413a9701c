package resetwizard

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// The guided reset is read with a camera in one hand: in every language
// the window speaks, every page shows every word at 900×600.
func TestResetWizardShowsEveryWordOnEveryPageInEveryLanguageAt900By600(t *testing.T) {
	uitest.EachLanguage(t, func(t *testing.T, _ string) {
		cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
		h := fakes.NewHost(t)
		h.Win.Resize(fyne.NewSize(900, 600))
		r := openWizardOn(t, h, cam, cam)
		everyPage(r, func(p wizardPage) {
			if cut := uitest.CutWords(h.Win); len(cut) > 0 {
				t.Errorf("page %d (%q) cuts %q", p, r.heading.Text, cut)
			}
		})
	})
}
