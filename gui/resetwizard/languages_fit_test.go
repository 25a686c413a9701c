package resetwizard

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// wordsCut lists the texts of the window's dialogs drawn narrower than
// they need, running past the window's edge, or shortened with "…".
func wordsCut(w fyne.Window) []string {
	drv := fyne.CurrentApp().Driver()
	right := w.Canvas().Size().Width
	var cut []string
	for _, o := range w.Canvas().Overlays().List() {
		uitest.Relayout(o)
		uitest.WalkShown(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				if x.Text == "" {
					return
				}
				need := fyne.MeasureText(x.Text, x.TextSize, x.TextStyle).Width
				at := drv.AbsolutePositionForObject(x)
				if need > x.Size().Width+1 || at.X+need > right+1 {
					cut = append(cut, x.Text)
				}
			case *widget.Label:
				if x.Truncation == fyne.TextTruncateOff || x.Text == "" {
					return
				}
				need := fyne.MeasureText(x.Text, theme.SizeForWidget(x.SizeName, x), x.TextStyle).Width + 2*theme.InnerPadding()
				if need > x.Size().Width+1 {
					cut = append(cut, x.Text)
				}
			}
		})
	}
	return cut
}

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
				if cut := wordsCut(h.Win); len(cut) > 0 {
					t.Errorf("page %d (%q) cuts %q", p, r.heading.Text, cut)
				}
			})
		})
	}
}
