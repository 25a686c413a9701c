package gui

import (
	"context"
	"image/color"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

var (
	msgResetTitle        = dmsg("reset.title", "Reset to factory settings")
	msgResetIntro        = dmsg("reset.intro", "Reset {{.Camera}} to its factory settings. Choose how much to erase:")
	msgResetSoft         = dmsg("reset.soft", "Soft reset (recommended)")
	msgResetSoftWhat     = dmsg("reset.soft_what", "Erases users, passwords and settings, keeps the IP address.")
	msgResetHard         = dmsg("reset.hard", "Hard reset")
	msgResetHardWhat     = dmsg("reset.hard_what", "Erases everything including the IP address — the camera may come back at 192.168.0.90 or 169.254.x.x.")
	msgResetBackupWhere  = dmsg("reset.backup_where", "First, the camera's settings are saved to a file in {{.Dir}}.")
	msgResetBackupFolder = dmsg("reset.backup_default_folder", "the OpenIPU backups folder")
	msgResetConfirm      = dmsg("reset.confirm", "To confirm the hard reset, type the camera's MAC address ({{.MAC}}) or the word RESET:")
	msgResetConfirmNoMAC = dmsg("reset.confirm_no_mac", "To confirm the hard reset, type the word RESET:")
	msgResetButton       = dmsg("reset.button", "Reset camera")
	msgResetLoggingIn    = dmsg("reset.logging_in", "Logging in…")
	msgResetSaving       = dmsg("reset.saving", "Saving the camera's settings…")
	msgResetSending      = dmsg("reset.sending", "Sending the reset…")
	msgResetSaved        = dmsg("reset.saved", "Settings saved to {{.Path}}")
	msgResetOpenBackup   = dmsg("reset.open_backup", "Open backup")
	msgResetNotReset     = dmsg("reset.not_reset", "The camera was NOT reset, because its settings could not be saved first.")
	msgResetWithout      = dmsg("reset.without_backup", "Reset without a backup…")
	msgResetWithoutTitle = dmsg("reset.without_backup_title", "Reset without a backup?")
	msgResetWithoutText  = dmsg("reset.without_backup_text", "The camera's settings have not been saved. After the reset they are gone for good. Reset anyway?")
	msgResetWithoutYes   = dmsg("reset.without_backup_yes", "Reset without a backup")
	msgResetBackSame     = dmsg("reset.back", "{{.Camera}} is back with factory settings, at the same address. It needs a password now.")
	msgResetGone         = dmsg("reset.gone", "The camera accepted the hard reset but has not come back at {{.Host}}.")
	msgResetGoneNext     = dmsg("reset.gone_next", "After a hard reset it may come back at another address: from the network's DHCP server, or 192.168.0.90, or 169.254.x.x. The camera list is searching again; look for it there in a minute.")
	msgResetHardWait     = dmsg("reset.hard_wait", "After a hard reset the camera may come back at a different address. If it does not come back here, the camera list will find it.")
	msgResetAccepted     = dmsg("reset.accepted_then", "The camera had already accepted the reset; it finishes by itself.")
	msgResetSetPassword  = dmsg("reset.set_password", "Set the password now")
)

// factoryDefaultDialog backs a camera's settings up, resets it and waits
// for it to come back needing a password.
type factoryDefaultDialog struct {
	*actionFrame
	cam discovery.Device

	intro       *widget.Label
	mode        *optionGroup
	login       *loginFields
	backupWhere *widget.Label
	confirmText *widget.Label
	confirm     *escEntry
	confirmBox  *fyne.Container

	openBackup    *escButton
	withoutBackup *escButton
	setPassword   *escButton
	skipConfirm   *dialog.ConfirmDialog

	backupPath string
	// back is true once the camera answered again after the reset.
	back bool
}

// ShowFactoryDefault opens the factory-default dialog for one camera.
func ShowFactoryDefault(h ActionHost, cam discovery.Device) {
	d := newFactoryDefaultDialog(h, cam)
	d.show(d.login.password)
}

func newFactoryDefaultDialog(h ActionHost, cam discovery.Device) *factoryDefaultDialog {
	d := &factoryDefaultDialog{cam: cam}
	body := container.NewVBox()
	d.actionFrame = newActionFrame(h, dtext(msgResetTitle), body, dtext(msgResetButton), func() { d.start(false) })
	d.primary.Importance = widget.DangerImportance
	d.primary.SetIcon(theme.HistoryIcon())
	esc := d.escape

	d.intro = wrappedLabel(dtext(msgResetIntro, "Camera", cameraTitle(cam)))
	d.mode = newOptionGroup([]string{dtext(msgResetSoft), dtext(msgResetHard)}, 0, func(int) { d.validate() }, esc)
	softWhat, hardWhat := wrappedLabel(dtext(msgResetSoftWhat)), wrappedLabel(dtext(msgResetHardWhat))
	indent := func(o fyne.CanvasObject) fyne.CanvasObject {
		gap := canvas.NewRectangle(color.Transparent)
		gap.SetMinSize(fyne.NewSize(theme.IconInlineSize()+2*theme.Padding(), 0))
		return container.NewBorder(nil, nil, gap, nil, o)
	}
	d.login = newLoginFields(cam, d.submit, esc, d.validate)
	dir := h.Deps().BackupDir
	if dir == "" {
		dir = dtext(msgResetBackupFolder)
	}
	d.backupWhere = wrappedLabel(dtext(msgResetBackupWhere, "Dir", dir))

	d.confirmText = wrappedLabel(dtext(msgResetConfirmNoMAC))
	if cam.MAC != "" {
		d.confirmText.SetText(dtext(msgResetConfirm, "MAC", cam.MAC))
	}
	d.confirm = newEscEntry(esc)
	d.confirm.OnChanged = func(string) { d.validate() }
	d.confirm.OnSubmitted = func(string) { d.submit() }
	d.confirmBox = container.NewVBox(d.confirmText, d.confirm)
	d.confirmBox.Hide()

	d.openBackup = newEscButton(dtext(msgResetOpenBackup), theme.FileTextIcon(), d.openBackupFile, esc)
	d.withoutBackup = newEscButton(dtext(msgResetWithout), theme.WarningIcon(), d.askSkipBackup, esc)
	d.setPassword = newEscButton(dtext(msgResetSetPassword), theme.AccountIcon(), d.setPasswordNow, esc)
	d.setPassword.Importance = widget.HighImportance

	body.Objects = []fyne.CanvasObject{
		d.intro,
		d.mode.buttons[0], indent(softWhat),
		d.mode.buttons[1], indent(hardWhat),
		widget.NewSeparator(),
		d.login.box,
		d.backupWhere,
		d.confirmBox,
	}
	d.whenClosed(d.forget)
	d.validate()
	return d
}

func (d *factoryDefaultDialog) resetMode() vapix.ResetMode {
	if d.mode.selected == 1 {
		return vapix.Hard
	}
	return vapix.Soft
}

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
	mac := discovery.NormalizeMAC(typed)
	return mac != "" && mac == discovery.NormalizeMAC(d.cam.MAC)
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
	d.mode.setEnabled(on)
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
	deps := d.h.Deps()
	cam := d.cam
	d.setFormEnabled(false)
	d.setButtons()
	d.status.Importance = widget.MediumImportance
	d.run([]string{cam.MAC}, func(ctx context.Context) func() {
		return d.work(ctx, deps, cam, user, pw, mode, skipBackup)
	})
}

