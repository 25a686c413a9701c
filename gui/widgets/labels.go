package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// KeepLines places l, a Reason line or any label that comes and goes, in
// a box that keeps the room of lines lines of its text while l is hidden,
// so the fields under it stay where they are when it shows. A longer text
// still shows whole.
func KeepLines(l *widget.Label, lines int) fyne.CanvasObject {
	return container.New(&keptLines{l: l, lines: lines}, l)
}

// keptLines lays out a label at the top of a box at least lines tall.
type keptLines struct {
	l     *widget.Label
	lines int
	// room caches the kept height, measured for the text size roomFor:
	// a dialog asks for sizes many times a frame.
	room, roomFor float32
}

func (k *keptLines) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if text := theme.TextSize(); k.roomFor != text {
		probe := widget.NewLabelWithStyle(strings.Repeat("X\n", max(k.lines-1, 0))+"X", k.l.Alignment, k.l.TextStyle)
		probe.SizeName = k.l.SizeName
		k.room, k.roomFor = probe.MinSize().Height, text
	}
	m := fyne.NewSize(0, k.room)
	if k.l.Visible() {
		m = m.Max(k.l.MinSize())
	}
	return m
}

func (k *keptLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	k.l.Move(fyne.NewPos(0, 0))
	// The width first: a wrapped label knows its height only then.
	k.l.Resize(fyne.NewSize(size.Width, k.l.Size().Height))
	k.l.Resize(fyne.NewSize(size.Width, k.l.MinSize().Height))
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
