package assets

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// The PNG is committed rather than generated at build time so that building
// needs no SVG tool; this flag regenerates it after icon.svg changes:
//
//	go test ./assets -run TestIconPNGIsLogoRenderedAt512 -update
var update = flag.Bool("update", false, "rewrite icon.png from icon.svg")

const iconSize = 512

// renderLogo draws icon.svg the way Fyne's own SVG path does (oksvg into a
// rasterx scanner), so the PNG matches what the window shows.
func renderLogo(t *testing.T, size int) *image.NRGBA {
	t.Helper()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(iconSVG), oksvg.StrictErrorMode)
	if err != nil {
		t.Fatalf("icon.svg does not parse: %v", err)
	}
	icon.SetTarget(0, 0, float64(size), float64(size))
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	return img
}

func TestLogoUsesOnlySVGFeaturesFyneDraws(t *testing.T) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(Logo.Content()), oksvg.StrictErrorMode)
	if err != nil {
		t.Fatalf("Fyne's SVG renderer rejects icon.svg in strict mode: %v", err)
	}
	if icon.ViewBox.W != icon.ViewBox.H || icon.ViewBox.W == 0 {
		t.Errorf("icon viewBox is %vx%v; an app icon must be square", icon.ViewBox.W, icon.ViewBox.H)
	}
}

func TestIconPNGIsLogoRenderedAt512(t *testing.T) {
	want := renderLogo(t, iconSize)
	if *update {
		var b bytes.Buffer
		if err := png.Encode(&b, want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("icon.png", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("icon.png rewritten; rebuild to embed it")
		return
	}

	got, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("embedded icon.png does not decode: %v", err)
	}
	if b := got.Bounds(); b.Dx() != iconSize || b.Dy() != iconSize {
		t.Fatalf("icon.png is %dx%d, want %dx%d", b.Dx(), b.Dy(), iconSize, iconSize)
	}

	bad := differingPixels(t, got, want, 5)
	if bad > 0 {
		t.Fatalf("%d pixels differ: icon.png is stale; regenerate it with -update", bad)
	}
}

func TestIconHasOpaqueArtworkAndTransparentCorners(t *testing.T) {
	img := renderLogo(t, iconSize)
	if a := img.NRGBAAt(2, 2).A; a != 0 {
		t.Errorf("corner alpha is %d; the rounded square should leave the corners transparent", a)
	}
	if c := img.NRGBAAt(iconSize/2, 60); c.A != 255 {
		t.Errorf("background alpha at the top centre is %d, want opaque", c.A)
	}
}

// pixelTolerance allows for rasteriser rounding, which may differ by a step
// or two between CPUs (fused multiply-add on arm64); an edited SVG changes
// whole shapes far more.
const pixelTolerance = 8

// differingPixels counts the pixels of got that differ from want by more
// than pixelTolerance in any channel, and reports the first report of them.
func differingPixels(t *testing.T, got image.Image, want *image.NRGBA, report int) int {
	t.Helper()
	bad := 0
	b := want.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
			w := want.NRGBAAt(x, y)
			if far(g.R, w.R, pixelTolerance) || far(g.G, w.G, pixelTolerance) || far(g.B, w.B, pixelTolerance) || far(g.A, w.A, pixelTolerance) {
				if bad < report {
					t.Errorf("pixel (%d,%d) is %v, the SVG renders %v", x, y, g, w)
				}
				bad++
			}
		}
	}
	return bad
}

func far(a, b, tol uint8) bool {
	if a > b {
		return a-b > tol
	}
	return b-a > tol
}
