// Package widgets holds the small widgets the window's dialogs share: the
// entries, buttons and check boxes that hand Escape to their dialog, a set
// of choices, the notice that says what happened and what to do next, the
// password strength meter, and the labels every sentence is shown in.
package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 dialogs do not react to Escape, and a key reaches only the
// focused widget. So every focusable widget in the dialogs is one of these
// thin wrappers, which hand Escape to the dialog; Enter is handled by the
// entries' OnSubmitted and, on a focused button, by pressing it.

// EscEntry is a one-line entry that hands Escape to its dialog.
type EscEntry struct {
	widget.Entry
	onEscape func()
}

// NewEscEntry makes an entry whose Escape calls onEscape.
func NewEscEntry(onEscape func()) *EscEntry {
	e := &EscEntry{onEscape: onEscape}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewSecretEntry is an EscEntry that hides what is typed. Its show/hide is
// a separate check box, so that one switch shows both password fields.
func NewSecretEntry(onEscape func()) *EscEntry {
	e := NewEscEntry(onEscape)
	e.Password = true
	return e
}

// TypedKey hands Escape to the dialog.
func (e *EscEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// EscButton is a button that Enter presses too, and that hands Escape to
// its dialog.
type EscButton struct {
	widget.Button
	onEscape func()
}

// NewEscButton makes a button whose Escape calls onEscape.
func NewEscButton(text string, icon fyne.Resource, tapped func(), onEscape func()) *EscButton {
	b := &EscButton{onEscape: onEscape}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and hands Escape to the dialog.
func (b *EscButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// EscCheck is a check box that hands Escape to its dialog.
type EscCheck struct {
	widget.Check
	onEscape func()
}

// NewEscCheck makes a check box whose Escape calls onEscape.
func NewEscCheck(text string, changed func(bool), onEscape func()) *EscCheck {
	c := &EscCheck{onEscape: onEscape}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Escape to the dialog.
func (c *EscCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.onEscape != nil {
		c.onEscape()
		return
	}
	c.Check.TypedKey(ev)
}

// OptionGroup is a set of mutually exclusive choices drawn as radio rows.
// It is made of EscButtons rather than a widget.RadioGroup because the
// radio group's items swallow every key but Space, Escape included.
type OptionGroup struct {
	// Buttons are the choices, to be placed where the dialog wants them.
	Buttons []*EscButton
	// Selected is the chosen option; -1 for none yet.
	Selected int
	disabled bool
	onChange func(int)
}

// NewOptionGroup makes one choice per label, with selected chosen.
func NewOptionGroup(labels []string, selected int, onChange func(int), onEscape func()) *OptionGroup {
	g := &OptionGroup{Selected: selected, onChange: onChange}
	for i, l := range labels {
		b := NewEscButton(l, nil, func() { g.Choose(i) }, onEscape)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		g.Buttons = append(g.Buttons, b)
	}
	g.paint()
	return g
}

// Choose selects option i as if the user had clicked it.
func (g *OptionGroup) Choose(i int) {
	if g.disabled || i == g.Selected || i < 0 || i >= len(g.Buttons) {
		return
	}
	g.Selected = i
	g.paint()
	if g.onChange != nil {
		g.onChange(i)
	}
}

func (g *OptionGroup) paint() {
	for i, b := range g.Buttons {
		b.Icon = theme.RadioButtonIcon()
		if i == g.Selected {
			b.Icon = theme.RadioButtonCheckedIcon()
		}
		b.Refresh()
	}
}

// SetEnabled lets the user choose, or not.
func (g *OptionGroup) SetEnabled(on bool) {
	g.disabled = !on
	for _, b := range g.Buttons {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
