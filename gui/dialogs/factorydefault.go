package dialogs

import (
	"context"
	"image/color"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/fileurl"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/widgets"
)

// factoryDefaultDialog backs a camera's settings up, resets it and waits
// for it to come back needing a password.
type factoryDefaultDialog struct {
	*frame
	cam discovery.Device

	intro       *widget.Label
	mode        *widgets.OptionGroup
	login       *loginFields
	backupWhere *widget.Label
	confirmText *widget.Label
	confirm     *widgets.EscEntry
	confirmBox  *fyne.Container
	// whereBox shows the backup's folder, to find by hand, when this
	// computer cannot open the file itself.
	whereBox  *fyne.Container
	wherePath *widget.Label
	copyPath  *widgets.EscButton

	openBackup    *widgets.EscButton
	withoutBackup *widgets.EscButton
	setPassword   *widgets.EscButton
	guidedReset   *widgets.EscButton
	skipConfirm   *dialog.ConfirmDialog

	backupPath string
	// back is true once the camera answered again after the reset.
	back bool
}

// ShowFactoryDefault opens the factory-default dialog for one camera.
func ShowFactoryDefault(h Host, cam discovery.Device) {
	d := newFactoryDefaultDialog(h, cam)
	d.show(d.login.password)
}

func newFactoryDefaultDialog(h Host, cam discovery.Device) *factoryDefaultDialog {
	d := &factoryDefaultDialog{cam: cam}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.reset.title", "Reset to factory settings"), body, lang.X("dialog.reset.button", "Reset camera"), func() { d.start(false) })
	d.primary.Importance = widget.DangerImportance
	d.primary.SetIcon(theme.HistoryIcon())
	esc := d.escape

	d.intro = widgets.Wrapped(lang.X("dialog.reset.intro", "Reset {{.Camera}} to its factory settings. Choose how much to erase:", map[string]any{"Camera": CameraTitle(cam)}))
	d.mode = widgets.NewOptionGroup([]string{lang.X("dialog.reset.soft", "Soft reset (recommended)"), lang.X("dialog.reset.hard", "Hard reset")}, 0, func(int) { d.validate() }, esc)
	softWhat, hardWhat := widgets.Wrapped(lang.X("dialog.reset.soft_what", "Erases users, passwords and settings, keeps the IP address.")), widgets.Wrapped(lang.X("dialog.reset.hard_what", "Erases everything including the IP address — the camera may come back at 192.168.0.90 or 169.254.x.x."))
	d.login = newLoginFieldsFor(h, cam, d.submit, esc, d.validate)
	dir := h.Backend().BackupDir
	if dir == "" {
		dir = lang.X("dialog.reset.backup_default_folder", "the OpenIPU backups folder")
	}
	d.backupWhere = widgets.Wrapped(lang.X("dialog.reset.backup_where", "First, the camera's settings are saved to a file in {{.Dir}}.", map[string]any{"Dir": dir}))

	d.confirmText = widgets.Wrapped(lang.X("dialog.reset.confirm_no_mac", "To confirm the hard reset, type the word RESET:"))
	if cam.MAC != "" {
		d.confirmText.SetText(lang.X("dialog.reset.confirm", "To confirm the hard reset, type the camera's MAC address ({{.MAC}}) or the word RESET:", map[string]any{"MAC": cam.MAC}))
	}
	d.confirm = widgets.NewEscEntry(esc)
	d.confirm.OnChanged = func(string) { d.validate() }
	d.confirm.OnSubmitted = func(string) { d.submit() }
	d.confirmBox = container.NewVBox(d.confirmText, d.confirm)
	d.confirmBox.Hide()

	whereText := widgets.Wrapped(lang.X("dialog.reset.open_failed", "This computer could not open the backup. It is in this folder:"))
	whereText.Importance = widget.WarningImportance
	d.wherePath = widget.NewLabel("")
	d.wherePath.Selectable = true
	d.wherePath.Wrapping = fyne.TextWrapBreak
	d.copyPath = widgets.NewEscButton(lang.X("dialog.reset.copy_path", "Copy path"), theme.ContentCopyIcon(), d.copyBackupFolder, esc)
	d.whereBox = container.NewVBox(whereText, container.NewBorder(nil, nil, nil, d.copyPath, d.wherePath))
	d.whereBox.Hide()

	d.openBackup = widgets.NewEscButton(lang.X("dialog.reset.open_backup", "Open backup"), theme.FileTextIcon(), d.openBackupFile, esc)
	d.withoutBackup = widgets.NewEscButton(lang.X("dialog.reset.without_backup", "Reset without a backup…"), theme.WarningIcon(), d.askSkipBackup, esc)
	d.setPassword = widgets.NewEscButton(lang.X("dialog.reset.set_password", "Set the password now"), theme.AccountIcon(), d.setPasswordNow, esc)
	d.setPassword.Importance = widget.HighImportance
	d.guidedReset = widgets.NewEscButton(lang.X("dialog.guided_reset", "Guided factory reset…"), theme.HelpIcon(), d.openGuidedReset, esc)

	body.Objects = []fyne.CanvasObject{
		d.intro,
		d.mode.Buttons[0], underOption(softWhat),
		d.mode.Buttons[1], underOption(hardWhat),
		widget.NewSeparator(),
		d.login.box,
		d.backupWhere,
		d.whereBox,
		d.confirmBox,
	}
	d.whenClosed(d.forget)
	d.validate()
	return d
}

