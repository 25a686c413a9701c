package window

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/apptheme"
)

// Two kinds of choosing, as in a file manager: the selected camera (one,
// highlighted, shown in the details) and the ticked cameras (any number,
// to work on several at once). Ctrl-click ticks, Shift-click
// ticks a range. When cameras are ticked, every action works on them;
// otherwise on the selected one (chosen). All of it runs on the Fyne
// goroutine.

func (w *MainWindow) selectIndex(i int) {
	if i < 0 || i >= len(w.rows.view) {
		return
	}
	w.selectMAC(w.rows.view[i])
}

func (w *MainWindow) selectMAC(mac string) {
	w.selected, w.anchor = mac, mac
	if i := w.rows.indexOf(mac); i >= 0 {
		w.list.ScrollTo(i)
	}
	w.list.Refresh()
	w.details.update()
	w.updateActions()
}

func (w *MainWindow) moveSelection(step int) {
	if len(w.rows.view) == 0 {
		return
	}
	i := w.rows.indexOf(w.selected)
	switch {
	case i < 0 && step > 0:
		i = 0
	case i < 0:
		i = len(w.rows.view) - 1
	default:
		i = min(max(i+step, 0), len(w.rows.view)-1)
	}
	w.selectIndex(i)
}

// doubleClick is the longest time between the two clicks of a
// double-click.
const doubleClick = 400 * time.Millisecond

func (w *MainWindow) rowTapped(i int, mods fyne.KeyModifier) {
	if i < 0 || i >= len(w.rows.view) {
		return
	}
	mac := w.rows.view[i]
	now := w.clickClock()
	double := mods == 0 && w.lastClick == mac && now.Sub(w.lastClickAt) < doubleClick
	w.lastClick, w.lastClickAt = "", time.Time{}
	if mods == 0 && !double {
		w.lastClick, w.lastClickAt = mac, now
	}
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		// The first Ctrl-click keeps the camera already selected, as a
		// file manager does.
		if len(w.rows.checked) == 0 && w.selected != "" && w.selected != mac {
			w.rows.checked[w.selected] = true
		}
		w.setTicked(mac, !w.rows.checked[mac])
		w.selected = mac
	case mods&fyne.KeyModifierShift != 0 && w.anchor != "":
		from, to := w.rows.indexOf(w.anchor), i
		if from < 0 {
			from = i
		}
		if from > to {
			from, to = to, from
		}
		for _, m := range w.rows.view[from : to+1] {
			w.rows.checked[m] = true
		}
		w.selected = mac
		w.refreshAll()
		return
	default:
		w.selectMAC(mac)
		if double {
			w.rowDoubleClicked()
		}
		return
	}
	w.anchor = mac
	w.refreshAll()
}

// rowDoubleClicked opens the selected camera's web page when this computer
// can reach it. Otherwise there is no page to open, and the details say
// why and what to do: they are scrolled to the top, with the suggested
// action focused so that Enter (or Space) does it.
func (w *MainWindow) rowDoubleClicked() {
	d, ok := w.selectedDevice()
	if !ok {
		return
	}
	if w.can(actOpenBrowser, d) {
		w.dialogs.openBrowser(w, d)
		return
	}
	w.details.root.ScrollToTop()
	if w.details.suggest.Visible() {
		w.win.Canvas().Focus(w.details.suggest)
	}
}

// showRowMenu is the right-click on a row. As in a file manager the row is
// selected first; right-clicking a row outside the ticked ones drops the
// ticks, so that the menu is about the row clicked. Its items are the
// action buttons', worded the same way.
func (w *MainWindow) showRowMenu(i int, at fyne.Position) {
	if i < 0 || i >= len(w.rows.view) {
		return
	}
	mac := w.rows.view[i]
	if !w.rows.checked[mac] {
		clear(w.rows.checked)
	}
	w.selectMAC(mac)
	w.refreshAll()
	w.rowMenu = w.newRowMenu()
	widget.ShowPopUpMenuAtPosition(w.rowMenu, w.win.Canvas(), at)
}

