package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/gui/addresswizard"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
)

// actionID names the camera actions, which the menu, the shortcuts, the
// details panel and its suggestion all run the same way.
type actionID int

const (
	actSetPassword actionID = iota
	actFactoryDefault
	actAssignIP
	actRestart
	actOpenBrowser
	actCopyDetails
	numActions
)

func actionTitle(a actionID) string {
	switch a {
	case actSetPassword:
		return lang.X("action.set_password", "Set password…")
	case actFactoryDefault:
		return lang.X("action.factory_default", "Factory default…")
	case actAssignIP:
		return lang.X("action.assign_ip", "Assign IP address…")
	case actRestart:
		return lang.X("action.restart", "Restart")
	case actOpenBrowser:
		return lang.X("action.open_browser", "Open in web browser")
	}
	return lang.X("action.copy_details", "Copy details")
}

func actionIcon(a actionID) fyne.Resource {
	switch a {
	case actSetPassword:
		return apptheme.IconKey
	case actFactoryDefault:
		return apptheme.IconFactory
	case actAssignIP:
		return apptheme.IconNetwork
	case actRestart:
		return apptheme.IconPower
	case actOpenBrowser:
		return apptheme.IconLaunch
	}
	return theme.ContentCopyIcon()
}

// enabled says whether an action can run on the current choice.
func (w *MainWindow) enabled(a actionID) bool {
	if a == actSetPassword {
		return len(w.passwordTargets()) > 0
	}
	d, ok := w.target()
	if !ok {
		return false
	}
	st := w.rows.state(d)
	if st == stateBusy {
		return false
	}
	switch a {
	case actCopyDetails:
		return true
	case actAssignIP:
		return !d.Lost
	case actOpenBrowser:
		return d.HTTPURL != "" && st != stateLost && st != stateUnreachable
	case actFactoryDefault, actRestart:
		// A camera without a password has nothing to reset and no one
		// to log in as; one this computer cannot reach cannot be asked.
		return st != stateLost && st != stateUnreachable && st != stateNeedsPassword
	}
	return false
}

// runAction hands the chosen cameras to the action dialogs.
func (w *MainWindow) runAction(a actionID) {
	if !w.enabled(a) {
		return
	}
	if a == actSetPassword {
		dialogs.ShowSetPassword(w, w.passwordTargets())
		return
	}
	d, _ := w.target()
	switch a {
	case actFactoryDefault:
		dialogs.ShowFactoryDefault(w, d)
	case actAssignIP:
		// A camera this computer cannot reach gets the guided flow that
		// reaches it first; one it reaches gets its new settings at once.
		if w.rows.state(d) == stateUnreachable {
			addresswizard.Show(w, d)
			return
		}
		dialogs.ShowAssignIP(w, d)
	case actRestart:
		dialogs.RestartCamera(w, d)
	case actOpenBrowser:
		dialogs.OpenInBrowser(w, d)
	case actCopyDetails:
		dialogs.CopyDetails(w, d)
	}
}

// updateActions enables the menu items and buttons that fit the choice.
func (w *MainWindow) updateActions() {
	changed := false
	for a, it := range w.items {
		off := !w.enabled(a)
		if it.Disabled != off {
			it.Disabled = off
			changed = true
		}
	}
	if changed && w.menu != nil {
		w.menu.Refresh()
	}
	w.details.updateActions()
}
