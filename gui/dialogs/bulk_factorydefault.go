package dialogs

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// bulkFactoryDefaultDialog backs up and resets several cameras, each on its
// own: a camera whose settings cannot be saved is not reset, and the
// others go on.
type bulkFactoryDefaultDialog struct {
	*frame
	rows []*bulkRow

	intro       *widget.Label
	mode        *widgets.OptionGroup
	login       *loginFields
	backupWhere *widget.Label
	confirmText *widget.Label
	confirm     *widgets.EscEntry
	confirmBox  *fyne.Container

	openFolder  *widgets.EscButton
	setPassword *widgets.EscButton
	wait        time.Duration
	// lastMode is the mode of the last run; a hard reset's cameras may
	// come back elsewhere and need finding before a password is set.
	lastMode vapix.ResetMode
}

// ShowFactoryDefaultCameras resets the ticked cameras to factory settings,
// each backed up first, with one login for all. One camera gets the
// single-camera dialog.
func ShowFactoryDefaultCameras(h Host, cams []discovery.Device) {
	if len(cams) == 1 {
		ShowFactoryDefault(h, cams[0])
		return
	}
	d := newBulkFactoryDefaultDialog(h, cams)
	d.show(d.login.password)
}

func newBulkFactoryDefaultDialog(h Host, cams []discovery.Device) *bulkFactoryDefaultDialog {
	d := &bulkFactoryDefaultDialog{wait: workflow.RebootWait}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.bulk_reset.title", "Reset cameras to factory settings"), body,
		i18n.Counted("dialog.bulk_reset.button", "Reset 1 camera", "Reset {{.Count}} cameras", len(cams)), d.start)
	d.primary.Importance = widget.DangerImportance
	d.primary.SetIcon(theme.HistoryIcon())
	esc := d.escape

	d.intro = widgets.Wrapped(i18n.Counted("dialog.bulk_reset.intro",
		"Reset this camera to its factory settings. Choose how much to erase:",
		"Reset these {{.Count}} cameras to their factory settings. Choose how much to erase on each:", len(cams)))
	d.mode = widgets.NewOptionGroup([]string{lang.X("dialog.bulk_reset.soft", "Soft reset (recommended)"), lang.X("dialog.bulk_reset.hard", "Hard reset")}, 0, func(int) { d.validate() }, esc)
	softWhat := widgets.Wrapped(lang.X("dialog.bulk_reset.soft_what", "Erases users, passwords and all other settings. Keeps the network settings: each camera stays at its address."))
	hardWhat := widgets.Wrapped(lang.X("dialog.bulk_reset.hard_what", "Erases everything, the address too. Each camera comes back at 192.168.0.90 or with an address from the network's DHCP server, and the camera list has to find it again."))
	for _, c := range cams {
		d.rows = append(d.rows, newBulkRow(c, lang.X("dialog.bulk.waiting", "Waiting")))
	}
	table, _ := bulkTable(d.rows)
	d.login = bulkLogin(h, cams, d.submit, esc, d.validate)
	dir := h.Backend().BackupDir
	if dir == "" {
		dir = lang.X("dialog.bulk_reset.backup_default_folder", "the OpenIPU backups folder")
	}
	d.backupWhere = widgets.Wrapped(lang.X("dialog.bulk_reset.backup_where", "First, each camera's settings are saved to a file of its own in {{.Dir}}. A camera whose settings cannot be saved is not reset; the others go on.", map[string]any{"Dir": dir}))

	d.confirmText = widgets.Wrapped(i18n.Counted("dialog.bulk_reset.confirm", "To confirm the hard reset of 1 camera, type the word RESET:", "To confirm the hard reset of {{.Count}} cameras, type the word RESET:", len(cams)))
	d.confirm = widgets.NewEscEntry(esc)
	d.confirm.OnChanged = func(string) { d.validate() }
	d.confirm.OnSubmitted = func(string) { d.submit() }
	d.confirmBox = container.NewVBox(d.confirmText, d.confirm)
	d.confirmBox.Hide()

	d.openFolder = widgets.NewEscButton(lang.X("dialog.bulk_reset.open_folder", "Open the backups folder"), theme.FolderOpenIcon(), d.openBackupFolder, esc)
	d.setPassword = widgets.NewEscButton(lang.X("dialog.bulk_reset.set_password", "Set the password now"), theme.AccountIcon(), d.setPasswordNow, esc)
	d.setPassword.Importance = widget.HighImportance

	body.Objects = []fyne.CanvasObject{
		d.intro,
		d.mode.Buttons[0], underOption(softWhat),
		d.mode.Buttons[1], underOption(hardWhat),
		table,
		widget.NewSeparator(),
		d.login.box,
		d.backupWhere,
		d.confirmBox,
	}
	d.whenClosed(d.forget)
	d.validate()
	return d
}

