package dialogs

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// In every language the window speaks, the dialogs show every word at the
// smallest window size: German and French run a third longer than English,
// and a word cut off ("Werkseinstellu…") is a word the user cannot read.
func TestEveryDialogShowsEveryWordInEveryLanguageAt900By600(t *testing.T) {
	uitest.EachLanguage(t, func(t *testing.T, _ string) {
		check := func(name string, h interface{ cut() []string }) {
			t.Helper()
			if cut := h.cut(); len(cut) > 0 {
				t.Errorf("%s cuts %q", name, cut)
			}
		}
		host := func() *fakeHost {
			h := newFakeHost(t)
			openIn900x600(h.Win)
			return h
		}
		{
			h := host()
			openSetPassword(t, h, gen11Device("ACCC8E000001"), gen11Device("ACCC8E000002"))
			check("set password", h)
		}
		{
			h := host()
			openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
			check("factory default", h)
		}
		{
			h := host()
			openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.0.90"))
			check("assign IP", h)
		}
		{
			f, _ := openAddCamera(t, &fakes.Discoverer{})
			openIn900x600(f.Win)
			check("add camera", finderCut{f})
		}
		{
			h := host()
			ShowHandoverAction(h, []discovery.Device{readyDevice("ACCC8E270AD8")}, SetClock)
			check("set the clock", h)
		}
		{
			h := host()
			ShowNewHandover(h, nil)
			check("start a handover", h)
		}
		{
			h := host()
			st := handover.NewStore(t.TempDir())
			live, err := st.Create("Östra Hamngatan 7, block B")
			if err != nil {
				t.Fatal(err)
			}
			ShowMarkDone(h, live, "ACCC8E270AD8", "AXIS M1075-L ACCC8E270AD8", handover.Reset)
			check("mark done", h)
			live.Found(handover.Sighting{MAC: "ACCC8E270AD8", Model: "AXIS M1075-L", Firmware: "12.9.57"})
			for _, open := range []struct {
				name string
				show func(h *fakeHost)
			}{
				{"export the report", func(h *fakeHost) { ShowExportReport(h, live) }},
				{"credentials sheet", func(h *fakeHost) { ShowCredentialsSheet(h, live) }},
				{"name and location", func(h *fakeHost) {
					ShowDescribe(h, live, "ACCC8E270AD8", "AXIS M1075-L ACCC8E270AD8", func(string, string) {})
				}},
				{"leave out", func(h *fakeHost) { ShowExclude(h, live, "ACCC8E270AD8", "AXIS M1075-L ACCC8E270AD8") }},
				{"snapshots", func(h *fakeHost) {
					ShowHandoverAction(h, []discovery.Device{readyDevice("ACCC8E270AD8"), readyDevice("ACCC8E270AD9")}, TakeSnapshot)
				}},
				{"restart cameras", func(h *fakeHost) {
					RestartCameras(h, []discovery.Device{readyDevice("ACCC8E270AD8"), readyDevice("ACCC8E270AD9")})
				}},
				{"factory default cameras", func(h *fakeHost) {
					ShowFactoryDefaultCameras(h, []discovery.Device{readyDevice("ACCC8E270AD8"), readyDevice("ACCC8E270AD9")})
				}},
			} {
				h := host()
				open.show(h)
				check(open.name, h)
			}
		}
	})
}

func (h *fakeHost) cut() []string { h.UI.Drain(); return append(cutText(h.Win), tooWide(h.Win)...) }

type finderCut struct{ f *fakeFinder }

func (c finderCut) cut() []string { return append(cutText(c.f.Win), tooWide(c.f.Win)...) }

// tooWide lists the pages of the window's dialogs that need more width
// than the dialog has: what runs past its right edge.
func tooWide(w fyne.Window) []string {
	var cut []string
	for _, o := range w.Canvas().Overlays().List() {
		uitest.Relayout(o)
		uitest.WalkShown(o, func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if !ok {
				return
			}
			if col, ok := c.Layout.(*column); ok {
				for _, b := range c.Objects {
					if need := b.MinSize().Width; b.Visible() && need > col.width+1 {
						cut = append(cut, fmt.Sprintf("a page %.0f px wide in a dialog of %.0f", need, col.width))
					}
				}
			}
		})
	}
	return cut
}
