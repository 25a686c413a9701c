package window

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// resizeTo gives the window size and lays it out, as the app's driver
// does before it draws.
func (w *testWindow) resizeTo(size fyne.Size) {
	w.win.Resize(size)
	for range 2 {
		uitest.Relayout(w.win.Content())
	}
}

// onScreen says whether o is shown whole inside the window: visible, at
// least its minimum size, and inside the window's edges.
func (w *testWindow) onScreen(o fyne.CanvasObject) bool {
	if !o.Visible() {
		return false
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	size, least, win := o.Size(), o.MinSize(), w.win.Canvas().Size()
	return size.Width >= least.Width && size.Height >= least.Height &&
		pos.X >= 0 && pos.Y >= 0 && pos.X+size.Width <= win.Width+0.5 && pos.Y+size.Height <= win.Height+0.5
}

func TestAtTheSmallestWindowSizeEveryToolbarControlIsOnScreenOrInMore(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	d.Send(discovery.Added, fleetOfFive()...)
	w.waitRows(t, 5)
	if least := w.win.Content().MinSize(); least != minWindow {
		t.Errorf("the window can be made %v, want at least %v", least, minWindow)
	}
	w.resizeTo(minWindow)

	tb := w.toolbar
	if !w.onScreen(tb.filter) || tb.filter.Size().Width < filterMin {
		t.Errorf("the filter is %v wide at %v, or off screen", tb.filter.Size().Width, minWindow)
	}
	var inMenu []string
	if len(tb.overflow) > 0 {
		if !w.onScreen(tb.more) {
			t.Fatal("buttons overflow but More… is not on screen")
		}
		test.Tap(tb.more)
		for _, it := range tb.moreMenu.Items {
			inMenu = append(inMenu, it.Label)
		}
		w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	}
	for _, b := range tb.buttons {
		if !w.onScreen(b) && !slices.Contains(inMenu, b.Text) {
			t.Errorf("%q is neither on screen nor in More… (%q)", b.Text, inMenu)
		}
	}
	if len(inMenu) == 0 {
		t.Error("every button fits at the smallest size: the test no longer tries the More… menu")
	}
	// The menu runs what the button runs.
	test.Tap(tb.more)
	last := tb.moreMenu.Items[len(tb.moreMenu.Items)-1]
	last.Action()
	if last.Label != "Guided factory reset…" || !strings.Contains(topDialog(w.win), "Which camera do you want to reset?") {
		t.Errorf("More…'s last item %q opens:\n%s", last.Label, topDialog(w.win))
	}
	closeOverlays(w)

	w.resizeTo(fyne.NewSize(1600, 800))
	if tb.more.Visible() || len(tb.overflow) != 0 {
		t.Errorf("More… shown in a wide window, holding %d buttons", len(tb.overflow))
	}
}

func TestAtTheSmallestWindowSizeTheDetailsAndTheTableCellsAreWhole(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	yesterday := lostCam(testCam("00408C000006", "10.0.4.98", "AXIS M3066-V", "10.12.240", discovery.SetupDone))
	yesterday.LastSeen = testNow.AddDate(0, 0, -1)
	d.Send(discovery.Added, append(fleet, yesterday)...)
	w.waitRows(t, 6)
	w.resizeTo(minWindow)
	w.tapRow(t, fleet[0].MAC, 0)
	w.setTicked(fleet[0].MAC, true)
	w.setTicked(fleet[1].MAC, true)
	w.resizeTo(minWindow)

	detailsWhole := func(when string) {
		t.Helper()
		w.resizeTo(minWindow)
		if got, least := w.details.root.Size().Width, w.details.root.Content.MinSize().Width; got < least {
			t.Errorf("%s: the details panel is %v wide, its content needs %v", when, got, least)
		}
		if got := w.split.Leading.Size().Width; got < essentialWidth() {
			t.Errorf("%s: the table is %v wide, its columns need %v", when, got, essentialWidth())
		}
	}
	detailsWhole("with two cameras ticked")
	w.untickAll()
	w.tapRow(t, fleet[3].MAC, 0) // on the factory address: ARP/Ping and the guided reset show
	detailsWhole("with an unreachable camera selected")

	// Every cell shown holds its whole text; what a narrow table leaves
	// out (the firmware, the name) the details show.
	states := map[string]bool{}
	uitest.WalkShown(w.list, func(o fyne.CanvasObject) {
		r, ok := o.(*cameraRow)
		if !ok || r.mac == "" {
			return
		}
		for c, l := range r.cells {
			if !l.Visible() {
				continue
			}
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if l.Size().Width < need {
				t.Errorf("column %s cuts %q: %v wide, needs %v", columnTitle(column(c)), l.Text, l.Size().Width, need)
			}
		}
		states[r.cells[colState].Text] = true
	})
	for _, s := range []string{"Not seen since 14:10", "Not seen for a day", "Needs a password"} {
		if !states[s] {
			t.Errorf("no row says %q: %v", s, states)
		}
	}
	var shownHeaders []string
	for _, b := range w.header.buttons {
		if b.Visible() {
			shownHeaders = append(shownHeaders, b.Text)
		}
	}
	if want := []string{"State", "Model", "IP address", "MAC / serial"}; !slices.Equal(shownHeaders, want) {
		t.Errorf("columns at %v: %q, want %q", minWindow, shownHeaders, want)
	}
}
