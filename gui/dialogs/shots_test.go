package dialogs

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// DialogShot is one action dialog in a state worth a screenshot, reached
// without any network traffic: the fields are filled in and results are
// staged as a user would see them.
type DialogShot struct {
	// Name is a file name without extension, e.g. "set-password-results".
	Name string
	// Open shows the dialog on h's window, on the Fyne goroutine, and
	// returns the function that closes it again.
	Open func(h Host) (close func())
}

// shotPassword is a made-up password for pictures; entries show it masked.
const shotPassword = "Harbor-Lantern-42"

// DialogShots lists the dialogs in states worth a picture. It needs two
// cameras that need a password, one that is set up, and one on an address
// this computer cannot reach (for Assign IP address and ARP/Ping). It is
// exported for TestScreenshots, which stages them over the real window
// from outside the package.
func DialogShots(needPassword [2]discovery.Device, ready, elsewhere discovery.Device) []DialogShot {
	return []DialogShot{
		{"set-password", func(h Host) func() {
			d := newSetPasswordDialog(h, needPassword[:])
			d.show(d.password)
			d.user.SetText("admin")
			d.password.SetText(shotPassword)
			d.confirm.SetText(shotPassword)
			return d.close
		}},
		{"set-password-results", func(h Host) func() {
			d := newSetPasswordDialog(h, needPassword[:])
			d.show(nil)
			d.user.SetText("admin")
			d.password.SetText(shotPassword)
			d.confirm.SetText(shotPassword)
			d.rows[0].user = "admin"
			d.rows[0].set(rowDone, lang.X("dialog.setpw.row_admin", "Administrator: {{.User}}", map[string]any{"User": "admin"}))
			d.rows[1].set(rowFailed, problemSentence(&vapix.Error{Kind: vapix.NoAnswer, Host: CameraAddress(needPassword[1])}))
			d.finish()
			d.cancel.SetText(lang.X("dialog.button.close", "Close"))
			return d.close
		}},
		{"factory-default", func(h Host) func() {
			d := newFactoryDefaultDialog(h, ready)
			d.show(d.confirm)
			d.mode.Choose(1)
			d.login.password.SetText(shotPassword)
			return d.close
		}},
		{"factory-default-done", func(h Host) func() {
			d := newFactoryDefaultDialog(h, ready)
			d.show(nil)
			d.login.password.SetText(shotPassword)
			d.setFormEnabled(false)
			d.showBackup(filepath.Join(h.Backend().BackupDir, "openipu-backup-"+ready.MAC+"-20261126-120000.txt"))
			d.back = true
			d.problem.Set(widgets.NoticeSuccess, lang.X("dialog.reset.back", "{{.Camera}} is back with factory settings, at the same address. It needs a password now.", map[string]any{"Camera": CameraTitle(ready)}), "")
			d.primary.Hide()
			d.setButtons(d.openBackup, d.setPassword)
			d.cancel.SetText(lang.X("dialog.button.close", "Close"))
			return d.close
		}},
		{"assign-ip", func(h Host) func() {
			d := newAssignIPDialog(h, elsewhere)
			d.probeLaunch = func(func()) { d.probes.Done() }
			d.show(d.address)
			if p, ok := firstComputerPrefix(d.local); ok {
				a := p.Masked().Addr()
				for range 60 {
					a = a.Next()
				}
				d.address.SetText(a.String())
			}
			d.login.password.SetText(shotPassword)
			return d.close
		}},
		{"assign-ip-warning", func(h Host) func() {
			d := newAssignIPDialog(h, elsewhere)
			d.probeLaunch = func(func()) { d.probes.Done() }
			d.show(d.address)
			d.address.SetText("10.200.0.60")
			d.login.password.SetText(shotPassword)
			return d.close
		}},
		{"restart-progress", func(h Host) func() {
			d := newRestartDialog(h, ready)
			d.show(nil)
			d.login.password.SetText(shotPassword)
			d.login.setEnabled(false)
			d.primary.Disable()
			d.progress.Show()
			d.cancel.SetText(lang.X("dialog.button.stop", "Stop"))
			d.cancel.SetIcon(theme.MediaStopIcon())
			d.status.SetText(i18n.Text(workflow.RebootMessage(vapix.RebootProgress{Phase: vapix.RebootDown, Elapsed: 14e9}, false)))
			d.relayout()
			return d.close
		}},
		{"problem", func(h Host) func() {
			d := newRestartDialog(h, ready)
			d.show(nil)
			d.login.password.SetText(shotPassword)
			d.problem.ShowError(&vapix.Error{Kind: vapix.WrongPassword, Host: CameraAddress(ready), Err: errors.New("401")})
			d.problem.Text.Importance = widget.DangerImportance
			d.relayout()
			return d.close
		}},
		{"arpping", func(h Host) func() { return stagedARPPing(h, elsewhere, true) }},
		{"arpping-not-possible", func(h Host) func() { return stagedARPPing(h, elsewhere, false) }},
	}
}

// stagedARPPing opens ARP/Ping for cam with an address typed, saying what
// this computer would say of it without asking.
func stagedARPPing(h Host, cam discovery.Device, possible bool) (close func()) {
	d := newARPPingDialog(h, cam, false)
	d.probeLaunch = func(func()) { d.probes.Done() }
	d.pinger = stagedPinger{possible}
	d.checkAvailable()
	d.show(d.address)
	d.address.SetText("10.0.4.60")
	return d.close
}

// stagedPinger says what this computer would say of ARP/Ping, and assigns
// nothing.
type stagedPinger struct{ possible bool }

func (p stagedPinger) Available(iface string) (bool, usermsg.Message) {
	if p.possible {
		return true, usermsg.Message{Key: "arpping.available", Text: "This computer can give a camera an address through {{.Interface}}."}.With("Interface", iface)
	}
	return false, usermsg.Message{Key: "arpping.available.needs_admin", Text: "This needs administrator rights. Start OpenIPU as administrator once, or give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."}
}

func (stagedPinger) Assign(context.Context, arpping.Request, func(arpping.Progress)) error {
	return nil
}
