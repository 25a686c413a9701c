package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/passphrase"
	"github.com/openipu/openipu/core/usermsg"
)

var (
	msgStrength      = dmsg("strength.label", "Strength: {{.Level}}.")
	msgStrengthEmpty = dmsg("strength.empty", "Strength: type a password, or generate one.")
	strengthLevels   = [...]usermsg.Message{
		passphrase.VeryWeak:   dmsg("strength.very_weak", "very weak"),
		passphrase.Weak:       dmsg("strength.weak", "weak"),
		passphrase.Fair:       dmsg("strength.fair", "fair"),
		passphrase.Strong:     dmsg("strength.strong", "strong"),
		passphrase.VeryStrong: dmsg("strength.very_strong", "very strong"),
	}
	strengthReasons = map[passphrase.Reason]usermsg.Message{
		passphrase.Short:    dmsg("strength.short", "It is shorter than 8 characters."),
		passphrase.OneKind:  dmsg("strength.one_kind", "It uses only one kind of character: mix letters, digits and symbols."),
		passphrase.Common:   dmsg("strength.common", "It contains a well-known password or word, which is tried first."),
		passphrase.Patterns: dmsg("strength.patterns", "It has repeats or runs such as aaa, abc or 123."),
	}
)

// strengthSegments is how many bars the meter has: one per level.
const strengthSegments = int(passphrase.VeryStrong) + 1

// strengthMeter shows how hard a password is to guess: coloured bars and
// a sentence saying why, so "weak" comes with what to change.
type strengthMeter struct {
	widget.BaseWidget
	empty    bool
	estimate passphrase.Strength
	// quietShort leaves "shorter than 8" to the field's own warning when
	// the dialog shows one, so it is not said twice.
	quietShort bool
	bars       []*canvas.Rectangle
	label      *widget.Label
	box        *fyne.Container
}

func newStrengthMeter() *strengthMeter {
	m := &strengthMeter{empty: true, label: widget.NewLabel("")}
	m.label.Wrapping = fyne.TextWrapWord
	row := container.NewGridWithColumns(strengthSegments)
	for range strengthSegments {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(40, 6))
		r.CornerRadius = 3
		m.bars = append(m.bars, r)
		row.Add(r)
	}
	m.box = container.NewVBox(row, m.label)
	m.ExtendBaseWidget(m)
	m.paint()
	return m
}

func (m *strengthMeter) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.box)
}

// Refresh repaints the bars too, so they follow a light/dark switch.
func (m *strengthMeter) Refresh() {
	m.paint()
	m.BaseWidget.Refresh()
}

// update judges pw. The password itself is not kept.
func (m *strengthMeter) update(pw string) {
	m.empty = pw == ""
	m.estimate = passphrase.Estimate(pw)
	m.paint()
}

// level is the current verdict; -1 while empty.
func (m *strengthMeter) level() passphrase.Level {
	if m.empty {
		return -1
	}
	return m.estimate.Level
}

func (m *strengthMeter) paint() {
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	filled := 0
	on := th.Color(theme.ColorNameError, v)
	if !m.empty {
		filled = int(m.estimate.Level) + 1
		switch {
		case m.estimate.Level >= passphrase.Strong:
			on = th.Color(theme.ColorNameSuccess, v)
		case m.estimate.Level == passphrase.Fair:
			on = th.Color(theme.ColorNameWarning, v)
		}
	}
	off := th.Color(theme.ColorNameInputBorder, v)
	for i, r := range m.bars {
		r.FillColor = off
		if i < filled {
			r.FillColor = on
		}
		r.Refresh()
	}
	if m.empty {
		m.label.SetText(dtext(msgStrengthEmpty))
		return
	}
	parts := []string{dtext(msgStrength, "Level", Text(strengthLevels[m.estimate.Level]))}
	for _, r := range m.estimate.Reasons {
		if msg, ok := strengthReasons[r]; ok && !(r == passphrase.Short && m.quietShort) {
			parts = append(parts, dtext(msg))
		}
	}
	m.label.SetText(strings.Join(parts, " "))
}
