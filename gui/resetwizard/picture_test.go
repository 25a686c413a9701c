package resetwizard

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/internal/uitest"
)

var pictureVariants = []struct {
	name    string
	variant fyne.ThemeVariant
}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}

// drawPictures renders pictures side by side, three to a row, with the
// app's theme in one variant, as Fyne's software painter draws them.
func drawPictures(t *testing.T, variant fyne.ThemeVariant, size fyne.Size, ills ...assets.Illustration) image.Image {
	t.Helper()
	fyne.CurrentApp().Settings().SetTheme(uitest.Pinned(apptheme.New(), variant))
	var views []fyne.CanvasObject
	for _, ill := range ills {
		views = append(views, newPictureView(ill, size))
	}
	cols := min(3, len(views))
	w := test.NewTempWindow(t, container.NewGridWithColumns(cols, views...))
	w.SetPadded(true)
	w.Resize(w.Content().MinSize().Add(fyne.NewSquareSize(2 * theme.Padding())))
	return w.Canvas().Capture()
}

// The masters in testdata/ were looked at by a person: each picture is
// clear at the size the wizard shows it and at a third of that, in both
// variants. A change to an SVG or to the way layers are stacked shows up as
// a failed image in testdata/failed/ to look at and, if right, to copy over
// the master.
func TestIllustrationsRenderAsTheApprovedImagesInLightAndDarkAtTwoSizes(t *testing.T) {
	test.NewTempApp(t)
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"small", fyne.NewSize(160, 90)}, {"large", fyne.NewSize(480, 270)}} {
		for _, v := range pictureVariants {
			img := drawPictures(t, v.variant, size.size, assets.Illustrations()...)
			test.AssertImageMatches(t, "illustrations-"+size.name+"-"+v.name+".png", img)
		}
	}
}

// near reports whether two colours are within a few steps per channel.
func near(a, b color.Color, tolerance int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return int(x>>8)-int(y>>8) <= tolerance && int(y>>8)-int(x>>8) <= tolerance }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

func TestTheStatusLightKeepsItsColourWhileOutlinesFollowTheTheme(t *testing.T) {
	test.NewTempApp(t)
	size := fyne.NewSize(480, 270)
	// Where the status light and the camera's left outline are in the
	// pictures (viewBox units, which are pixels at this size), inside the
	// window's and the picture's padding.
	pad := int(2 * theme.Padding())
	scale := (size.Width - 2*theme.Padding()) / 480
	at := func(img image.Image, x, y float32) color.Color {
		return img.At(pad+int(x*scale), pad+int(y*scale))
	}
	for _, c := range []struct {
		ill   assets.Illustration
		light color.Color
	}{
		{assets.IllustrationLEDAmber, color.NRGBA{R: 0xf5, G: 0xa0, A: 0xff}},
		{assets.IllustrationLEDGreen, color.NRGBA{R: 0x1f, G: 0xa6, B: 0x4a, A: 0xff}},
	} {
		var outline []color.Color
		for _, v := range pictureVariants {
			img := drawPictures(t, v.variant, size, c.ill)
			if got := at(img, 196, 76); !near(got, c.light, 8) {
				t.Errorf("%s, %s theme: the status light is %v, want %v", c.ill.Name, v.name, got, c.light)
			}
			outline = append(outline, at(img, 132, 120))
		}
		fg := []color.Color{
			apptheme.New().Color(theme.ColorNameForeground, theme.VariantLight),
			apptheme.New().Color(theme.ColorNameForeground, theme.VariantDark),
		}
		for i := range outline {
			if !near(outline[i], fg[i], 24) {
				t.Errorf("%s, %s theme: the camera's outline is %v, want the text colour %v", c.ill.Name, pictureVariants[i].name, outline[i], fg[i])
			}
		}
	}
}
