package dialogs

import "fyne.io/fyne/v2"

// Keys are what a dialog does with the keys typed while nothing in it has
// the focus: Fyne gives those to the window's canvas, and Fyne 2.7 dialogs
// do not react to Escape themselves.
type Keys struct {
	// Escape closes the dialog (or stops its work).
	Escape func()
	// Enter, when set, goes on; otherwise Enter goes to the window.
	Enter func()
	// Keep keeps every other key from the window too.
	Keep bool
}

// Take gives the canvas's keys to the dialog, and returns what gives them
// back to whoever had them before.
func (k Keys) Take(c fyne.Canvas) (giveBack func()) {
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case ev.Name == fyne.KeyEscape:
			if k.Escape != nil {
				k.Escape()
			}
		case k.Enter != nil && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter):
			k.Enter()
		case !k.Keep && prev != nil:
			prev(ev)
		}
	})
	return func() { c.SetOnTypedKey(prev) }
}
