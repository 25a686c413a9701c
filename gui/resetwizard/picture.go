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
// the layers.
type pictureView struct {
	widget.BaseWidget
	ill  assets.Illustration
	size fyne.Size
}

func newPictureView(ill assets.Illustration, size fyne.Size) *pictureView {
	v := &pictureView{ill: ill, size: size}
	v.ExtendBaseWidget(v)
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

func (v *pictureView) MinSize() fyne.Size { return v.size }

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
	r.paper.Resize(size)
	pad := theme.Padding()
	inner := fyne.NewSize(size.Width-2*pad, size.Height-2*pad)
	for _, img := range r.layers {
		img.Move(fyne.NewPos(pad, pad))
		img.Resize(inner)
	}
}

func (r *pictureRenderer) MinSize() fyne.Size { return r.v.size }

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
