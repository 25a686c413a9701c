package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 dialogs do not react to Escape, and a key reaches only the
// focused widget. So every focusable widget in the action dialogs is one of
// these thin wrappers, which hand Escape to the dialog; Enter is handled by
// the entries' OnSubmitted and, on a focused button, by pressing it.

// escEntry is a one-line entry that hands Escape to its dialog.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(onEscape func()) *escEntry {
	e := &escEntry{onEscape: onEscape}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newSecretEntry is an escEntry that hides what is typed. Its show/hide is
// a separate check box, so that one switch shows both password fields.
func newSecretEntry(onEscape func()) *escEntry {
	e := newEscEntry(onEscape)
	e.Password = true
	return e
}

func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// escButton is a button that Enter presses too, and that hands Escape to
// its dialog.
type escButton struct {
	widget.Button
	onEscape func()
}

func newEscButton(text string, icon fyne.Resource, tapped func(), onEscape func()) *escButton {
	b := &escButton{onEscape: onEscape}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *escButton) TypedKey(ev *fyne.KeyEvent) {
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

// escCheck is a check box that hands Escape to its dialog.
type escCheck struct {
	widget.Check
	onEscape func()
}

func newEscCheck(text string, changed func(bool), onEscape func()) *escCheck {
	c := &escCheck{onEscape: onEscape}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *escCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.onEscape != nil {
		c.onEscape()
		return
	}
	c.Check.TypedKey(ev)
}

// optionGroup is a set of mutually exclusive choices drawn as radio rows.
// It is made of escButtons rather than a widget.RadioGroup because the
// radio group's items swallow every key but Space, Escape included.
type optionGroup struct {
	buttons  []*escButton
	selected int
	disabled bool
	onChange func(int)
}

func newOptionGroup(labels []string, selected int, onChange func(int), onEscape func()) *optionGroup {
	g := &optionGroup{selected: selected, onChange: onChange}
	for i, l := range labels {
		b := newEscButton(l, nil, func() { g.choose(i) }, onEscape)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		g.buttons = append(g.buttons, b)
	}
	g.paint()
	return g
}

// choose selects option i as if the user had clicked it.
func (g *optionGroup) choose(i int) {
	if g.disabled || i == g.selected || i < 0 || i >= len(g.buttons) {
		return
	}
	g.selected = i
	g.paint()
	if g.onChange != nil {
		g.onChange(i)
	}
}

func (g *optionGroup) paint() {
	for i, b := range g.buttons {
		b.Icon = theme.RadioButtonIcon()
		if i == g.selected {
			b.Icon = theme.RadioButtonCheckedIcon()
		}
		b.Refresh()
	}
}

func (g *optionGroup) setEnabled(on bool) {
	g.disabled = !on
	for _, b := range g.buttons {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