func (d *bulkFactoryDefaultDialog) resetMode() vapix.ResetMode { return resetModeOf(d.mode) }

// confirmed is the typed word a hard reset of several cameras needs: no
// single MAC stands for them all.
func (d *bulkFactoryDefaultDialog) confirmed() bool {
	if d.resetMode() != vapix.Hard {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(d.confirm.Text), "RESET")
}

func (d *bulkFactoryDefaultDialog) validate() {
	widgets.SetVisible(d.confirmBox, d.resetMode() == vapix.Hard)
	d.login.check()
	left := len(rowsLeft(d.rows)) > 0
	widgets.SetVisible(d.primary, left)
	if d.login.err() == nil && d.confirmed() && !d.running && left {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

func (d *bulkFactoryDefaultDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

func (d *bulkFactoryDefaultDialog) setFormEnabled(on bool) {
	d.login.setEnabled(on)
	d.mode.SetEnabled(on)
	if on {
		d.confirm.Enable()
	} else {
		d.confirm.Disable()
	}
}

// start backs up and resets every camera not yet reset.
func (d *bulkFactoryDefaultDialog) start() {
	todo := rowsLeft(d.rows)
	if d.login.err() != nil || !d.confirmed() || d.running || len(todo) == 0 {
		return
	}
	login := workflow.As(workflow.Credentials{User: d.login.user.Text, Password: d.login.password.Text})
	mode, env := d.resetMode(), d.envForMany()
	dest := d.h.Backend().BackupDir
	if dest != "" {
		dest += string(filepath.Separator)
	}
	// Never SkipBackup here: resetting several cameras without their
	// settings saved is one decision too many to take for all at once.
	req := workflow.FactoryDefaultRequest{Mode: mode, Backup: dest, Wait: d.wait}
	d.lastMode = mode
	for _, r := range todo {
		r.show(rowWaiting, lang.X("dialog.bulk.waiting", "Waiting"), "")
	}
	d.setFormEnabled(false)
	d.setButtons()
	d.problem.Hide()
	d.status.SetText(bulkCount(0, len(todo)))
	var finished atomic.Int32
	d.runRows(todo, lang.X("dialog.bulk.stopped", "Stopped: not sent"), func(ctx context.Context, r *bulkRow) {
		backup := ""
		res, err := workflow.FactoryDefault(ctx, env, workflow.TargetOf(r.cam), login, req, func(p workflow.Progress) {
			if p.Step == workflow.StepBackupSaved {
				backup = p.Path
			}
			words, note := resetStepWords(p), backupNote(backup)
			d.ui(func() { r.show(rowWorking, words, note) })
		})
		n := int(finished.Add(1))
		d.ui(func() {
			d.showReset(r, res, err, mode)
			d.status.SetText(bulkCount(n, len(todo)))
		})
	}, d.finish)
}

// resetStepWords is a factory default's step as a row's short status.
func resetStepWords(p workflow.Progress) string {
	switch p.Step {
	case workflow.StepSavingBackup, workflow.StepBackupSaved:
		return lang.X("dialog.bulk_reset.row_saving", "Saving its settings…")
	case workflow.StepSending:
		return lang.X("dialog.bulk_reset.row_resetting", "Resetting…")
	case workflow.StepRebooting:
		return lang.X("dialog.bulk_reset.row_away", "Resetting… {{.Seconds}} s", map[string]any{"Seconds": int(p.Elapsed.Seconds())})
	}
	return lang.X("dialog.bulk.row_logging_in", "Logging in…")
}

// backupNote names a camera's backup file; the folder is said once, above.
func backupNote(path string) string {
	if path == "" {
		return ""
	}
	return lang.X("dialog.bulk_reset.row_backup", "Backup: {{.File}}", map[string]any{"File": filepath.Base(path)})
}

// showReset puts one camera's outcome in its row.
func (d *bulkFactoryDefaultDialog) showReset(r *bulkRow, res workflow.FactoryDefaultResult, err error, mode vapix.ResetMode) {
	if res.Accepted || workflow.KindOf(err) == workflow.BackupFailed {
		rememberAdminOf(d.h, r.cam.MAC, res.User)
	}
	if res.BackupPath != "" {
		r.backup = res.BackupPath
	}
	backup := backupNote(res.BackupPath)
	switch {
	case res.Accepted && err == nil:
		r.show(rowDone, lang.X("dialog.bulk_reset.row_back", "Back · needs a password"), backup)
	case res.Accepted && mode == vapix.Hard && vapix.KindOf(err) == vapix.RebootTimeout:
		r.show(rowUnsure, lang.X("dialog.bulk_reset.row_elsewhere", "Reset; not back here"),
			joinLines(backup, lang.X("dialog.bulk_reset.row_elsewhere_why", "After a hard reset it may come back at 192.168.0.90 or with an address from DHCP; the camera list is searching for it.")))
	case res.Accepted:
		r.show(rowUnsure, lang.X("dialog.bulk_reset.row_sent", "Reset sent"), joinLines(backup, problemSentence(err)))
	case workflow.KindOf(err) == workflow.BackupFailed:
		r.show(rowFailed, lang.X("dialog.bulk_reset.row_not_reset", "Not reset: no backup"), problemSentence(err))
	default:
		r.show(failedState(err), failedWords(err), joinLines(backup, problemSentence(err)))
	}
}

func joinLines(lines ...string) string {
	var kept []string
	for _, l := range lines {
		if l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// finish sums the run up. It runs on the Fyne goroutine.
func (d *bulkFactoryDefaultDialog) finish() {
	d.status.SetText("")
	d.setFormEnabled(true)
	var extra []fyne.CanvasObject
	if d.anyBackup() {
		extra = append(extra, d.openFolder)
	}
	if countDone(d.rows) > 0 {
		extra = append(extra, d.setPassword)
	}
	d.setButtons(extra...)
	d.summarise(d.rows,
		i18n.Counted("dialog.bulk_reset.all_back", "The camera is back with factory settings. It needs a password now.", "All {{.Count}} cameras are back with factory settings. They need a password now.", len(d.rows)),
		lang.X("dialog.bulk_reset.some", "{{.Done}} of {{.N}} cameras are back with factory settings. The list says what happened to the others; nothing else was changed on them.", map[string]any{"Done": countDone(d.rows), "N": len(d.rows)}))
	d.validate()
	if countDone(d.rows) > 0 && len(rowsLeft(d.rows)) == 0 {
		d.h.Window().Canvas().Focus(d.setPassword)
	}
	d.h.Refresh()
}

func (d *bulkFactoryDefaultDialog) anyBackup() bool {
	for _, r := range d.rows {
		if r.backup != "" {
			return true
		}
	}
	return false
}

func (d *bulkFactoryDefaultDialog) openBackupFolder() {
	dir := d.h.Backend().BackupDir
	if dir == "" {
		return
	}
	if err := d.h.OpenURL(fileURL(dir)); err != nil {
		// The backups are saved; why this computer could not show the
		// folder (no file manager for the URL) is nothing to act on, where
		// the folder is: it is said in full, to open by hand.
		d.problem.Set(widgets.NoticeWarning,
			lang.X("dialog.bulk_reset.open_folder_failed", "The backups folder could not be opened here."),
			lang.X("dialog.bulk_reset.open_folder_by_hand", "Open it yourself: {{.Dir}}", map[string]any{"Dir": dir}))
		d.relayout()
	}
}

// setPasswordNow hands the cameras that came back, which have no password
// now, to the set-password dialog; the camera list may know them at a
// newer address.
func (d *bulkFactoryDefaultDialog) setPasswordNow() {
	var cams []discovery.Device
	for _, r := range d.rows {
		if r.state != rowDone {
			continue
		}
		cam := r.cam
		if now, ok := d.h.Camera(cam.MAC); ok && cam.MAC != "" && !now.Lost {
			cam = now
		}
		cam.Setup = discovery.SetupNeeded
		cams = append(cams, cam)
	}
	if len(cams) == 0 {
		return
	}
	d.close()
	sp := newSetPasswordAfterReset(d.h, cams)
	sp.show(sp.user)
	if sp.user.Text != "" {
		d.h.Window().Canvas().Focus(sp.password)
	}
}

func (d *bulkFactoryDefaultDialog) forget() {
	d.login.clear()
}
