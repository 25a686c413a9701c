// Package apptheme is the window's look: Fyne's default theme with calmer
// colours that people with weak sight can still tell apart, and the app's
// own icons.
package apptheme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme, light or dark as the system prefers,
// with a calmer blue and colours that stand out from what they are drawn
// on as WCAG asks: 4.5:1 for text, 3:1 for the outlines and icons that say
// what a control is and which state it is in (contrast_test.go checks every
// pair). Fyne's own palette fails both in places: its empty check boxes,
// entry borders and success green nearly vanish on white, and white text on
// the dark theme's light blue buttons is hard to read.
type appTheme struct{ fyne.Theme }

// New is the app's theme.
func New() fyne.Theme { return &appTheme{Theme: theme.DefaultTheme()} }

// The two palettes. Only what differs from Fyne's is here; the rest
// (backgrounds, buttons, hover) is Fyne's, and the test holds it to the
// same thresholds.
var (
	light = map[fyne.ThemeColorName]color.Color{
		// Near-black text rather than Fyne's grey, so text stays readable
		// on a focused button, which is tinted with the focus colour.
		theme.ColorNameForeground:          rgb(0x1f, 0x1f, 0x1f),
		theme.ColorNamePlaceHolder:         rgb(0x6b, 0x6b, 0x6b),
		theme.ColorNamePrimary:             rgb(0x0b, 0x5c, 0xc7),
		theme.ColorNameHyperlink:           rgb(0x0b, 0x5c, 0xc7),
		theme.ColorNameForegroundOnPrimary: rgb(0xff, 0xff, 0xff),
		theme.ColorNameSelection:           color.NRGBA{R: 0x0b, G: 0x5c, B: 0xc7, A: 0x2a},
		// A dark blue, half covering what it tints: the focus disc of a
		// check box stands out from the page, a focused button keeps its
		// text readable, and a focused blue button turns darker.
		theme.ColorNameFocus: color.NRGBA{R: 0x00, G: 0x28, B: 0x78, A: 0x85},
		// Empty check boxes and radios are their outline only.
		theme.ColorNameInputBorder: rgb(0x85, 0x85, 0x85),
		theme.ColorNameError:       rgb(0xc6, 0x28, 0x28),
		// Warnings and successes are sentences people must read, and
		// Fyne's orange and green are too pale for text on white.
		theme.ColorNameWarning:             rgb(0xa8, 0x4f, 0x00),
		theme.ColorNameSuccess:             rgb(0x1e, 0x7b, 0x34),
		theme.ColorNameForegroundOnError:   rgb(0xff, 0xff, 0xff),
		theme.ColorNameForegroundOnWarning: rgb(0xff, 0xff, 0xff),
		theme.ColorNameForegroundOnSuccess: rgb(0xff, 0xff, 0xff),
	}
	dark = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameForeground: rgb(0xff, 0xff, 0xff),
		theme.ColorNamePrimary:    rgb(0x5e, 0xa8, 0xff),
		theme.ColorNameHyperlink:  rgb(0x5e, 0xa8, 0xff),
		// The light blue that reads well as text on the dark page is too
		// light for white text: buttons of that blue carry dark text.
		theme.ColorNameForegroundOnPrimary: rgb(0x0d, 0x11, 0x17),
		theme.ColorNameSelection:           color.NRGBA{R: 0x5e, G: 0xa8, B: 0xff, A: 0x40},
		theme.ColorNameFocus:               color.NRGBA{R: 0xa8, G: 0xcc, B: 0xff, A: 0x78},
		theme.ColorNameInputBorder:         rgb(0x80, 0x80, 0x80),
	}
)

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	palette := light
	if v == theme.VariantDark {
		palette = dark
	}
	if c, ok := palette[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
