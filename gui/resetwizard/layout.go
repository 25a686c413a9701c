package resetwizard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// stretch stacks a page's parts like a VBox, but one part, grow, takes
// whatever height is left, from its MinSize up to most: a picture that
// can be drawn smaller, or the camera list, which scrolls. The wizard is
// one size on every page (so its buttons stay put), as large as the
// window allows; a page fits it by giving or taking that one part's room.
type stretch struct {
	grow fyne.CanvasObject
	most func() float32
}

// newStretch is a page of objs in which grow (one of them, or nil) gives
// and takes the room.
func newStretch(grow fyne.CanvasObject, most func() float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&stretch{grow: grow, most: most}, objs...)
}

func (l *stretch) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
		shown++
	}
	if shown > 1 {
		h += theme.Padding() * float32(shown-1)
	}
	return fyne.NewSize(w, h)
}

// wants is the height the page would like: grow at its most.
func (l *stretch) wants(objects []fyne.CanvasObject) float32 {
	h := l.MinSize(objects).Height
	if l.grow != nil && l.grow.Visible() {
		h += max(l.most()-l.grow.MinSize().Height, 0)
	}
	return h
}

func (l *stretch) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	extra := max(size.Height-l.MinSize(objects).Height, 0)
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		if o == l.grow {
			h = max(min(h+extra, l.most()), h)
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// stretchWants is the height a page made by newStretch would like.
func stretchWants(page fyne.CanvasObject) float32 {
	c, ok := page.(*fyne.Container)
	if !ok {
		return page.MinSize().Height
	}
	if l, ok := c.Layout.(*stretch); ok {
		return l.wants(c.Objects)
	}
	return c.MinSize().Height
}

// buttonBar is the wizard's row of buttons: Cancel at the left, Back and
// Next at the right, each as wide as its widest wording, the row as wide
// as the page. Next reads "Keep waiting" or "Set password…" on some pages;
// were the buttons as wide as their words, they would move from page to
// page under the user's pointer.
type buttonBar struct {
	width float32
	// widths are the buttons' widths, in the order of the objects.
	widths []float32
}

func (l *buttonBar) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *buttonBar) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) == 0 {
		return
	}
	place := func(o fyne.CanvasObject, x, w float32) {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
	place(objects[0], 0, l.widths[0])
	x := size.Width
	for i := len(objects) - 1; i > 0; i-- {
		x -= l.widths[i]
		place(objects[i], x, l.widths[i])
		x -= theme.Padding()
	}
}

// widestOf is the widest b gets with each of the wordings, which it is
// left showing the first of.
func widestOf(b interface {
	fyne.CanvasObject
	SetText(string)
	SetIcon(fyne.Resource)
}, wordings ...wording) float32 {
	w := float32(0)
	for i := len(wordings) - 1; i >= 0; i-- {
		b.SetText(wordings[i].text)
		b.SetIcon(wordings[i].icon)
		w = max(w, b.MinSize().Width)
	}
	return w
}

// wording is what a button says.
type wording struct {
	text string
	icon fyne.Resource
}
