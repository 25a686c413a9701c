package assets

import (
	"bytes"
	"encoding/xml"
	"image"
	"io"
	"io/fs"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

func TestEveryIllustrationFileIsListedInTheProcedure(t *testing.T) {
	files, err := fs.Glob(illustrationFiles, "illustrations/*.svg")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, ill := range Illustrations() {
		listed["illustrations/"+ill.Name+".svg"] = true
	}
	for _, f := range files {
		if !listed[f] {
			t.Errorf("%s is embedded but not one of Illustrations()", f)
		}
	}
	if len(files) != len(listed) || len(listed) != 6 {
		t.Errorf("%d files, %d listed; the procedure has 6 pictures", len(files), len(listed))
	}
}

// pathsOf reads the fills and path data of an SVG, in order.
func pathsOf(t *testing.T, data []byte) []svgPath {
	t.Helper()
	var out []svgPath
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "path" {
			var p svgPath
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "fill":
					p.fill = strings.ToUpper(a.Value)
				case "d":
					p.d = a.Value
				}
			}
			out = append(out, p)
		}
	}
}

func TestIllustrationLayersKeepEveryPathInTheFilesOrder(t *testing.T) {
	for _, ill := range Illustrations() {
		src, err := illustrationFiles.ReadFile("illustrations/" + ill.Name + ".svg")
		if err != nil {
			t.Fatal(err)
		}
		want := pathsOf(t, src)
		var got []svgPath
		prevClass := ""
		for i, layer := range ill.source {
			paths := pathsOf(t, layer.Content())
			if len(paths) == 0 {
				t.Errorf("%s layer %d is empty", ill.Name, i)
				continue
			}
			class := colourClass(paths[0].fill)
			if class == prevClass {
				t.Errorf("%s layers %d and %d have the same colour: they should be one layer", ill.Name, i-1, i)
			}
			prevClass = class
			for _, p := range paths {
				if colourClass(p.fill) != class {
					t.Errorf("%s layer %d mixes %s with %s", ill.Name, i, p.fill, paths[0].fill)
				}
			}
			got = append(got, paths...)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: layers hold %d paths, the file %d", ill.Name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: path %d is %v in the layers, %v in the file", ill.Name, i, got[i], want[i])
			}
		}
	}
}

func TestIllustrationLayersFollowTheThemeExceptTheStatusLightColours(t *testing.T) {
	sawFixed, sawThemed := false, map[fyne.ThemeColorName]bool{}
	for _, ill := range Illustrations() {
		for i, layer := range ill.Layers {
			fill := pathsOf(t, ill.source[i].Content())[0].fill
			themed, isThemed := layer.(fyne.ThemedResource)
			switch want, ok := illustrationColours[fill]; {
			case ok && !isThemed:
				t.Errorf("%s layer %d (%s) does not follow the theme", ill.Name, i, fill)
			case ok && themed.ThemeColorName() != want:
				t.Errorf("%s layer %d (%s) follows %s, want %s", ill.Name, i, fill, themed.ThemeColorName(), want)
			case ok:
				sawThemed[want] = true
			case isThemed:
				t.Errorf("%s layer %d (%s) is recoloured, but a status light's colour must stay", ill.Name, i, fill)
			default:
				sawFixed = true
			}
		}
	}
	if !sawFixed || !sawThemed[theme.ColorNameForeground] || !sawThemed[IllustrationPaper] {
		t.Errorf("the pictures use fixed colours %v and theme colours %v: some layer kind is missing", sawFixed, sawThemed)
	}
}

// draw renders all layers as Fyne's renderer would, each in one colour.
func draw(t *testing.T, ill Illustration, w, h int) *image.NRGBA {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i, layer := range ill.source {
		icon, err := oksvg.ReadIconStream(bytes.NewReader(layer.Content()), oksvg.StrictErrorMode)
		if err != nil {
			t.Fatalf("%s layer %d: Fyne's SVG renderer rejects it: %v", ill.Name, i, err)
		}
		icon.SetTarget(0, 0, float64(w), float64(h))
		icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, img, img.Bounds())), 1)
	}
	return img
}

// A picture whose paths parse but draw next to nothing, or flood the frame,
// has a broken path (a hole wound the wrong way fills it).
func TestIllustrationsDrawAFairShareOfTheirFrame(t *testing.T) {
	for _, ill := range Illustrations() {
		img := draw(t, ill, 240, 135)
		inked := 0
		for i := 3; i < len(img.Pix); i += 4 {
			if img.Pix[i] > 128 {
				inked++
			}
		}
		if share := float64(inked) / (240 * 135); share < 0.08 || share > 0.6 {
			t.Errorf("%s covers %.0f%% of its frame", ill.Name, share*100)
		}
	}
}

func TestParseIllustrationRefusesWhatFyneCannotTheme(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">`
	for name, svg := range map[string]string{
		"a rectangle":        head + `<rect fill="#000000" width="5" height="5"/></svg>`,
		"a stroke":           head + `<path fill="#000000" stroke="#000000" d="M0 0H5V5Z"/></svg>`,
		"an unknown colour":  head + `<path fill="#FF00FF" d="M0 0H5V5Z"/></svg>`,
		"text":               head + `<text>Hold</text></svg>`,
		"no viewBox":         `<svg xmlns="http://www.w3.org/2000/svg"><path fill="#000000" d="M0 0H5V5Z"/></svg>`,
		"no path at all":     head + `</svg>`,
		"not even XML":       `<svg`,
		"a path without a d": head + `<path fill="#000000"/></svg>`,
	} {
		if _, err := parseIllustration("test", []byte(svg)); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
	ill, err := parseIllustration("test", []byte(head+
		`<path fill="#E3E3E3" d="M0 0H5V5Z"/><path fill="#000000" d="M1 1H2V2Z"/><path fill="#000000" d="M3 3H4V4Z"/>`+
		`<path fill="#F5A000" d="M5 5H6V6Z"/><path fill="#1fa64a" d="M7 7H8V8Z"/><path fill="#000000" d="M9 9H10V10Z"/></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	if len(ill.Layers) != 4 {
		t.Errorf("muted, outline ×2, two lights, outline made %d layers, want 4", len(ill.Layers))
	}
}
