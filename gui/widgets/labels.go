package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Wrapped is a label that wraps at word boundaries, as every sentence in
// the dialogs does.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Note is a side remark under a field: smaller, but as readable as the
// rest (the theme's "low importance" grey is too faint to read).
func Note(text string) *widget.Label {
	l := Wrapped(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// Reason is the small line under a field that says what is wrong with it,
// hidden while nothing is.
func Reason() *widget.Label {
	l := Wrapped("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// SetReason shows text on a Reason line, or hides the line when text is
// empty.
func SetReason(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// SetVisible shows or hides o.
func SetVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// EnableButton enables or disables b, refreshing it only when that changes
// something: the window calls it on every update.
func EnableButton(b *widget.Button, on bool) {
	switch {
	case on && b.Disabled():
		b.Enable()
	case !on && !b.Disabled():
		b.Disable()
	}
}

// Bullets joins lines into a list a label shows.
func Bullets(intro string, items ...string) string {
	lines := []string{intro}
	for _, it := range items {
		lines = append(lines, "•  "+it)
	}
	return strings.Join(lines, "\n")
}
