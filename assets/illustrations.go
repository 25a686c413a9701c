package assets

import (
	"bytes"
	"embed"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The pictures of the guided physical reset, drawn for OpenIPU. Fyne's SVG
// renderer draws filled paths well and little else, and a themed resource
// recolours every fill of a file to one colour; so each file is made of
// <path fill="…" d="…"/> only, and its few fill colours stand for theme
// colours (illustrationColours). The file is cut into layers, one per run
// of consecutive paths of one colour, which are drawn on top of each other:
// each layer is recoloured on its own and the file's stacking order holds
// (a finger drawn over the camera hides the camera's outline).
//
//go:embed illustrations/*.svg
var illustrationFiles embed.FS

// IllustrationPaper is the theme colour a picture is drawn on. Shapes
// filled with it cover what lies beneath them, so the window must draw the
// pictures on a background of this colour.
const IllustrationPaper = theme.ColorNameInputBackground

// illustrationColours maps the colours the files use to the theme colours
// they follow in light and dark.
var illustrationColours = map[string]fyne.ThemeColorName{
	"#000000": theme.ColorNameForeground, // outlines
	"#E3E3E3": theme.ColorNameDisabled,   // bodies, a shade off the paper
	"#F3F3F3": IllustrationPaper,         // covers what lies beneath
	"#0B5CC7": theme.ColorNamePrimary,    // arrows and highlights: what to do
}

// fixedColours keep their colour in every theme: they are the colours the
// camera's status light really shows.
var fixedColours = map[string]bool{
	"#F5A000": true, // amber: the light flashes amber while the reset starts
	"#1FA64A": true, // green: the camera is ready
}

// Illustration is one picture, as layers to draw bottom first, all at the
// same size.
type Illustration struct {
	Name   string
	Layers []fyne.Resource
	// source are the layers before theming: a themed resource's content is
	// recoloured for the running app's theme.
	source []fyne.Resource
}

// The pictures, one per step of the physical reset (docs/protocol.md,
// Physical reset).
var (
	IllustrationUnplug   = mustIllustration("unplug")    // the power or PoE cable pulled out
	IllustrationButton   = mustIllustration("button")    // where the control button is: box, dome, bullet
	IllustrationHold     = mustIllustration("hold")      // press and hold it while the plug goes back in
	IllustrationLEDAmber = mustIllustration("led-amber") // keep holding: the status light flashes amber
	IllustrationRelease  = mustIllustration("release")   // let go
	IllustrationLEDGreen = mustIllustration("led-green") // the status light turns green: done
)

// Illustrations lists the pictures in the order of the procedure.
func Illustrations() []Illustration {
	return []Illustration{
		IllustrationUnplug, IllustrationButton, IllustrationHold,
		IllustrationLEDAmber, IllustrationRelease, IllustrationLEDGreen,
	}
}

func mustIllustration(name string) Illustration {
	data, err := illustrationFiles.ReadFile("illustrations/" + name + ".svg")
	if err != nil {
		// Only a build without the embedded file can get here; the tests
		// read every picture.
		panic("assets: missing illustration " + name)
	}
	ill, err := parseIllustration(name, data)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return ill
}

type svgPath struct {
	fill, d string
}

// parseIllustration cuts an SVG into its layers.
func parseIllustration(name string, data []byte) (Illustration, error) {
	var head string
	var paths []svgPath
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Illustration{}, fmt.Errorf("illustration %s: %w", name, err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range el.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch el.Name.Local {
		case "svg":
			if attr["viewBox"] == "" {
				return Illustration{}, fmt.Errorf("illustration %s: no viewBox", name)
			}
			head = `<svg xmlns="http://www.w3.org/2000/svg" width=` + xmlAttr(attr["width"]) +
				` height=` + xmlAttr(attr["height"]) + ` viewBox=` + xmlAttr(attr["viewBox"]) + `>`
		case "path":
			if len(attr) != 2 || attr["d"] == "" || attr["fill"] == "" {
				return Illustration{}, fmt.Errorf("illustration %s: a path must have a fill and d, nothing else", name)
			}
			paths = append(paths, svgPath{fill: strings.ToUpper(attr["fill"]), d: attr["d"]})
		default:
			return Illustration{}, fmt.Errorf("illustration %s: <%s> is not a path; Fyne cannot theme it", name, el.Name.Local)
		}
	}
	if head == "" || len(paths) == 0 {
		return Illustration{}, errors.New("illustration " + name + ": no picture")
	}

	ill := Illustration{Name: name}
	for start := 0; start < len(paths); {
		class := colourClass(paths[start].fill)
		if class == "" {
			return Illustration{}, fmt.Errorf("illustration %s: fill %s is not one of the picture colours", name, paths[start].fill)
		}
		end := start + 1
		for end < len(paths) && colourClass(paths[end].fill) == class {
			end++
		}
		var b strings.Builder
		b.WriteString(head)
		for _, p := range paths[start:end] {
			b.WriteString(`<path fill=` + xmlAttr(p.fill) + ` d=` + xmlAttr(p.d) + `/>`)
		}
		b.WriteString("</svg>")
		// Fyne caches a drawn SVG by its resource's name.
		res := fyne.Resource(&fyne.StaticResource{
			StaticName:    fmt.Sprintf("illustration-%s-%d.svg", name, len(ill.Layers)),
			StaticContent: []byte(b.String()),
		})
		ill.source = append(ill.source, res)
		if c, themed := illustrationColours[paths[start].fill]; themed {
			res = theme.NewColoredResource(res, c)
		}
		ill.Layers = append(ill.Layers, res)
		start = end
	}
	return ill, nil
}

// xmlAttr quotes an attribute value.
func xmlAttr(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	_ = xml.EscapeText(&b, []byte(v)) // a strings.Builder does not fail
	b.WriteByte('"')
	return b.String()
}

// colourClass groups a fill with the fills that can share its layer: each
// theme colour alone, and every fixed colour together.
func colourClass(fill string) string {
	if _, ok := illustrationColours[fill]; ok {
		return fill
	}
	if fixedColours[fill] {
		return "fixed"
	}
	return ""
}
