package dialogs

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// dialogWidth keeps a sentence on one or two lines at 100% scaling and
// still fits a 1024×768 screen at 125%; Fyne shrinks a dialog to the window
// when it must.
const dialogWidth = 640

// dialogChrome is the height a dialog spends outside its content: the
// title, the button row and their padding.
const dialogChrome = 130

// Page is how a dialog's content is laid out: a header that stays at the
// top, the body, which scrolls when the window is too short for it, and
// the lines under it (a problem, the progress) that stay in view with the
// buttons. A dialog taller than the window would otherwise be cut off,
// buttons first.
type Page struct {
	// Width is the content's width; the dialogs' own when zero.
	Width float32
	// MinBody is the least height the body is given, however short the
	// window.
	MinBody float32
	Header  fyne.CanvasObject
	Body    fyne.CanvasObject
	Footer  []fyne.CanvasObject
}

// Build lays the page out for a dialog on win.
func (p Page) Build(win fyne.Window) *fyne.Container {
	width := p.Width
	if width == 0 {
		width = dialogWidth
	}
	bodyColumn := container.New(&column{width: width}, p.Body)
	// The gap on the right keeps the scroll bar off the entries and the
	// buttons in a page.
	padded := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*3), bodyColumn)
	scroll := container.NewVScroll(padded)
	fit := &fitHeight{content: padded}
	fit.limit = func() float32 {
		room := win.Canvas().Size().Height - dialogChrome
		if p.Header != nil {
			room -= p.Header.MinSize().Height + theme.Padding()
		}
		for _, o := range p.Footer {
			if o.Visible() {
				room -= o.MinSize().Height + theme.Padding()
			}
		}
		return max(room, p.MinBody)
	}
	var objs []fyne.CanvasObject
	if p.Header != nil {
		objs = append(objs, p.Header)
	}
	objs = append(objs, container.New(fit, scroll))
	objs = append(objs, p.Footer...)
	return container.New(&column{width: width}, objs...)
}

// column stacks its children like a VBox at a fixed width. A label that
// wraps words only knows its height once it knows its width, so the
// children are given the width before their height is asked; otherwise a
// dialog full of sentences is measured as one very long line.
type column struct{ width float32 }

func (l *column) MinSize(objects []fyne.CanvasObject) fyne.Size {
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

func (l *column) Layout(objects []fyne.CanvasObject, size fyne.Size) {
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
// natural height until that would not fit the window; then it scrolls.
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
