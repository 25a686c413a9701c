package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/passphrase"
)

// strengthSegments is how many bars the meter has: one per level.
const strengthSegments = int(passphrase.VeryStrong) + 1

// StrengthMeter shows how hard a password is to guess: coloured bars and
// a sentence saying why, so "weak" comes with what to change.
type StrengthMeter struct {
	widget.BaseWidget
	empty    bool
	estimate passphrase.Strength
	// QuietShort leaves "shorter than 8" to the field's own warning when
	// the dialog shows one, so it is not said twice.
	QuietShort bool
	bars       []*canvas.Rectangle
	label      *widget.Label
	box        *fyne.Container
}

// NewStrengthMeter makes a meter for an empty password.
func NewStrengthMeter() *StrengthMeter {
	m := &StrengthMeter{empty: true, label: Wrapped("")}
	row := container.NewGridWithColumns(strengthSegments)
	for range strengthSegments {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(40, 6))
		r.CornerRadius = 3
		m.bars = append(m.bars, r)
		row.Add(r)
	}
	// Two lines kept: the verdict is longer than the hint for an empty
	// field, and the field under the meter must not move as it comes.
	m.box = container.NewVBox(row, KeepLines(m.label, 2))
	m.ExtendBaseWidget(m)
	m.paint()
	return m
}

// CreateRenderer draws the bars over the sentence.
func (m *StrengthMeter) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.box)
}

// Refresh repaints the bars too, so they follow a light/dark switch.
func (m *StrengthMeter) Refresh() {
	m.paint()
	m.BaseWidget.Refresh()
}

// Update judges pw. The password itself is not kept.
func (m *StrengthMeter) Update(pw string) {
	m.empty = pw == ""
	m.estimate = passphrase.Estimate(pw)
	m.paint()
}

// Level is the current verdict; -1 while empty.
func (m *StrengthMeter) Level() passphrase.Level {
	if m.empty {
		return -1
	}
	return m.estimate.Level
}

func (m *StrengthMeter) paint() {
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
		m.label.SetText(lang.X("dialog.strength.empty", "Strength: type a password, or generate one."))
		return
	}
	m.label.SetText(m.verdict())
}

// verdict is one sentence: the level and, when something holds the
// password back, the most important thing. Estimate already caps the level
// at what that finding allows, so the two never disagree.
func (m *StrengthMeter) verdict() string {
	level := map[string]any{"Level": levelText(m.estimate.Level)}
	for _, r := range m.estimate.Reasons {
		if r == passphrase.Short && m.QuietShort {
			continue
		}
		switch r {
		case passphrase.Short:
			return lang.X("dialog.strength.verdict_short", "Strength: {{.Level}}, because it is shorter than 8 characters.", level)
		case passphrase.Common:
			return lang.X("dialog.strength.verdict_common", "Strength: {{.Level}}, because it contains a well-known password or word, which is tried first.", level)
		case passphrase.OneKind:
			return lang.X("dialog.strength.verdict_one_kind", "Strength: {{.Level}}, because it uses only one kind of character: mix letters, digits and symbols.", level)
		case passphrase.Patterns:
			return lang.X("dialog.strength.verdict_patterns", "Strength: {{.Level}}, because it has repeats or runs such as aaa, abc or 123.", level)
		}
	}
	return lang.X("dialog.strength.label", "Strength: {{.Level}}.", level)
}

func levelText(l passphrase.Level) string {
	switch l {
	case passphrase.VeryWeak:
		return lang.X("dialog.strength.very_weak", "very weak")
	case passphrase.Weak:
		return lang.X("dialog.strength.weak", "weak")
	case passphrase.Fair:
		return lang.X("dialog.strength.fair", "fair")
	case passphrase.Strong:
		return lang.X("dialog.strength.strong", "strong")
	}
	return lang.X("dialog.strength.very_strong", "very strong")
}
