package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 dialogs ignore Escape, and a key reaches only the focused
// widget. The window's own dialogs type into a windowEntry, which hands
// Escape to its dialog; with nothing focused, the window's key handler
// calls the open dialog's close (MainWindow.escape).

type windowEntry struct {
	widget.Entry
	onEscape func()
}

func newWindowEntry(onEscape func()) *windowEntry {
	e := &windowEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

func (e *windowEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// openDialog notes how to close the dialog now shown, for Escape.
func (w *MainWindow) openDialog(close func()) { w.escape = close }

// closedDialog forgets it.
func (w *MainWindow) closedDialog() { w.escape = nil }
