package dialogs

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/passphrase"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// rowState is one camera's place in a run.
type rowState int

const (
	rowWaiting rowState = iota
	rowWorking
	rowDone
	rowFailed
	rowStopped
)

// passwordRow is one camera's line in the result table.
type passwordRow struct {
	cam    discovery.Device
	state  rowState
	user   string // the account actually created
	icon   *widget.Icon
	name   *widget.Label
	status *widget.Label
	reason *widget.Label
	// guided opens the guided reset for a camera that already has a
	// password nobody here knows.
	guided *widgets.EscButton
	box    fyne.CanvasObject
}

// setPasswordDialog creates the first administrator on one or many cameras.
type setPasswordDialog struct {
	*frame
	cams []discovery.Device
	// afterReset: the cameras were just factory-reset here, so each made
	// itself a new HTTPS certificate; the one remembered from before the
	// reset is expected to differ and is replaced.
	afterReset bool
	// clip takes the copied password off the clipboard again.
	clip passwordClip
	// resetUnconfirmed counts the cameras of the last run that showed a
	// new certificate after a reset nobody here watched; resetQuestion
	// asks about them.
	resetUnconfirmed int
	resetQuestion    *dialog.ConfirmDialog

	intro          *widget.Label
	nameRule       *widget.Label
	user           *widgets.EscEntry
	userReason     *widget.Label
	password       *widgets.EscEntry
	passwordReason *widget.Label
	meter          *widgets.StrengthMeter
	confirm        *widgets.EscEntry
	confirmReason  *widget.Label
	showPw         *widgets.EscCheck
	generate       *widgets.EscButton
	// kind is what Generate makes: words or random characters.
	kind *widgets.OptionGroup
	// generated: the password in the fields is the one Generate made, so
	// choosing the other kind may replace it.
	generated     bool
	copyButton    *widgets.EscButton
	generatedNote *widget.Label
	rows          []*passwordRow
}

// ShowSetPassword opens the first-password dialog for one or several
// cameras that need setup.
func ShowSetPassword(h Host, cams []discovery.Device) {
	d := newSetPasswordDialog(h, cams)
	d.show(d.user)
	if d.user.Text != "" {
		h.Window().Canvas().Focus(d.password)
	}
}

// newSetPasswordAfterReset is Set password for cameras this program has
// just reset (the factory-default dialog, the reset wizard).
func newSetPasswordAfterReset(h Host, cams []discovery.Device) *setPasswordDialog {
	d := newSetPasswordDialog(h, cams)
	d.afterReset = true
	return d
}

