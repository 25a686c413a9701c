package gui

// This file is the contract between the main window and the action
// dialogs. Each action lives in its own file: ShowSetPassword in
// setpassword.go, ShowFactoryDefault in factorydefault.go, ShowAssignIP in
// assignip.go, RestartCamera in restart.go, OpenInBrowser in browser.go and
// CopyDetails in clipboard.go. Call them on the Fyne goroutine (from a
// button, menu or shortcut); they return at once and do their network work
// on goroutines of their own.

import (
	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/backend"
)

// ActionHost is what an action needs from the main window. The dialogs call
// its methods on the Fyne goroutine only.
type ActionHost interface {
	Window() fyne.Window
	Backend() backend.Backend
	// SetBusy marks cameras as busy in the table while an action runs.
	SetBusy(mac string, busy bool)
	// Local is this computer's network interfaces (for subnet warnings).
	Local() []netif.Interface
	// Refresh searches again (after an address change or a reset).
	Refresh()
}