// rowMenuFromKeys opens the selected row's menu under the row, for the
// keyboard's menu key.
func (w *MainWindow) rowMenuFromKeys() {
	i := w.rows.indexOf(w.selected)
	if i < 0 {
		return
	}
	w.list.ScrollTo(i)
	row := newCameraRow(w).MinSize().Height + theme.Padding()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.list).
		Add(fyne.NewPos(4*theme.Padding(), float32(i+1)*row-w.list.GetScrollOffset()))
	w.showRowMenu(i, at)
}

func (w *MainWindow) newRowMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for a := range numActions {
		it := fyne.NewMenuItem(w.actionLabel(a), func() { w.runAction(a) })
		it.Icon = actionIcon(a)
		it.Disabled = !w.enabled(a)
		if a == actOpenBrowser {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		items = append(items, it)
	}
	reset := fyne.NewMenuItem(lang.X("toolbar.reset_wizard", "Guided factory reset…"), w.showResetWizard)
	reset.Icon = apptheme.IconFactory
	items = append(items, fyne.NewMenuItemSeparator(), reset)
	if len(w.rows.checked) > 0 {
		items = append(items, fyne.NewMenuItem(lang.X("menu.untick_all", "Untick all cameras"), w.untickAll))
	}
	return fyne.NewMenu("", items...)
}

func (w *MainWindow) setTicked(mac string, on bool) {
	if on {
		w.rows.checked[mac] = true
	} else {
		delete(w.rows.checked, mac)
	}
	w.refreshAll()
}

func (w *MainWindow) toggleSelectedTick() {
	if w.selected != "" {
		w.setTicked(w.selected, !w.rows.checked[w.selected])
	}
}

// tickAll ticks every camera shown (or none).
func (w *MainWindow) tickAll(on bool) {
	if on {
		for _, mac := range w.rows.view {
			w.rows.checked[mac] = true
		}
	} else {
		clear(w.rows.checked)
	}
	w.refreshAll()
}

func (w *MainWindow) untickAll() { w.tickAll(false) }

func (w *MainWindow) sortOn(c column) {
	w.rows.sortOn(c)
	w.refreshAll()
}

func (w *MainWindow) setFilter(s string) {
	w.rows.filter = s
	w.rows.rebuild()
	w.refreshAll()
}

// selectedDevice is the camera shown in the details: the selected one,
// while the filter shows it. A camera the filter hides is not worked on
// unseen; the selection comes back with it when the filter is cleared.
func (w *MainWindow) selectedDevice() (discovery.Device, bool) {
	if w.selected == "" || !w.rows.shown(w.selected) {
		return discovery.Device{}, false
	}
	return w.rows.device(w.selected)
}

// chosen are the cameras every action works on, by one rule: the ticked
// cameras the filter shows, when there are any; otherwise the selected
// camera. ticked says which of the two it is, so buttons can say so.
func (w *MainWindow) chosen() (cams []discovery.Device, ticked bool) {
	if t := w.rows.tickedShown(); len(t) > 0 {
		return t, true
	}
	if d, ok := w.selectedDevice(); ok {
		return []discovery.Device{d}, false
	}
	return nil, false
}

// targets are the chosen cameras that action a can work on: a ticked
// camera it cannot apply to is left out, and the button's count and the
// ticked card say so.
func (w *MainWindow) targets(a actionID) []discovery.Device {
	cams, _ := w.chosen()
	if a == actOpenBrowser && len(cams) != 1 {
		return nil // a browser window per camera is not what anyone wants
	}
	var out []discovery.Device
	for _, d := range cams {
		if w.can(a, d) {
			out = append(out, d)
		}
	}
	return out
}

// can says whether action a can work on camera d.
func (w *MainWindow) can(a actionID, d discovery.Device) bool {
	st := w.rows.state(d)
	if st == stateBusy {
		return false
	}
	switch a {
	case actSetPassword:
		return st == stateNeedsPassword
	case actCopyDetails:
		return true
	case actAssignIP:
		return !d.Lost
	case actOpenBrowser:
		return d.HTTPURL != "" && st != stateLost && st != stateUnreachable
	case actFactoryDefault, actRestart:
		// A camera without a password has nothing to reset and no one
		// to log in as; one this computer cannot reach cannot be asked.
		return st != stateLost && st != stateUnreachable && st != stateNeedsPassword
	}
	return false
}
