package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// dialogWidth keeps a sentence on one or two lines at 100% scaling and
// still fits a 1024×768 screen at 125%; Fyne shrinks a dialog to the window
// when it must.
const dialogWidth = 640

// dialogChrome is the height a dialog spends outside its content: the
// title, the button row and their padding.
const dialogChrome = 130

// dialogColumn stacks its children like a VBox at a fixed width. A label
// that wraps words only knows its height once it knows its width, so the
// children are given the width before their height is asked; otherwise a
// dialog full of sentences is measured as one very long line.
type dialogColumn struct{ width float32 }

func (l *dialogColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h += o.MinSize().Height
		shown++
	}
	if shown > 1 {
		h += theme.Padding() * float32(shown-1)
	}
	return fyne.NewSize(l.width, h)
}

func (l *dialogColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// fitHeight shows its one child, a scroll container, at the child's
// natural height until that would not fit the window; then it scrolls. A
// dialog taller than the window would otherwise be cut off, buttons first.
type fitHeight struct {
	content fyne.CanvasObject
	// limit is the most height the window can give.
	limit func() float32
}

func (l *fitHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := l.content.MinSize()
	return fyne.NewSize(m.Width, min(m.Height, l.limit()))
}

func (l *fitHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
