// Package assets holds the files that ship inside the OpenIPU binaries: the
// application icon and the translations. They are embedded so that a single
// executable can be copied to a Windows or macOS machine and just run.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icon.png
	iconPNG []byte

	//go:embed icon.svg
	iconSVG []byte

	// Translations holds translations/<locale>.json, the files that
	// lang.AddTranslationsFS(Translations, "translations") loads. en.json is
	// generated from the core message tables; gui/ tests keep it complete.
	//
	//go:embed translations
	Translations embed.FS
)

// Icon is the 512×512 PNG application icon. Windows and the Linux desktop
// files need a bitmap; it is rendered from Logo (see icon_test.go).
var Icon fyne.Resource = &fyne.StaticResource{StaticName: "icon.png", StaticContent: iconPNG}

// Logo is the same picture as a scalable SVG, for use inside the window where
// it stays sharp at any scale factor.
var Logo fyne.Resource = &fyne.StaticResource{StaticName: "icon.svg", StaticContent: iconSVG}