func newSetPasswordDialog(h Host, cams []discovery.Device) *setPasswordDialog {
	d := &setPasswordDialog{cams: cams}
	body := container.NewVBox()
	buttonText := lang.X("dialog.setpw.button", "Set password")
	if len(cams) > 1 {
		buttonText = i18n.Counted("dialog.setpw.button_n", "Set password on {{.Count}} camera", "Set password on {{.Count}} cameras", len(cams))
	}
	d.frame = newFrame(h, lang.X("dialog.setpw.title", "Set the first password"), body, buttonText, d.start)
	esc := d.escape

	d.intro = widgets.Wrapped("")
	if len(cams) == 1 {
		d.intro.SetText(lang.X("dialog.setpw.intro_one", "{{.Camera}} has no administrator yet. Choose the administrator's name and password; the camera is checked by logging in with them.", map[string]any{"Camera": CameraTitle(cams[0])}))
	} else {
		d.intro.SetText(i18n.Counted("dialog.setpw.intro_n", "This camera has no administrator yet. Choose the administrator's name and password; it is checked by logging in with them.", "These {{.Count}} cameras have no administrator yet. Each gets the same name and password, and each is checked by logging in with them.", len(cams)))
	}

	old := 0
	for _, c := range cams {
		if onlyRootFirmware(c) {
			old++
		}
	}
	d.user = widgets.NewEscEntry(esc)
	d.nameRule = widgets.Wrapped(lang.X("dialog.setpw.name_rule", "1 to 14 letters and digits. AXIS OS older than 11.5 only accepts root: the app falls back to it automatically."))
	d.nameRule.SizeName = theme.SizeNameCaptionText // quieter than body text, yet readable (low importance is too faint)
	d.user.SetText(d.suggestedAdmin(h))
	switch {
	case old > 0 && len(cams) == 1:
		d.nameRule.SetText(lang.X("dialog.setpw.name_rule_root_one", "This camera's AXIS OS is older than 11.5 and only accepts the name root. With another name, the app falls back to root automatically."))
	case old > 0:
		d.nameRule.SetText(i18n.Counted("dialog.setpw.name_rule_root_n", "{{.Count}} of these cameras has AXIS OS older than 11.5, which only accepts the name root. With another name, the app falls back to root for it automatically.", "{{.Count}} of these cameras have AXIS OS older than 11.5, which only accepts the name root. With another name, the app falls back to root for those automatically.", old))
	}
	d.userReason = widgets.Reason()
	d.password = widgets.NewSecretEntry(esc)
	d.passwordReason = widgets.Reason()
	d.meter = widgets.NewStrengthMeter()
	d.meter.QuietShort = true
	d.confirm = widgets.NewSecretEntry(esc)
	d.confirmReason = widgets.Reason()
	d.showPw = widgets.NewEscCheck(lang.X("dialog.field.show_passwords", "Show the passwords"), d.revealPasswords, esc)
	d.generate = widgets.NewEscButton(lang.X("dialog.setpw.generate", "Generate strong password"), theme.ViewRefreshIcon(), d.generatePassword, esc)
	d.kind = widgets.NewOptionGroup([]string{
		lang.X("dialog.setpw.kind_words", "Words, easy to write down"),
		lang.X("dialog.setpw.kind_random", "Random characters"),
	}, 0, d.kindChosen, esc)
	d.copyButton = widgets.NewEscButton(lang.X("dialog.setpw.copy", "Copy"), theme.ContentCopyIcon(), d.copyPassword, esc)
	d.copyButton.Disable()
	d.generatedNote = widgets.Wrapped("")
	d.generatedNote.Importance = widget.WarningImportance
	d.generatedNote.Hide()

	for _, e := range []*widgets.EscEntry{d.user, d.password, d.confirm} {
		e.OnChanged = func(string) { d.validate() }
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.password.OnChanged = func(string) {
		d.generated = false
		d.validate()
	}

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("dialog.field.user_name", "User name")), container.NewVBox(d.user, d.nameRule, widgets.KeepLines(d.userReason, 2)),
		widget.NewLabel(lang.X("dialog.field.password", "Password")), container.NewVBox(d.password, widgets.KeepLines(d.passwordReason, 2), d.meter),
		widget.NewLabel(lang.X("dialog.field.confirm_password", "Repeat password")), container.NewVBox(d.confirm, widgets.KeepLines(d.confirmReason, 1)),
		layout.NewSpacer(), container.NewVBox(
			// Two rows, so that longer words in other languages stay
			// within the dialog's width.
			container.NewHBox(d.generate, d.copyButton),
			d.showPw,
			container.NewHBox(d.kind.Buttons[0], d.kind.Buttons[1]),
			d.generatedNote),
	)

	list := container.NewVBox()
	for _, c := range cams {
		r := newPasswordRow(c, d.openGuidedReset, esc)
		d.rows = append(d.rows, r)
		list.Add(r.box)
	}
	var table fyne.CanvasObject = list
	if len(cams) > 3 {
		scroll := container.NewVScroll(list)
		scroll.SetMinSize(fyne.NewSize(0, 200))
		table = scroll
	}
	// The cameras come first: before the run they say which cameras are
	// meant, after it they are the result, in view without scrolling.
	body.Objects = []fyne.CanvasObject{d.intro, table, widget.NewSeparator(), form}

	d.whenClosed(d.forget)
	d.validate()
	return d
}

// suggestedAdmin is the name these cameras had when this program last
// logged into or set up each of them, when it is the same for all; else
// root, the one name every camera accepts.
func (d *setPasswordDialog) suggestedAdmin(h Host) string {
	name := ""
	for i, c := range d.cams {
		user := adminFor(h, c)
		if i > 0 && user != name {
			return defaultAdmin
		}
		name = user
	}
	if name == "" {
		return defaultAdmin
	}
	return name
}

