package window

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/assets"
)

// stateIcons are made on first use: Fyne's own icons come from the
// current app's theme, which does not exist while packages initialise.
var stateIcons = sync.OnceValue(func() map[camState]fyne.Resource {
	return map[camState]fyne.Resource{
		stateNeedsPassword: theme.NewColoredResource(assets.IconKey, theme.ColorNameWarning),
		stateReady:         theme.NewSuccessThemedResource(theme.ConfirmIcon()),
		stateUnreachable:   theme.NewErrorThemedResource(theme.WarningIcon()),
		stateLost:          theme.NewDisabledResource(theme.QuestionIcon()),
		stateBusy:          theme.NewPrimaryThemedResource(theme.HistoryIcon()),
		stateChecking:      theme.NewDisabledResource(theme.SearchIcon()),
	}
})

func stateIcon(s camState) fyne.Resource { return stateIcons()[s] }
