package gui

// THIS FILE IS THE CONTRACT between the main window (window.go, table.go,
// details.go, ...) and the action dialogs (setpassword.go, factorydefault.go,
// assignip.go, ...), written first so both can be built in parallel. The
// dialogs' author replaces these bodies (moving each into its own file) and
// keeps the signatures.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// ActionHost is what an action needs from the main window.
type ActionHost interface {
	Window() fyne.Window
	Deps() Deps
	// SetBusy marks cameras as busy in the table while an action runs.
	SetBusy(mac string, busy bool)
	// Local is this computer's network interfaces (for subnet warnings).
	Local() []netif.Interface
	// Refresh searches again (after an address change or a reset).
	Refresh()
}

// ShowSetPassword opens the first-password dialog for one or several
// cameras that need setup.
func ShowSetPassword(h ActionHost, cams []discovery.Device) { notYet(h) }

// ShowFactoryDefault opens the factory-default dialog for one camera.
func ShowFactoryDefault(h ActionHost, cam discovery.Device) { notYet(h) }

// ShowAssignIP opens the network-settings dialog for one camera.
func ShowAssignIP(h ActionHost, cam discovery.Device) { notYet(h) }

// RestartCamera asks for the password and restarts the camera, with progress.
func RestartCamera(h ActionHost, cam discovery.Device) { notYet(h) }

// OpenInBrowser opens the camera's web page.
func OpenInBrowser(h ActionHost, cam discovery.Device) { notYet(h) }

// CopyDetails puts a plain-text description of the camera on the clipboard.
func CopyDetails(h ActionHost, cam discovery.Device) { notYet(h) }

func notYet(h ActionHost) {
	dialog.ShowInformation("OpenIPU", "This action is being built.", h.Window())
}