func (d *factoryDefaultDialog) resetMode() vapix.ResetMode { return resetModeOf(d.mode) }

// confirmed is the typed confirmation a hard reset needs: the camera's MAC
// (in any of the usual spellings) or the word RESET.
func (d *factoryDefaultDialog) confirmed() bool {
	if d.resetMode() != vapix.Hard {
		return true
	}
	typed := d.confirm.Text
	if typed == "RESET" || typed == "reset" {
		return true
	}
	mac := macaddr.Normalize(typed)
	return mac != "" && mac == macaddr.Normalize(d.cam.MAC)
}

func (d *factoryDefaultDialog) validate() {
	if d.resetMode() == vapix.Hard {
		d.confirmBox.Show()
	} else {
		d.confirmBox.Hide()
	}
	d.login.check()
	if d.login.err() == nil && d.confirmed() && !d.running && !d.back {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

func (d *factoryDefaultDialog) submit() {
	if !d.primary.Disabled() {
		d.start(false)
	}
}

func (d *factoryDefaultDialog) setFormEnabled(on bool) {
	d.login.setEnabled(on)
	d.mode.SetEnabled(on)
	if on {
		d.confirm.Enable()
	} else {
		d.confirm.Disable()
	}
}

// start runs login, backup, reset and the wait. skipBackup is only ever
// true after the user confirmed resetting without one.
func (d *factoryDefaultDialog) start(skipBackup bool) {
	if d.login.err() != nil || !d.confirmed() || d.running {
		return
	}
	user, pw, mode := d.login.user.Text, d.login.password.Text, d.resetMode()
	env, cam := d.env(), d.cam
	dest := d.h.Backend().BackupDir
	if dest != "" {
		dest += string(filepath.Separator)
	}
	req := workflow.FactoryDefaultRequest{Mode: mode, Backup: dest, SkipBackup: skipBackup, Wait: workflow.RebootWait}
	d.setFormEnabled(false)
	d.setButtons()
	d.status.Importance = widget.MediumImportance
	d.run([]string{cam.MAC}, func(ctx context.Context) func() {
		res, err := workflow.FactoryDefault(ctx, env, workflow.TargetOf(cam), workflow.As(workflow.Credentials{User: user, Password: pw}), req, d.progress(mode))
		return func() { d.done(res, err, mode) }
	})
}

// progress shows the workflow's steps; the saved backup and the hard
// reset's warning get places of their own.
func (d *factoryDefaultDialog) progress(mode vapix.ResetMode) func(workflow.Progress) {
	// The hard reset's warning is shown once, when the wait begins,
	// whatever phase or time the first report brings on a slow machine.
	// The callback runs on the one work goroutine, so no lock is needed.
	warned := false
	return func(p workflow.Progress) {
		switch p.Step {
		case workflow.StepBackupSaved:
			d.ui(func() { d.showBackup(p.Path) })
			return
		case workflow.StepRebooting:
			if mode == vapix.Hard && !warned {
				warned = true
				d.ui(func() {
					d.problem.Set(widgets.NoticeInfo, lang.X("dialog.reset.hard_wait", "After a hard reset the camera may come back at a different address. If it does not come back here, the camera list will find it."), "")
					d.relayout()
				})
			}
		}
		d.step(p)
	}
}

// done shows how the reset ended. It runs on the Fyne goroutine.
func (d *factoryDefaultDialog) done(res workflow.FactoryDefaultResult, err error, mode vapix.ResetMode) {
	cam, path := d.cam, res.BackupPath
	if res.Accepted || workflow.KindOf(err) == workflow.BackupFailed {
		// The login worked: offer this name for this camera next time.
		rememberAdminOf(d.h, cam.MAC, res.User)
	}
	if !res.Accepted {
		d.problem.ShowError(err)
		if workflow.KindOf(err) == workflow.BackupFailed {
			d.status.SetText(lang.X("dialog.reset.not_reset", "The camera was NOT reset, because its settings could not be saved first."))
			d.status.Importance = widget.DangerImportance
			d.setFormEnabled(true)
			d.setButtons(d.withoutBackup)
		} else {
			d.status.SetText("")
			d.setFormEnabled(true)
			extra := d.extraButtons(path)
			if vapix.KindOf(err) == vapix.WrongPassword && guidedResetOf(d.h) != nil {
				// The notice says a lost password means a reset with the
				// camera's button; this is the way there.
				extra = append(extra, d.guidedReset)
			}
			d.setButtons(extra...)
		}
		d.validate()
		return
	}
	d.keepBackupButton(path)
	d.h.Refresh()
	d.back = true
	d.primary.Hide()
	switch {
	case err == nil:
		d.status.SetText("")
		d.problem.Set(widgets.NoticeSuccess, lang.X("dialog.reset.back", "{{.Camera}} is back with factory settings, at the same address. It needs a password now.", map[string]any{"Camera": CameraTitle(cam)}), "")
		d.setButtons(append(d.extraButtons(path), d.setPassword)...)
		d.h.Window().Canvas().Focus(d.setPassword)
	case mode == vapix.Hard && vapix.KindOf(err) == vapix.RebootTimeout:
		d.status.SetText("")
		d.problem.Set(widgets.NoticeWarning, lang.X("dialog.reset.gone", "The camera accepted the hard reset but has not come back at {{.Host}}.", map[string]any{"Host": CameraAddress(cam)}), lang.X("dialog.reset.gone_next", "After a hard reset it may come back at another address: from the network's DHCP server, or 192.168.0.90, or 169.254.x.x. The camera list is searching again; look for it there in a minute."))
	default:
		d.problem.ShowError(err)
		d.status.SetText(lang.X("dialog.reset.accepted_then", "The camera had already accepted the reset; it finishes by itself."))
	}
}

func (d *factoryDefaultDialog) extraButtons(path string) []fyne.CanvasObject {
	if path == "" {
		return nil
	}
	return []fyne.CanvasObject{d.openBackup}
}

func (d *factoryDefaultDialog) keepBackupButton(path string) {
	d.setButtons(d.extraButtons(path)...)
}

// showBackup says where the settings went, with a button to open the file.
func (d *factoryDefaultDialog) showBackup(path string) {
	d.backupPath = path
	d.backupWhere.SetText(lang.X("dialog.reset.saved", "Settings saved to {{.Path}}", map[string]any{"Path": path}))
	d.backupWhere.Importance = widget.SuccessImportance
	d.backupWhere.Refresh()
	d.setButtons(d.openBackup)
}

func (d *factoryDefaultDialog) openBackupFile() {
	if d.backupPath == "" {
		return
	}
	if err := d.h.OpenURL(fileURL(d.backupPath)); err != nil {
		// The reset worked and the file is saved: the notice keeps saying
		// so, and the folder is shown to open by hand. Why the computer
		// could not open it (no program for it) is nothing to act on.
		d.wherePath.SetText(filepath.Dir(d.backupPath))
		d.whereBox.Show()
		d.relayout()
	}
}

func (d *factoryDefaultDialog) copyBackupFolder() {
	if d.wherePath.Text != "" {
		fyne.CurrentApp().Clipboard().SetContent(d.wherePath.Text)
	}
}

// openGuidedReset hands the camera to the guided reset with its control
// button, which needs no password.
func (d *factoryDefaultDialog) openGuidedReset() {
	guided := guidedResetOf(d.h)
	if guided == nil {
		return
	}
	cam := latest(d.h, d.cam)
	d.close()
	guided(cam)
}

// askSkipBackup is the extra confirmation before a reset without backup.
func (d *factoryDefaultDialog) askSkipBackup() {
	d.skipConfirm = dialog.NewConfirm(lang.X("dialog.reset.without_backup_title", "Reset without a backup?"), lang.X("dialog.reset.without_backup_text", "The camera's settings have not been saved. After the reset they are gone for good. Reset anyway?"), d.skipBackupAnswered, d.h.Window())
	d.skipConfirm.SetConfirmText(lang.X("dialog.reset.without_backup_yes", "Reset without a backup"))
	d.skipConfirm.SetConfirmImportance(widget.DangerImportance)
	d.skipConfirm.Show()
}

func (d *factoryDefaultDialog) skipBackupAnswered(yes bool) {
	if yes {
		d.start(true)
	}
}

// setPasswordNow hands the camera, which has no password now, to the
// set-password dialog. After a reset the camera list may know it better
// (a new address), so its entry is preferred.
func (d *factoryDefaultDialog) setPasswordNow() {
	cam := latest(d.h, d.cam)
	cam.Setup = discovery.SetupNeeded
	d.close()
	sp := newSetPasswordAfterReset(d.h, []discovery.Device{cam})
	sp.show(sp.user)
	if sp.user.Text != "" {
		d.h.Window().Canvas().Focus(sp.password)
	}
}

// latest is cam as the camera list knows it now, which may be at a newer
// address than when the dialog opened.
func latest(h Host, cam discovery.Device) discovery.Device {
	if now, ok := h.Camera(cam.MAC); ok && cam.MAC != "" && !now.Lost {
		return now
	}
	return cam
}

func (d *factoryDefaultDialog) forget() {
	d.login.clear()
	if d.skipConfirm != nil {
		d.skipConfirm.Hide()
	}
}

// fileURL makes a file:// URL that the system opens with the default
// program, by this computer's rules for paths.
func fileURL(path string) *url.URL { return fileurl.FromPath(path) }

// underOption indents an option's explanation to where the option's text
// starts, past its radio icon.
func underOption(o fyne.CanvasObject) fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.IconInlineSize()+2*theme.Padding(), 0))
	return container.NewBorder(nil, nil, gap, nil, o)
}

// resetModeOf reads the soft/hard choice both reset dialogs offer, soft
// first.
func resetModeOf(g *widgets.OptionGroup) vapix.ResetMode {
	if g.Selected == 1 {
		return vapix.Hard
	}
	return vapix.Soft
}
