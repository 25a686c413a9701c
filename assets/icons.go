package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

// The window's own icons, for what Fyne's theme has no picture of. They are
// monochrome SVGs (paths and fills only) so that theme.NewThemedResource can
// recolour them for light and dark themes.
//
//go:embed icons/*.svg
var icons embed.FS

func iconResource(name string) fyne.Resource {
	data, err := icons.ReadFile("icons/" + name)
	if err != nil {
		// Only a build without the embedded file can get here; the tests
		// read every icon.
		panic("assets: missing icon " + name)
	}
	return &fyne.StaticResource{StaticName: name, StaticContent: data}
}

// Icons, named after what they show.
var (
	IconCamera  = iconResource("camera.svg")  // a camera: the empty list
	IconKey     = iconResource("key.svg")     // needs a password; Set password
	IconNetwork = iconResource("network.svg") // network connections; Assign IP address
	IconLaunch  = iconResource("launch.svg")  // open in the web browser
	IconFactory = iconResource("factory.svg") // factory default
	IconPower   = iconResource("power.svg")   // restart
)