func newPasswordRow(cam discovery.Device, guided func(discovery.Device), esc func()) *passwordRow {
	r := &passwordRow{
		cam:    cam,
		icon:   widget.NewIcon(theme.MoreHorizontalIcon()),
		name:   widgets.Wrapped(CameraTitle(cam)),
		status: widget.NewLabel(lang.X("dialog.setpw.row_waiting", "Waiting")),
		reason: widgets.Wrapped(""),
	}
	r.name.TextStyle.Bold = true
	r.reason.Hide()
	r.guided = widgets.NewEscButton(lang.X("dialog.guided_reset", "Guided factory reset…"), theme.HelpIcon(), func() { guided(r.cam) }, esc)
	r.guided.Hide()
	r.box = container.NewBorder(nil, nil, container.NewVBox(r.icon), container.NewVBox(r.status),
		container.NewVBox(r.name, r.reason, container.NewHBox(r.guided)))
	return r
}

func (r *passwordRow) set(state rowState, reason string) {
	r.state = state
	r.guided.Hide()
	switch state {
	case rowWaiting:
		r.icon.SetResource(theme.MoreHorizontalIcon())
		r.status.Importance = widget.MediumImportance
		r.status.SetText(lang.X("dialog.setpw.row_waiting", "Waiting"))
	case rowWorking:
		r.icon.SetResource(theme.ViewRefreshIcon())
		r.status.Importance = widget.MediumImportance
		r.status.SetText(lang.X("dialog.setpw.row_working", "Setting the password…"))
	case rowDone:
		r.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		r.status.Importance = widget.SuccessImportance
		r.status.SetText(lang.X("dialog.setpw.row_done", "Done · verified"))
	case rowFailed:
		r.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		r.status.Importance = widget.DangerImportance
		r.status.SetText(lang.X("dialog.setpw.row_failed", "Failed"))
	case rowStopped:
		r.icon.SetResource(theme.MediaStopIcon())
		r.status.Importance = widget.WarningImportance
		r.status.SetText(lang.X("dialog.setpw.row_stopped", "Stopped: not sent"))
	}
	widgets.SetReason(r.reason, reason)
}

