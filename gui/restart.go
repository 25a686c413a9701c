package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

var (
	msgRestartTitle    = dmsg("restart.title", "Restart camera")
	msgRestartIntro    = dmsg("restart.intro", "Restart {{.Camera}}? Its settings are kept. It is off the network for about a minute.")
	msgRestartButton   = dmsg("restart.button", "Restart")
	msgRestartLogin    = dmsg("restart.logging_in", "Logging in…")
	msgRestartSending  = dmsg("restart.sending", "Asking the camera to restart…")
	msgRestartDone     = dmsg("restart.done", "{{.Camera}} has restarted and is back.")
	msgRestartAccepted = dmsg("restart.accepted_then", "The camera had already accepted the restart; it finishes by itself.")
)

// restartDialog restarts a camera and waits until it is back.
type restartDialog struct {
	*actionFrame
	cam   discovery.Device
	intro *widget.Label
	login *loginFields
	// finished is true once the restart was sent, so it is not sent twice.
	finished bool
}

// RestartCamera asks for the password and restarts the camera, with progress.
func RestartCamera(h ActionHost, cam discovery.Device) {
	d := newRestartDialog(h, cam)
	d.show(d.login.password)
}

func newRestartDialog(h ActionHost, cam discovery.Device) *restartDialog {
	d := &restartDialog{cam: cam}
	body := container.NewVBox()
	d.actionFrame = newActionFrame(h, dtext(msgRestartTitle), body, dtext(msgRestartButton), d.start)
	d.primary.SetIcon(theme.ViewRefreshIcon())
	d.intro = wrappedLabel(dtext(msgRestartIntro, "Camera", cameraTitle(cam)))
	d.login = newLoginFields(cam, d.submit, d.escape, d.validate)
	body.Objects = []fyne.CanvasObject{d.intro, d.login.box}
	d.whenClosed(d.login.clear)
	d.validate()
	return d
}

func (d *restartDialog) validate() {
	d.login.check()
	if d.login.err() == nil && !d.running && !d.finished {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

func (d *restartDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

func (d *restartDialog) start() {
	if d.login.err() != nil || d.running || d.finished {
		return
	}
	user, pw := d.login.user.Text, d.login.password.Text
	deps, cam := d.h.Deps(), d.cam
	d.login.setEnabled(false)
	d.run([]string{cam.MAC}, func(ctx context.Context) func() {
		return d.work(ctx, deps, cam, user, pw)
	})
}

func (d *restartDialog) work(ctx context.Context, deps Deps, cam discovery.Device, user, pw string) func() {
	failed := func(err error) func() {
		jerr := journalAction(deps, journal.Restart, cam, user, "", err)
		return func() {
			d.journalFailed(jerr)
			d.problem.showError(err)
			d.login.setEnabled(true)
			d.validate()
		}
	}
	c, err := openCamera(deps, cam, ConnectOptions{})
	if err != nil {
		return failed(err)
	}
	defer c.Close()
	d.say(dtext(msgRestartLogin))
	c.SetCredentials(user, pw)
	if err := c.VerifyLogin(ctx); err != nil {
		return failed(err)
	}
	d.ui(func() { rememberAdmin(user) })
	before, serr := c.SystemReady(ctx)
	if serr != nil {
		before = vapix.SystemReady{}
	}
	d.say(dtext(msgRestartSending))
	if err := c.Restart(ctx); err != nil {
		return failed(err)
	}
	jerr := journalAction(deps, journal.Restart, cam, user, "", nil)
	_, err = c.WaitForReboot(ctx, before, rebootWait, func(p vapix.RebootProgress) {
		d.say(rebootText(p, false))
	})
	return func() {
		d.journalFailed(jerr)
		d.finished = true
		d.primary.Hide()
		d.status.SetText("")
		if err != nil {
			d.problem.showError(err)
			d.status.SetText(dtext(msgRestartAccepted))
			return
		}
		d.problem.set(noticeSuccess, dtext(msgRestartDone, "Camera", cameraTitle(cam)), "")
		d.h.Window().Canvas().Focus(d.cancel)
	}
}
