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
	// BodyWants, when set, is the height the body would like: more than
	// its MinSize when part of it can shrink (a picture, a list that
	// scrolls). Natural gives the body that much if the window allows.
	BodyWants func() float32
}

// Build lays the page out for a dialog on win.
func (p Page) Build(win fyne.Window) *fyne.Container {
	width := p.Width
	if width == 0 {
		width = dialogWidth
	}
	// The body is given all the height the dialog has for it: a part of it
	// that can grow (a picture, a list) then takes what is left.
	bodyColumn := container.New(&column{width: width, fill: true}, p.Body)
	// The gap on the right keeps the scroll bar off the entries and the
	// buttons in a page.
	padded := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*3), bodyColumn)
	scroll := container.NewVScroll(padded)
	fit := &fitHeight{content: padded, wants: p.BodyWants}
	fit.limit = func() float32 {
		room := Room(win)
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
	l := &pageLayout{width: width, header: p.Header != nil, fit: fit}
	var objs []fyne.CanvasObject
	if p.Header != nil {
		objs = append(objs, p.Header)
	}
	objs = append(objs, container.New(fit, scroll))
	objs = append(objs, p.Footer...)
	return container.New(l, objs...)
}

// Room is the most height a dialog's content can have on win: the window's
// height less the dialog's title and buttons.
func Room(win fyne.Window) float32 {
	return win.Canvas().Size().Height - dialogChrome
}

// Natural is the size a page made by Build needs for what it shows now,
// its body no taller than the window lets it be.
func Natural(page *fyne.Container) fyne.Size {
	l, ok := page.Layout.(*pageLayout)
	if !ok {
		return page.MinSize()
	}
	return l.natural(page.Objects)
}

// Hold keeps a page made by Build at size, whatever it shows later: the
// dialog around it neither grows nor shrinks, so it stays where it is on
// the window and nothing in it jumps while the user types. The header
// stays at the top and the lines under the body at the bottom; the body
// takes the height between and scrolls if it needs more. A zero size lets
// the page follow its content again.
func Hold(page *fyne.Container, size fyne.Size) {
	if l, ok := page.Layout.(*pageLayout); ok {
		l.held = size
	}
}

// pageLayout puts a page's header at the top, its footer lines at the
// bottom and its body between them.
type pageLayout struct {
	width  float32
	header bool
	fit    *fitHeight
	// held is the size Hold fixed; zero while the page follows its
	// content.
	held fyne.Size
}

func (l *pageLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if !l.held.IsZero() {
		return l.held
	}
	return l.natural(objects)
}

// natural stacks what is shown, each given the page's width before its
// height is asked (see column), the body as tall as it would like.
func (l *pageLayout) natural(objects []fyne.CanvasObject) fyne.Size {
	m := (&column{width: l.width}).MinSize(objects)
	return m.AddWidthHeight(0, l.fit.natural()-l.fit.MinSize(nil).Height)
}

func (l *pageLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	top := float32(0)
	rest := objects
	if l.header {
		if h := objects[0]; h.Visible() {
			h.Resize(fyne.NewSize(size.Width, h.MinSize().Height))
			hh := h.MinSize().Height
			h.Move(fyne.NewPos(0, 0))
			h.Resize(fyne.NewSize(size.Width, hh))
			top = hh + pad
		}
		rest = objects[1:]
	}
	body, footers := rest[0], rest[1:]
	bottom := size.Height
	for i := len(footers) - 1; i >= 0; i-- {
		f := footers[i]
		if !f.Visible() {
			continue
		}
		f.Resize(fyne.NewSize(size.Width, f.MinSize().Height))
		fh := f.MinSize().Height
		bottom -= fh
		f.Move(fyne.NewPos(0, bottom))
		f.Resize(fyne.NewSize(size.Width, fh))
		bottom -= pad
	}
	body.Move(fyne.NewPos(0, top))
	body.Resize(fyne.NewSize(size.Width, max(bottom-top, 0)))
}

// column stacks its children like a VBox at a fixed width. A label that
// wraps words only knows its height once it knows its width, so the
// children are given the width before their height is asked; otherwise a
// dialog full of sentences is measured as one very long line.
type column struct {
	width float32
	// fill gives the last object the height left below the others.
	fill bool
}

func (l *column) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		// Only the width matters here. Keeping a taller height spares a
		// picture in the body from being drawn anew at every measure.
		o.Resize(fyne.NewSize(l.width, max(o.Size().Height, o.MinSize().Height)))
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
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, max(o.Size().Height, o.MinSize().Height)))
		h := o.MinSize().Height
		if l.fill && i == len(objects)-1 {
			h = max(h, size.Height-y)
		}
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
	// wants is the height the body would like, if more than its MinSize;
	// nil when the MinSize is all it wants.
	wants func() float32
}

// natural is the height the body would like, as far as the window allows.
func (l *fitHeight) natural() float32 {
	h := l.content.MinSize().Height
	if l.wants != nil {
		h = max(h, l.wants())
	}
	return min(h, l.limit())
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
