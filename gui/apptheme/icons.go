package apptheme

import (
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/assets"
)

// Icons recolour themselves from the current theme each time they are
// drawn, so one instance of each serves light and dark.
var (
	IconCamera  = theme.NewThemedResource(assets.IconCamera)
	IconKey     = theme.NewThemedResource(assets.IconKey)
	IconNetwork = theme.NewThemedResource(assets.IconNetwork)
	IconLaunch  = theme.NewThemedResource(assets.IconLaunch)
	IconFactory = theme.NewThemedResource(assets.IconFactory)
	IconPower   = theme.NewThemedResource(assets.IconPower)
)
