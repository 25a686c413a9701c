package apptheme

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The thresholds of WCAG 2.x: text must stand out 4.5:1 from what it is
// drawn on (1.4.3), the parts of a control that say what it is and what
// state it is in 3:1 (1.4.11).
const (
	textContrast    = 4.5
	controlContrast = 3.0
)

// contrastPair is one colour drawn on another, as Fyne v2.7 draws it: on
// is the stack beneath, bottom first; translucent colours are blended over
// what is beneath them.
type contrastPair struct {
	what string
	fg   fyne.ThemeColorName
	on   []fyne.ThemeColorName
	min  float64
}

// contrastPairs are the pairs people must tell apart, named by where they
// appear.
func contrastPairs() []contrastPair {
	var out []contrastPair
	text := func(what string, fg fyne.ThemeColorName, on ...fyne.ThemeColorName) {
		out = append(out, contrastPair{what, fg, on, textContrast})
	}
	control := func(what string, fg fyne.ThemeColorName, on ...fyne.ThemeColorName) {
		out = append(out, contrastPair{what, fg, on, controlContrast})
	}
	window, dialog := theme.ColorNameBackground, theme.ColorNameOverlayBackground
	for _, bg := range []fyne.ThemeColorName{window, dialog} {
		text("text", theme.ColorNameForeground, bg)
		text("important text", theme.ColorNamePrimary, bg)
		text("link", theme.ColorNameHyperlink, bg)
		text("error text", theme.ColorNameError, bg)
		text("warning text", theme.ColorNameWarning, bg)
		text("success text (Done · verified, Ready)", theme.ColorNameSuccess, bg)
		text("text of a selected row", theme.ColorNameForeground, bg, theme.ColorNameSelection)
		// An empty check box or radio is its outline; a checked one is
		// filled with the primary colour. Error, warning and success
		// icons are the text colours above, which are held to more.
		control("outline of an empty check box, radio or entry", theme.ColorNameInputBorder, bg)
		control("checked box", theme.ColorNamePrimary, bg)
		// A focused check box or radio sits on a disc of the focus colour.
		control("focus disc", theme.ColorNameFocus, bg)
	}
	text("text in an entry", theme.ColorNameForeground, theme.ColorNameInputBackground)
	text("placeholder in an entry", theme.ColorNamePlaceHolder, theme.ColorNameInputBackground)
	control("outline of an empty check box against its fill", theme.ColorNameInputBorder, theme.ColorNameInputBackground)
	text("button text", theme.ColorNameForeground, dialog, theme.ColorNameButton)
	text("focused button text", theme.ColorNameForeground, dialog, theme.ColorNameButton, theme.ColorNameFocus)
	text("hovered button text", theme.ColorNameForeground, dialog, theme.ColorNameButton, theme.ColorNameHover)
	text("primary button text", theme.ColorNameForegroundOnPrimary, dialog, theme.ColorNamePrimary)
	text("focused primary button text", theme.ColorNameForegroundOnPrimary, dialog, theme.ColorNamePrimary, theme.ColorNameFocus)
	text("hovered primary button text", theme.ColorNameForegroundOnPrimary, dialog, theme.ColorNamePrimary, theme.ColorNameHover)
	text("danger button text", theme.ColorNameForegroundOnError, dialog, theme.ColorNameError)
	text("warning button text", theme.ColorNameForegroundOnWarning, dialog, theme.ColorNameWarning)
	text("success button text", theme.ColorNameForegroundOnSuccess, dialog, theme.ColorNameSuccess)
	text("menu text", theme.ColorNameForeground, theme.ColorNameMenuBackground)
	text("focused menu item", theme.ColorNameForeground, theme.ColorNameMenuBackground, theme.ColorNameFocus)
	text("table header", theme.ColorNameForeground, theme.ColorNameHeaderBackground)
	return out
}

func TestThemeColoursMeetWCAGContrastInLightAndDark(t *testing.T) {
	test.NewTempApp(t) // Fyne's own colours are looked up through the app
	th := New()
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		var lines []string
		failed := false
		for _, p := range contrastPairs() {
			bg := flatten(th, v.variant, p.on)
			// A translucent colour (focus, selection) shows blended
			// over what is beneath it.
			ratio := contrast(over(th.Color(p.fg, v.variant), bg), bg)
			mark := "ok  "
			if ratio < p.min {
				mark, failed = "FAIL", true
			}
			lines = append(lines, fmt.Sprintf("%s %5.2f:1 (needs %.1f) %s: %s on %s", mark, ratio, p.min, p.what, p.fg, strings.Join(names(p.on), "+")))
		}
		if failed || testing.Verbose() {
			report := t.Logf
			if failed {
				report = t.Errorf
			}
			report("%s theme:\n%s", v.name, strings.Join(lines, "\n"))
		}
	}
}

func names(ns []fyne.ThemeColorName) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = string(n)
	}
	return out
}

// flatten blends the stack of colours bottom first into the opaque colour
// it shows. The bottom is taken as opaque: it is the window or a dialog.
func flatten(th fyne.Theme, v fyne.ThemeVariant, stack []fyne.ThemeColorName) color.NRGBA {
	bg := color.NRGBAModel.Convert(th.Color(stack[0], v)).(color.NRGBA)
	bg.A = 0xff
	for _, n := range stack[1:] {
		bg = over(th.Color(n, v), bg)
	}
	return bg
}

// over draws c on the opaque bg, as Fyne's renderer blends (in sRGB
// values, not in linear light).
func over(c color.Color, bg color.NRGBA) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(f, b uint8) uint8 { return uint8(math.Round(float64(f)*a + float64(b)*(1-a))) }
	return color.NRGBA{R: mix(n.R, bg.R), G: mix(n.G, bg.G), B: mix(n.B, bg.B), A: 0xff}
}

// luminance is WCAG's relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is WCAG's contrast ratio of two opaque colours.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastFormulaMatchesWCAGReferenceValues(t *testing.T) {
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for _, c := range []struct {
		c    color.NRGBA
		want float64
	}{
		{color.NRGBA{0, 0, 0, 0xff}, 21},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, 4.54},
		{color.NRGBA{0x94, 0x94, 0x94, 0xff}, 3.03},
		{white, 1},
	} {
		if got := contrast(c.c, white); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast of %v on white = %.3f, want %.2f", c.c, got, c.want)
		}
	}
	// Half-transparent black on white shows as mid grey.
	if got := over(color.NRGBA{0, 0, 0, 0x80}, white); got != (color.NRGBA{0x7f, 0x7f, 0x7f, 0xff}) {
		t.Errorf("half black over white = %v", got)
	}
}