func (d *factoryDefaultDialog) work(ctx context.Context, deps Deps, cam discovery.Device, user, pw string, mode vapix.ResetMode, skipBackup bool) func() {
	fail := func(err error, detail string) func() {
		jerr := journalAction(deps, journal.FactoryDefault, cam, user, detail, err)
		return func() {
			d.journalFailed(jerr)
			d.problem.showError(err)
			d.setFormEnabled(true)
			d.validate()
		}
	}
	c, err := openCamera(deps, cam, ConnectOptions{})
	if err != nil {
		return fail(err, string(mode))
	}
	defer c.Close()

	d.say(dtext(msgResetLoggingIn))
	c.SetCredentials(user, pw)
	if err := c.VerifyLogin(ctx); err != nil {
		return fail(err, string(mode))
	}
	d.ui(func() { rememberAdmin(user) })

	path := ""
	if !skipBackup {
		d.say(dtext(msgResetSaving))
		id := backup.Identity{MAC: discovery.NormalizeMAC(cam.MAC), Serial: cam.Serial, Model: cam.Model, Firmware: cam.Firmware, Host: cameraAddress(cam)}
		dest := deps.BackupDir
		if dest != "" {
			dest += string(filepath.Separator)
		}
		p, berr := backup.Save(ctx, c, id, dest)
		jerr := journalAction(deps, journal.Backup, cam, user, p, berr)
		if berr != nil {
			// Journal details are English, as the command line writes them.
			jerr2 := journalAction(deps, journal.FactoryDefault, cam, user, string(mode)+", not sent: the backup failed", berr)
			return func() {
				d.journalFailed(jerr)
				d.journalFailed(jerr2)
				d.problem.showError(berr)
				d.status.SetText(dtext(msgResetNotReset))
				d.status.Importance = widget.DangerImportance
				d.setFormEnabled(true)
				d.setButtons(d.withoutBackup)
				d.validate()
			}
		}
		path = p
		d.ui(func() {
			d.journalFailed(jerr)
			d.showBackup(p)
		})
	}

	before, serr := c.SystemReady(ctx)
	if serr != nil {
		before = vapix.SystemReady{}
	}
	d.say(dtext(msgResetSending))
	err = c.FactoryDefault(ctx, mode)
	jerr := journalAction(deps, journal.FactoryDefault, cam, user, string(mode), err)
	if err != nil {
		return func() {
			d.journalFailed(jerr)
			d.problem.showError(err)
			d.setFormEnabled(true)
			d.keepBackupButton(path)
			d.validate()
		}
	}

	if mode == vapix.Hard {
		d.ui(func() {
			d.problem.set(noticeInfo, dtext(msgResetHardWait), "")
			d.relayout()
		})
	}
	// After a factory default the camera makes a new HTTPS certificate; only
	// anonymous status questions are asked of it from here on.
	waiter, werr := openCamera(deps, cam, ConnectOptions{AcceptNewCertificate: true})
	if werr != nil {
		waiter = c
	} else {
		defer waiter.Close()
	}
	_, err = waiter.WaitForReboot(ctx, before, rebootWait, func(p vapix.RebootProgress) {
		d.say(rebootText(p, true))
	})
	return func() {
		d.journalFailed(jerr)
		d.keepBackupButton(path)
		d.h.Refresh()
		switch {
		case err == nil:
			d.back = true
			d.status.SetText("")
			d.problem.set(noticeSuccess, dtext(msgResetBackSame, "Camera", cameraTitle(cam)), "")
			d.primary.Hide()
			d.setButtons(append(d.extraButtons(path), d.setPassword)...)
			d.h.Window().Canvas().Focus(d.setPassword)
		case mode == vapix.Hard && vapix.KindOf(err) == vapix.RebootTimeout:
			d.back = true
			d.status.SetText("")
			d.problem.set(noticeWarning, dtext(msgResetGone, "Host", cameraAddress(cam)), dtext(msgResetGoneNext))
			d.primary.Hide()
		default:
			d.back = true
			d.problem.showError(err)
			d.status.SetText(dtext(msgResetAccepted))
			d.primary.Hide()
		}
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
	d.backupWhere.SetText(dtext(msgResetSaved, "Path", path))
	d.backupWhere.Importance = widget.SuccessImportance
	d.backupWhere.Refresh()
	d.setButtons(d.openBackup)
}

func (d *factoryDefaultDialog) openBackupFile() {
	if d.backupPath == "" || d.h.Deps().OpenURL == nil {
		return
	}
	if err := d.h.Deps().OpenURL(fileURL(d.backupPath)); err != nil {
		d.problem.showError(err)
		d.relayout()
	}
}

// askSkipBackup is the extra confirmation before a reset without backup.
func (d *factoryDefaultDialog) askSkipBackup() {
	d.skipConfirm = dialog.NewConfirm(dtext(msgResetWithoutTitle), dtext(msgResetWithoutText), d.skipBackupAnswered, d.h.Window())
	d.skipConfirm.SetConfirmText(dtext(msgResetWithoutYes))
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
	cam := d.cam
	if disc := d.h.Deps().Discovery; disc != nil {
		for _, dev := range disc.Devices() {
			if dev.MAC != "" && dev.MAC == cam.MAC && !dev.Lost {
				cam = dev
			}
		}
	}
	cam.Setup = discovery.SetupNeeded
	d.close()
	sp := showSetPasswordAfterReset(d.h, []discovery.Device{cam})
	sp.show(sp.user)
	if sp.user.Text != "" {
		d.h.Window().Canvas().Focus(sp.password)
	}
}

func (d *factoryDefaultDialog) forget() {
	d.login.clear()
	if d.skipConfirm != nil {
		d.skipConfirm.Hide()
	}
}

// fileURL makes a file:// URL that the system opens with the default
// program; a Windows path "C:\x" becomes file:///C:/x.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if len(p) > 0 && p[0] != '/' {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
