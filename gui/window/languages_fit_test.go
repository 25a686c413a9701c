package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// In every language, the window keeps to its smallest size with a
// handover open and a camera's checklist shown: a longer word must make a
// line wrap or a name give way, never push the window wider than the
// screen it was made for.
func TestTheWindowWithAHandoverFitsIn900By600InEveryLanguage(t *testing.T) {
	// The language is chosen before the window is built, as at start.
	uitest.EachLanguage(t, func(t *testing.T, lcode string) {
		d := &fakes.Discoverer{}
		w := newTestWindowOn(t, handoverBackend(d, t.TempDir()))
		w.win.Resize(fyne.NewSize(900, 600))
		d.Send(discovery.Added, fleetOfFive()...)
		w.waitRows(t, 5)
		live, err := w.Backend().Handovers.Create("Östra Hamngatan 7, block B, entrance and car park")
		if err != nil {
			t.Fatal(err)
		}
		w.openHandover(live)
		w.ui.Until(t, "the cameras are in the handover", func() bool { return w.ho.shown != nil && len(w.ho.shown.Cameras) == 4 })
		w.tapRow(t, "ACCC8E000003", 0)
		w.ui.Drain()
		if min := w.win.Content().MinSize(); min.Width > 900 || min.Height > 600 {
			t.Errorf("the window needs %v in %s", min, lcode)
		}
		// The details get a third of the window; what cannot wrap
		// there (a button) must fit in it, or the panel is pushed
		// over the table.
		room := 900*float32(1-w.split.Offset) - 2*theme.Padding()
		if min := w.details.root.Content.MinSize(); min.Width > room {
			t.Errorf("the details need %.0f px in %s, more than the %.0f they get", min.Width, lcode, room)
		}
		// A camera's state is the word the list is read by.
		uitest.Relayout(w.win.Content())
		uitest.WalkShown(w.win.Content(), func(o fyne.CanvasObject) {
			r, ok := o.(*cameraRow)
			if !ok || r.mac == "" {
				return
			}
			l := r.cells[colState]
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if need > l.Size().Width+1 {
				t.Errorf("the state %q is cut in %s (%.0f px for %.0f)", l.Text, lcode, need, l.Size().Width)
			}
		})
		if min := w.site.box.MinSize(); min.Width > 900 {
			t.Errorf("the site bar needs %v in %s", min, lcode)
		}
	})
}
