package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/addresswizard"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
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

// actionLabel is an action's button and menu text: with cameras ticked it
// says how many it will work on ("Restart 3 cameras"), so nobody has to
// guess whether the ticked cameras or the selected one are meant.
func (w *MainWindow) actionLabel(a actionID) string {
	if _, ticked := w.chosen(); !ticked {
		return actionTitle(a)
	}
	n := len(w.targets(a))
	if n == 0 {
		// Never "Restart 0 cameras": the button is off, and the ticked
		// card says why.
		return actionTitle(a)
	}
	switch a {
	case actSetPassword:
		return i18n.Counted("details.set_password_n", "Set password on {{.Count}} camera…", "Set password on {{.Count}} cameras…", n)
	case actFactoryDefault:
		return i18n.Counted("action.factory_default_n", "Factory default {{.Count}} camera…", "Factory default {{.Count}} cameras…", n)
	case actAssignIP:
		return i18n.Counted("action.assign_ip_n", "Assign an address to {{.Count}} camera…", "Assign addresses to {{.Count}} cameras…", n)
	case actRestart:
		return i18n.Counted("action.restart_n", "Restart {{.Count}} camera", "Restart {{.Count}} cameras", n)
	case actCopyDetails:
		return i18n.Counted("action.copy_details_n", "Copy details of {{.Count}} camera", "Copy details of {{.Count}} cameras", n)
	}
	return actionTitle(a)
}

// enabled says whether an action can run on the current choice.
func (w *MainWindow) enabled(a actionID) bool { return len(w.targets(a)) > 0 }

// actionDialogs open the action dialogs: one camera's dialog for one
// target, the bulk dialog for several. Tests swap them to see which dialog
// opens for which cameras without the dialogs' network work.
type actionDialogs struct {
	setPassword     func(dialogs.Host, []discovery.Device)
	factoryDefault  func(dialogs.Host, discovery.Device)
	factoryDefaults func(dialogs.Host, []discovery.Device)
	assignIP        func(dialogs.Host, discovery.Device)
	giveAddress     func(dialogs.Host, discovery.Device)
	assignRange     func(dialogs.Host, []discovery.Device)
	restart         func(dialogs.Host, discovery.Device)
	restarts        func(dialogs.Host, []discovery.Device)
	openBrowser     func(dialogs.Host, discovery.Device)
	copyDetails     func(dialogs.Host, []discovery.Device)
}

func defaultDialogs() actionDialogs {
	return actionDialogs{
		setPassword:     dialogs.ShowSetPassword,
		factoryDefault:  dialogs.ShowFactoryDefault,
		factoryDefaults: dialogs.ShowFactoryDefaultCameras,
		assignIP:        dialogs.ShowAssignIP,
		giveAddress:     func(h dialogs.Host, d discovery.Device) { addresswizard.Show(h, d) },
		assignRange:     dialogs.ShowAssignRange,
		restart:         dialogs.RestartCamera,
		restarts:        dialogs.RestartCameras,
		openBrowser:     dialogs.OpenInBrowser,
		copyDetails:     dialogs.CopyDetailsOfCameras,
	}
}

// runAction hands the chosen cameras to the action dialogs. It is the one
// place that decides which dialog an action opens: the menu, the
// shortcuts, the buttons, the row's menu and the details' suggestion all
// come here.
func (w *MainWindow) runAction(a actionID) {
	cams := w.targets(a)
	if len(cams) == 0 {
		return
	}
	open := w.dialogs
	switch a {
	case actSetPassword:
		open.setPassword(w, cams)
	case actFactoryDefault:
		if len(cams) == 1 {
			open.factoryDefault(w, cams[0])
		} else {
			open.factoryDefaults(w, cams)
		}
	case actAssignIP:
		// A camera that is found but cannot be reached (the factory
		// address on another network, an automatic address only) gets
		// the guided flow that reaches it first; one this computer
		// reaches gets its new settings at once.
		switch {
		case len(cams) == 1 && w.rows.state(cams[0]) == stateUnreachable:
			open.giveAddress(w, cams[0])
		case len(cams) == 1:
			open.assignIP(w, cams[0])
		default:
			open.assignRange(w, cams)
		}
	case actRestart:
		if len(cams) == 1 {
			open.restart(w, cams[0])
		} else {
			open.restarts(w, cams)
		}
	case actOpenBrowser:
		open.openBrowser(w, cams[0])
	case actCopyDetails:
		open.copyDetails(w, cams)
	}
}

// updateActions enables the menu items and buttons that fit the choice,
// and words them for it.
func (w *MainWindow) updateActions() {
	changed := false
	for a, it := range w.items {
		off := !w.enabled(a)
		label := w.actionLabel(a)
		if it.Disabled != off || it.Label != label {
			it.Disabled, it.Label = off, label
			changed = true
		}
	}
	if changed && w.menu != nil {
		w.menu.Refresh()
	}
	w.details.updateActions()
	w.updateHandoverItems()
}
