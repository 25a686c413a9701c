// Package apptheme is the window's look: Fyne's default theme with calmer
// colours, and the app's own icons.
package apptheme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme, light or dark as the system prefers,
// with a calmer blue and a selection colour that shows which row is
// selected in both variants.
type appTheme struct{ fyne.Theme }

// New is the app's theme.
func New() fyne.Theme { return &appTheme{Theme: theme.DefaultTheme()} }

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if dark {
			return color.NRGBA{R: 0x5e, G: 0xa8, B: 0xff, A: 0xff}
		}
		return color.NRGBA{R: 0x0b, G: 0x5c, B: 0xc7, A: 0xff}
	case theme.ColorNameSelection:
		if dark {
			return color.NRGBA{R: 0x5e, G: 0xa8, B: 0xff, A: 0x40}
		}
		return color.NRGBA{R: 0x0b, G: 0x5c, B: 0xc7, A: 0x2a}
	case theme.ColorNameFocus:
		if dark {
			return color.NRGBA{R: 0x5e, G: 0xa8, B: 0xff, A: 0x6a}
		}
		return color.NRGBA{R: 0x0b, G: 0x5c, B: 0xc7, A: 0x5a}
	case theme.ColorNameWarning:
		// Fyne's orange is too pale to read as text on white; warnings here
		// are sentences people must read.
		if !dark {
			return color.NRGBA{R: 0xa8, G: 0x4f, B: 0x00, A: 0xff}
		}
	}
	return t.Theme.Color(n, v)
}
