package resetwizard

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// The guided reset is read with a camera in one hand: in every language
// the window speaks, every page shows every word at 900×600.
func TestResetWizardShowsEveryWordOnEveryPageInEveryLanguageAt900By600(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	if err := i18n.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = i18n.Use("en") })
	for _, l := range i18n.Languages {
		t.Run(l.Code, func(t *testing.T) {
			if err := i18n.Use(l.Code); err != nil {
				t.Fatal(err)
			}
			if next := lang.X("wizard.next", "Next"); (next == "Next") != (l.Code == "en") {
				t.Fatalf("the wizard does not speak %s: Next reads %q", l.Code, next)
			}
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
}
