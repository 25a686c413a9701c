package window

import (
	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
)

// Two kinds of choosing, as in a file manager: the selected camera (one,
// highlighted, shown in the details) and the ticked cameras (any number,
// for "Set password" on several at once). Ctrl-click ticks, Shift-click
// ticks a range. All of it runs on the Fyne goroutine.

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

func (w *MainWindow) rowTapped(i int, mods fyne.KeyModifier) {
	if i < 0 || i >= len(w.rows.view) {
		return
	}
	mac := w.rows.view[i]
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
		return
	}
	w.anchor = mac
	w.refreshAll()
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

// selectedDevice is the camera shown in the details.
func (w *MainWindow) selectedDevice() (discovery.Device, bool) {
	if w.selected == "" {
		return discovery.Device{}, false
	}
	return w.rows.device(w.selected)
}

// target is the camera a one-camera action works on: the selected one, or
// the only ticked one.
func (w *MainWindow) target() (discovery.Device, bool) {
	if d, ok := w.selectedDevice(); ok {
		return d, true
	}
	if t := w.rows.checkedDevices(); len(t) == 1 {
		return t[0], true
	}
	return discovery.Device{}, false
}

// passwordTargets are the cameras "Set password…" works on: the ticked
// ones that need a password, or else the selected one.
func (w *MainWindow) passwordTargets() []discovery.Device {
	if len(w.rows.checked) > 0 {
		return w.tickedNeedingPassword()
	}
	if d, ok := w.selectedDevice(); ok && w.canSetPassword(d) {
		return []discovery.Device{d}
	}
	return nil
}

func (w *MainWindow) tickedNeedingPassword() []discovery.Device {
	var out []discovery.Device
	for _, d := range w.rows.checkedDevices() {
		if w.canSetPassword(d) {
			out = append(out, d)
		}
	}
	return out
}

func (w *MainWindow) canSetPassword(d discovery.Device) bool {
	return w.rows.state(d) == stateNeedsPassword
}
