package resetwizard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/assets"
)

// pictureView draws one of the reset's illustrations: its layers on top of
// each other, on the paper colour their covering shapes are filled with.
// It is a widget so that a theme change repaints the paper and recolours
// the layers. Given more room than its MinSize, it draws the picture as
// large as fits, up to the size it was drawn for, centred.
type pictureView struct {
	widget.BaseWidget
	ill assets.Illustration
	// size is the largest the picture is shown, least the smallest.
	size, least fyne.Size
}

func newPictureView(ill assets.Illustration, size fyne.Size) *pictureView {
	v := &pictureView{ill: ill, size: size, least: size}
	v.ExtendBaseWidget(v)
	return v
}

// shrinkable lets the picture be drawn as small as least when the room is
// short.
func (v *pictureView) shrinkable(least fyne.Size) *pictureView {
	v.least = least
	return v
}

// set shows another picture.
func (v *pictureView) set(ill assets.Illustration) {
	if v.ill.Name == ill.Name {
		return
	}
	v.ill = ill
	v.Refresh()
}

func (v *pictureView) MinSize() fyne.Size { return v.least }

func (v *pictureView) CreateRenderer() fyne.WidgetRenderer {
	r := &pictureRenderer{v: v, paper: canvas.NewRectangle(nil)}
	r.load()
	return r
}

type pictureRenderer struct {
	v      *pictureView
	paper  *canvas.Rectangle
	shown  string
	layers []*canvas.Image
}

func (r *pictureRenderer) load() {
	r.shown = r.v.ill.Name
	r.layers = r.layers[:0]
	for _, l := range r.v.ill.Layers {
		img := canvas.NewImageFromResource(l)
		img.FillMode = canvas.ImageFillContain
		r.layers = append(r.layers, img)
	}
	r.paint()
}

func (r *pictureRenderer) paint() {
	th := r.v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	r.paper.FillColor = th.Color(assets.IllustrationPaper, variant)
	r.paper.CornerRadius = th.Size(theme.SizeNameInputRadius)
}

func (r *pictureRenderer) Layout(size fyne.Size) {
	// The picture keeps its proportions, so it fits the room by its
	// width or its height, whichever is shorter.
	want := r.v.size
	scale := max(min(size.Width/want.Width, size.Height/want.Height, 1), 0)
	drawn := fyne.NewSize(want.Width*scale, want.Height*scale)
	at := fyne.NewPos((size.Width-drawn.Width)/2, 0)
	r.paper.Move(at)
	r.paper.Resize(drawn)
	pad := theme.Padding()
	inner := fyne.NewSize(drawn.Width-2*pad, drawn.Height-2*pad)
	for _, img := range r.layers {
		img.Move(at.AddXY(pad, pad))
		img.Resize(inner)
	}
}

func (r *pictureRenderer) MinSize() fyne.Size { return r.v.least }

func (r *pictureRenderer) Refresh() {
	if r.shown != r.v.ill.Name {
		r.load()
		r.Layout(r.v.Size())
	}
	r.paint()
	r.paper.Refresh()
	for _, img := range r.layers {
		img.Refresh()
	}
}

func (r *pictureRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.paper}
	for _, img := range r.layers {
		objs = append(objs, img)
	}
	return objs
}

func (r *pictureRenderer) Destroy() {}
