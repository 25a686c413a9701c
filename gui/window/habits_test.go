package window

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// menuLabels are a menu's items as they read, "(off)" after a disabled one
// and "—" for a separator.
func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		switch {
		case it.IsSeparator:
			out = append(out, "—")
		case it.Disabled:
			out = append(out, it.Label+" (off)")
		default:
			out = append(out, it.Label)
		}
	}
	return out
}

func TestRightClickOnARowSelectsItAndOpensAMenuOfItsActions(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	rec := w.recordDialogs()

	ready := fleet[2]
	test.TapSecondary(w.rowWidget(t, ready.MAC))
	if w.selected != ready.MAC {
		t.Errorf("right-click selected %q, want the row clicked", w.selected)
	}
	shown := false
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		_, ok := o.(*widget.PopUpMenu)
		shown = shown || ok
	})
	if !shown || w.rowMenu == nil {
		t.Fatal("right-click opened no menu")
	}
	want := []string{"Set password… (off)", "Factory default…", "Assign IP address…", "Restart", "—", "Open in web browser", "Copy details", "—", "Guided factory reset…"}
	if got := menuLabels(w.rowMenu); !slices.Equal(got, want) {
		t.Errorf("the row's menu:\n%q\nwant\n%q", got, want)
	}
	w.rowMenu.Items[3].Action()
	if got := rec.take(); !slices.Equal(got, []string{"restart " + ready.MAC}) {
		t.Errorf("Restart in the row's menu opened %q", got)
	}
	w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())

	// On a ticked row the menu is about the ticked cameras; on another
	// row the ticks go, as a file manager drops its selection.
	w.setTicked(fleet[0].MAC, true)
	w.setTicked(fleet[1].MAC, true)
	test.TapSecondary(w.rowWidget(t, fleet[0].MAC))
	if got := menuLabels(w.rowMenu); got[0] != "Set password on 2 cameras…" || got[len(got)-1] != "Untick all cameras" {
		t.Errorf("the menu on a ticked row: %q", got)
	}
	w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	test.TapSecondary(w.rowWidget(t, ready.MAC))
	if len(w.rows.checked) != 0 || w.selected != ready.MAC {
		t.Errorf("right-click outside the ticked rows: %d still ticked, %q selected", len(w.rows.checked), w.selected)
	}
}

func TestDoubleClickOpensAReachableCamerasPageElseShowsItsDetailsWithTheNextStep(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	rec := w.recordDialogs()
	clock := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	w.clickClock = func() time.Time { return clock }

	ready := fleet[2]
	w.tapRow(t, ready.MAC, 0)
	clock = clock.Add(time.Second)
	w.tapRow(t, ready.MAC, 0)
	if got := rec.take(); len(got) != 0 {
		t.Errorf("two clicks a second apart opened %q", got)
	}
	clock = clock.Add(200 * time.Millisecond)
	w.tapRow(t, ready.MAC, 0)
	if got := rec.take(); !slices.Equal(got, []string{"open browser " + ready.MAC}) {
		t.Errorf("a double-click on a reachable camera opened %q, want its web page", got)
	}

	factory := fleet[3] // on 192.168.0.90, out of reach
	w.tapRow(t, factory.MAC, 0)
	w.details.root.ScrollToBottom()
	clock = clock.Add(200 * time.Millisecond)
	w.tapRow(t, factory.MAC, 0)
	if got := rec.take(); len(got) != 0 {
		t.Errorf("a double-click on an unreachable camera opened %q", got)
	}
	if w.details.root.Offset.Y != 0 || w.win.Canvas().Focused() != w.details.suggest || w.details.suggest.Text != "Give this camera an address…" {
		t.Errorf("the details are not shown from the top with the next step focused: offset %v, focused %v", w.details.root.Offset, w.win.Canvas().Focused())
	}
}

func TestArrowHomeAndEndKeysMoveTheSelectionOnceTheTableIsClicked(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)

	w.tapRow(t, fleet[1].MAC, 0) // second by IP
	typed := func(k fyne.KeyName) {
		f := w.win.Canvas().Focused()
		if f == nil {
			t.Fatalf("nothing has the keyboard after clicking a row")
		}
		f.TypedKey(&fyne.KeyEvent{Name: k})
	}
	typed(fyne.KeyEnd)
	if last := w.rows.view[4]; w.selected != last || w.details.title.Text != w.rows.byMAC[last].FullName {
		t.Errorf("End selected %s, want the last row %s", w.selected, last)
	}
	typed(fyne.KeyHome)
	if w.selected != w.rows.view[0] {
		t.Errorf("Home selected %s, want the first row", w.selected)
	}
	typed(fyne.KeyDown)
	typed(fyne.KeySpace)
	if w.selected != w.rows.view[1] || !w.rows.checked[w.rows.view[1]] {
		t.Errorf("Down then Space: selected %s, ticked %v", w.selected, w.rows.checked)
	}
	typed(fyne.KeyPageDown)
	if w.selected != w.rows.view[4] {
		t.Errorf("Page Down selected %s, want the last row of five", w.selected)
	}
}

func TestTheKeyboardsMenuKeyOpensTheSelectedRowsMenu(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	w.tapRow(t, fleet[2].MAC, 0)
	w.list.TypedKey(&fyne.KeyEvent{Name: desktop.KeyMenu})
	shown := false
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		_, ok := o.(*widget.PopUpMenu)
		shown = shown || ok
	})
	if !shown || w.rowMenu == nil || w.selected != fleet[2].MAC {
		t.Fatalf("the menu key opened no menu for the selected camera (selected %q)", w.selected)
	}
	if got := menuLabels(w.rowMenu); len(got) == 0 || got[len(got)-1] != "Guided factory reset…" {
		t.Errorf("the menu key's menu is %q, not the row's", got)
	}
}
