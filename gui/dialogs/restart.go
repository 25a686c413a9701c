package dialogs

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/widgets"
)

// restartDialog restarts a camera and waits until it is back.
type restartDialog struct {
	*frame
	cam   discovery.Device
	intro *widget.Label
	login *loginFields
	// finished is true once the restart was sent, so it is not sent twice.
	finished bool
}

// RestartCamera asks for the password and restarts the camera, with progress.
func RestartCamera(h Host, cam discovery.Device) {
	d := newRestartDialog(h, cam)
	d.show(d.login.password)
}

func newRestartDialog(h Host, cam discovery.Device) *restartDialog {
	d := &restartDialog{cam: cam}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.restart.title", "Restart camera"), body, lang.X("dialog.restart.button", "Restart"), d.start)
	d.primary.SetIcon(theme.ViewRefreshIcon())
	d.intro = widgets.Wrapped(lang.X("dialog.restart.intro", "Restart {{.Camera}}? Its settings are kept. It is off the network for about a minute.", map[string]any{"Camera": CameraTitle(cam)}))
	d.login = newLoginFieldsFor(h, cam, d.submit, d.escape, d.validate)
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
	env, cam := d.env(), d.cam
	login := workflow.As(workflow.Credentials{User: user, Password: pw})
	d.login.setEnabled(false)
	d.run([]string{cam.MAC}, func(ctx context.Context) func() {
		res, err := workflow.Restart(ctx, env, workflow.TargetOf(cam), login, workflow.RebootWait, d.step)
		return func() { d.done(res, err) }
	})
}

// done shows how the restart ended. It runs on the Fyne goroutine.
func (d *restartDialog) done(res workflow.RestartResult, err error) {
	if !res.Accepted {
		d.problem.ShowError(err)
		d.login.setEnabled(true)
		d.validate()
		return
	}
	rememberAdminOf(d.h, d.cam.MAC, res.User)
	d.finished = true
	d.primary.Hide()
	d.status.SetText("")
	if err != nil {
		d.problem.ShowError(err)
		d.status.SetText(lang.X("dialog.restart.accepted_then", "The camera had already accepted the restart; it finishes by itself."))
		return
	}
	d.problem.Set(widgets.NoticeSuccess, lang.X("dialog.restart.done", "{{.Camera}} has restarted and is back.", map[string]any{"Camera": CameraTitle(d.cam)}), "")
	d.h.Window().Canvas().Focus(d.cancel)
}