// validate says what stops the run, field by field, as the user types.
func (d *setPasswordDialog) validate() {
	widgets.SetReason(d.userReason, userNameProblem(d.user.Text))

	pw := d.password.Text
	d.meter.Update(pw)
	d.passwordReason.Importance = widget.DangerImportance
	switch {
	case pw == "":
		widgets.SetReason(d.passwordReason, "")
	case vapix.ValidatePassword(pw) != nil && len(pw) > vapix.MaxPasswordLen:
		widgets.SetReason(d.passwordReason, i18n.Counted("dialog.setpw.too_long_n", "This password has {{.Count}} character; cameras accept at most 64.", "This password has {{.Count}} characters; cameras accept at most 64.", len(pw)))
	case vapix.ValidatePassword(pw) != nil:
		widgets.SetReason(d.passwordReason, lang.X("dialog.setpw.bad_char", "This password contains a character cameras do not accept, such as an accented letter or a tab. Use the keyboard's letters, digits, spaces and punctuation."))
	case vapix.PasswordIsWeak(pw):
		d.passwordReason.Importance = widget.WarningImportance
		widgets.SetReason(d.passwordReason, lang.X("dialog.setpw.weak", "Shorter than 8 characters: easy to guess. It will work, but a longer password is much safer."))
	default:
		widgets.SetReason(d.passwordReason, "")
	}
	if d.confirm.Text != "" && d.confirm.Text != pw {
		widgets.SetReason(d.confirmReason, lang.X("dialog.setpw.mismatch", "The two passwords are not the same."))
	} else {
		widgets.SetReason(d.confirmReason, "")
	}
	if pw == "" {
		d.copyButton.Disable()
	} else {
		d.copyButton.Enable()
	}

	if d.ready() && !d.running && d.anyLeft() {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

// ready is true when name, password and repetition can be sent.
func (d *setPasswordDialog) ready() bool {
	return vapix.ValidateUserName(d.user.Text) == nil &&
		vapix.ValidatePassword(d.password.Text) == nil &&
		d.confirm.Text == d.password.Text
}

// anyLeft is true while some camera does not have the password yet.
func (d *setPasswordDialog) anyLeft() bool {
	for _, r := range d.rows {
		if r.state != rowDone {
			return true
		}
	}
	return false
}

func (d *setPasswordDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

func (d *setPasswordDialog) revealPasswords(on bool) {
	for _, e := range []*widgets.EscEntry{d.password, d.confirm} {
		e.Password = !on
		e.Refresh()
	}
}

func (d *setPasswordDialog) generatePassword() {
	var pw string
	var err error
	if d.kind.Selected == 1 {
		pw, err = passphrase.Generate(passphrase.DefaultGenerateLen)
	} else {
		pw, err = passphrase.GenerateWords()
	}
	if err != nil {
		d.problem.ShowError(err)
		d.relayout()
		return
	}
	d.password.SetText(pw)
	d.confirm.SetText(pw)
	d.generated = true
	d.showPw.SetChecked(true)
	d.generatedNote.SetText(lang.X("dialog.setpw.generated", "Copy this password or write it down now: OpenIPU does not keep it anywhere."))
	d.generatedNote.Show()
	d.validate()
}

// kindChosen makes a new password of the chosen kind when the one in the
// fields was generated: the user is comparing the two, not typing.
func (d *setPasswordDialog) kindChosen(int) {
	if d.generated {
		d.generatePassword()
	}
}

// copyPassword is the one way a password leaves OpenIPU: the user's own
// copy, on the user's request.
func (d *setPasswordDialog) copyPassword() {
	if d.password.Text == "" {
		return
	}
	d.clip.put(d.password.Text, d.ui)
	d.generatedNote.SetText(lang.X("dialog.setpw.copied", "The password is on the clipboard for a minute. Paste it somewhere safe, such as a password manager."))
	d.generatedNote.Show()
	d.relayout()
}

func (d *setPasswordDialog) setFormEnabled(on bool) {
	for _, e := range []*widgets.EscEntry{d.user, d.password, d.confirm} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	d.kind.SetEnabled(on)
	if on {
		d.generate.Enable()
	} else {
		d.generate.Disable()
	}
}

// start runs every camera that does not have the password yet.
func (d *setPasswordDialog) start() {
	if !d.ready() || d.running {
		return
	}
	user, pw := d.user.Text, d.password.Text
	var todo []*passwordRow
	var macs []string
	for _, r := range d.rows {
		if r.state != rowDone {
			r.set(rowWaiting, "")
			todo = append(todo, r)
			macs = append(macs, r.cam.MAC)
		}
	}
	d.setFormEnabled(false)
	d.resetUnconfirmed = 0
	env := d.env()
	if len(todo) > 1 {
		env = d.envForMany()
	}
	targets := make([]workflow.Target, len(todo))
	for i, r := range todo {
		targets[i] = workflow.TargetOf(r.cam)
	}
	req := workflow.PasswordRequest{User: user, Password: workflow.Password(pw), AfterReset: d.afterReset}
	working := func(p workflow.Progress) {
		for k, t := range targets {
			if t.MAC == p.Target.MAC && t.Host == p.Target.Host {
				r := todo[k]
				d.ui(func() { r.set(rowWorking, "") })
				return
			}
		}
	}
	done := func(i int, res workflow.PasswordResult) {
		r := todo[i]
		d.ui(func() { d.showResult(r, user, res) })
	}
	d.run(macs, func(ctx context.Context) func() {
		workflow.SetPasswords(ctx, env, targets, req, workflow.Bulk{Done: done}, working)
		return d.finish
	})
}

// showResult puts one camera's outcome in its row. A camera reached after
// Stop was sent nothing.
func (d *setPasswordDialog) showResult(r *passwordRow, asked string, res workflow.PasswordResult) {
	switch {
	case res.Outcome == workflow.NotSent:
		r.set(rowStopped, "")
	case res.Err != nil:
		if vapix.KindOf(res.Err) == vapix.CertificateReset {
			d.resetUnconfirmed++
		}
		r.set(rowFailed, problemSentence(res.Err))
		if vapix.KindOf(res.Err) == vapix.AlreadySetUp && guidedResetOf(d.h) != nil {
			// The reason says that without the password only a reset
			// with the camera's button helps; this is the way there.
			r.guided.Show()
		}
	case res.Account.FellBackToRoot:
		r.user = res.Account.User
		r.set(rowDone, lang.X("dialog.setpw.row_fell_back", "Administrator: root. This camera's software only accepts that name, so the account is called root, not {{.User}}.", map[string]any{"User": asked}))
	default:
		r.user = res.Account.User
		r.set(rowDone, lang.X("dialog.setpw.row_admin", "Administrator: {{.User}}", map[string]any{"User": res.Account.User}))
	}
}

// finish sums the run up. It runs on the Fyne goroutine.
func (d *setPasswordDialog) finish() {
	done, failed := 0, 0
	for _, r := range d.rows {
		switch r.state {
		case rowDone:
			done++
			rememberAdminOf(d.h, r.cam.MAC, r.user)
			// In memory only, for the credentials sheet the user may
			// ask for at the handover.
			d.h.Backend().Typed.Remember(report.Credential{
				Camera: cameraLabel(r.cam), Address: CameraAddress(r.cam), MAC: r.cam.MAC,
				User: r.user, Password: d.password.Text,
			})
		case rowFailed, rowStopped:
			failed++
		}
	}
	n := len(d.rows)
	switch {
	case failed == 0:
		d.problem.Set(widgets.NoticeSuccess, i18n.Counted("dialog.setpw.all_done_n", "The camera now has the new password, checked by logging in with it.", "All {{.Count}} cameras now have the new password, each checked by logging in with it.", n), "")
		d.primary.Hide()
		d.h.Window().Canvas().Focus(d.cancel)
	case done == 0:
		d.problem.Set(widgets.NoticeError, lang.X("dialog.setpw.none_done", "No camera got the new password."), lang.X("dialog.setpw.some_failed_next", "Fix what the list says, then try again for the failed cameras."))
	default:
		d.problem.Set(widgets.NoticeWarning,
			i18n.Counted("dialog.setpw.some_done_n", "{{.Count}} camera now has the new password.", "{{.Count}} cameras now have the new password.", done)+" "+
				i18n.Counted("dialog.setpw.some_not_done_n", "{{.Count}} did not: the list says why.", "{{.Count}} did not: the list says why.", failed),
			lang.X("dialog.setpw.some_failed_next", "Fix what the list says, then try again for the failed cameras."))
	}
	if failed > 0 {
		d.primary.SetText(i18n.Counted("dialog.setpw.retry_n", "Try again for the failed camera", "Try again for {{.Count}} failed cameras", failed))
	}
	d.status.SetText("")
	d.setFormEnabled(true)
	d.validate()
	if done > 0 {
		d.h.Refresh()
	}
	if d.resetUnconfirmed > 0 && !d.afterReset {
		d.askWhetherReset()
	}
}

// askWhetherReset asks about cameras that showed a new certificate and say
// they have factory settings: a reset makes a new certificate, but an
// impostor could say the same, so only the person who reset the camera can
// vouch for it. Yes tries those cameras again, accepting their new
// certificates.
func (d *setPasswordDialog) askWhetherReset() {
	c := dialog.NewConfirm(
		i18n.Counted("dialog.setpw.reset_title_n", "Was this camera reset?", "Were these {{.Count}} cameras reset?", d.resetUnconfirmed),
		i18n.Counted("dialog.setpw.reset_text_n", "The camera shows a new secure certificate and says it has factory settings. That is what a camera does after a reset with its control button, but a device pretending to be the camera could do the same. Did you reset it yourself?", "{{.Count}} cameras show a new secure certificate and say they have factory settings. That is what a camera does after a reset with its control button, but a device pretending to be a camera could do the same. Did you reset them yourself?", d.resetUnconfirmed),
		func(yes bool) {
			if yes {
				d.afterReset = true
				d.start()
			}
		}, d.h.Window())
	c.SetConfirmText(i18n.Counted("dialog.setpw.reset_yes_n", "Yes, I reset it", "Yes, I reset them", d.resetUnconfirmed))
	c.SetDismissText(lang.X("dialog.setpw.reset_no", "No"))
	c.Show()
	d.resetQuestion = c
}

// openGuidedReset hands a camera that already has an unknown password to
// the guided reset with its control button.
func (d *setPasswordDialog) openGuidedReset(cam discovery.Device) {
	guided := guidedResetOf(d.h)
	if guided == nil {
		return
	}
	cam = latest(d.h, cam)
	d.close()
	guided(cam)
}

// forget drops the password from the dialog when it closes.
func (d *setPasswordDialog) forget() {
	d.clip.clear()
	d.password.SetText("")
	d.confirm.SetText("")
	d.showPw.SetChecked(false)
	d.generatedNote.SetText("")
}
