package assets

import (
	"bytes"
	"encoding/xml"
	"image"
	"io"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

var windowIcons = map[string]fyne.Resource{
	"camera": IconCamera, "key": IconKey, "network": IconNetwork,
	"launch": IconLaunch, "factory": IconFactory, "power": IconPower,
}

// Fyne recolours a themed SVG by rewriting the fill of its shapes and
// dropping attributes it does not know (fill-rule among them), so an icon
// must be made of filled paths only; holes come from reversed winding.
func TestWindowIconsAreFilledPathsOnly(t *testing.T) {
	for name, res := range windowIcons {
		dec := xml.NewDecoder(bytes.NewReader(res.Content()))
		paths := 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			el, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			switch el.Name.Local {
			case "svg":
			case "path":
				paths++
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "d", "fill":
					default:
						t.Errorf("%s: path attribute %q is lost when the icon is themed", name, a.Name.Local)
					}
				}
			default:
				t.Errorf("%s: <%s> is not a path", name, el.Name.Local)
			}
		}
		if paths == 0 {
			t.Errorf("%s has no path", name)
		}
	}
}

// An icon that parses but draws (almost) nothing, or floods its box, is a
// broken path; a real icon covers a fair part of its 24×24 box.
func TestWindowIconsDrawSomethingButNotEverything(t *testing.T) {
	const size = 48
	for name, res := range windowIcons {
		icon, err := oksvg.ReadIconStream(bytes.NewReader(res.Content()), oksvg.StrictErrorMode)
		if err != nil {
			t.Errorf("%s: Fyne's SVG renderer rejects it: %v", name, err)
			continue
		}
		icon.SetTarget(0, 0, size, size)
		img := image.NewNRGBA(image.Rect(0, 0, size, size))
		icon.Draw(rasterx.NewDasher(size, size, rasterx.NewScannerGV(size, size, img, img.Bounds())), 1)
		inked := 0
		for i := 3; i < len(img.Pix); i += 4 {
			if img.Pix[i] > 128 {
				inked++
			}
		}
		if share := float64(inked) / (size * size); share < 0.12 || share > 0.7 {
			t.Errorf("%s covers %.0f%% of its box", name, share*100)
		}
	}
}
