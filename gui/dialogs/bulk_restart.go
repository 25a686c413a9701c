package dialogs

import (
	"context"
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

// bulkRestartDialog restarts several cameras with one login and waits for
// each to come back.
type bulkRestartDialog struct {
	*frame
	rows  []*bulkRow
	intro *widget.Label
	login *loginFields
	// wait is how long each camera is waited for.
	wait time.Duration
}

// RestartCameras restarts the ticked cameras: one login for all, a few at
// a time, each camera's outcome on its own line. One camera gets the
// single-camera dialog.
func RestartCameras(h Host, cams []discovery.Device) {
	if len(cams) == 1 {
		RestartCamera(h, cams[0])
		return
	}
	d := newBulkRestartDialog(h, cams)
	d.show(d.login.password)
}

func newBulkRestartDialog(h Host, cams []discovery.Device) *bulkRestartDialog {
	d := &bulkRestartDialog{wait: workflow.RebootWait}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.bulk_restart.title", "Restart cameras"), body,
		i18n.Counted("dialog.bulk_restart.button", "Restart 1 camera", "Restart {{.Count}} cameras", len(cams)), d.start)
	d.primary.SetIcon(theme.ViewRefreshIcon())
	d.intro = widgets.Wrapped(i18n.Counted("dialog.bulk_restart.intro",
		"Restart this camera? Its settings are kept. It is off the network for about a minute.",
		"Restart these {{.Count}} cameras? Their settings are kept. Each is off the network for about a minute; a few restart at a time.", len(cams)))
	for _, c := range cams {
		d.rows = append(d.rows, newBulkRow(c, lang.X("dialog.bulk.waiting", "Waiting")))
	}
	table, _ := bulkTable(d.rows)
	d.login = bulkLogin(h, cams, d.submit, d.escape, d.validate)
	shared := widgets.Note(lang.X("dialog.bulk.one_login", "One user name and password for all: cameras set up by one installer share them. A camera that refuses them is listed, and can be tried again with others."))
	body.Objects = []fyne.CanvasObject{d.intro, table, widget.NewSeparator(), d.login.box, shared}
	d.whenClosed(d.login.clear)
	d.validate()
	return d
}

func (d *bulkRestartDialog) validate() {
	d.login.check()
	widgets.SetVisible(d.primary, len(rowsLeft(d.rows)) > 0)
	if d.login.err() == nil && !d.running && len(rowsLeft(d.rows)) > 0 {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

func (d *bulkRestartDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

// start restarts every camera not yet restarted: at first all, after a
// run the ones that refused the login or failed.
func (d *bulkRestartDialog) start() {
	todo := rowsLeft(d.rows)
	if d.login.err() != nil || d.running || len(todo) == 0 {
		return
	}
	login := workflow.As(workflow.Credentials{User: d.login.user.Text, Password: d.login.password.Text})
	env, wait := d.envForMany(), d.wait
	for _, r := range todo {
		r.show(rowWaiting, lang.X("dialog.bulk.waiting", "Waiting"), "")
	}
	d.login.setEnabled(false)
	d.problem.Hide()
	var finished atomic.Int32
	d.status.SetText(bulkCount(0, len(todo)))
	d.runRows(todo, lang.X("dialog.bulk.stopped", "Stopped: not sent"), func(ctx context.Context, r *bulkRow) {
		res, err := workflow.Restart(ctx, env, workflow.TargetOf(r.cam), login, wait, func(p workflow.Progress) {
			d.ui(func() { r.show(rowWorking, restartStepWords(p), "") })
		})
		n := int(finished.Add(1))
		d.ui(func() {
			d.showRestart(r, res, err)
			d.status.SetText(bulkCount(n, len(todo)))
		})
	}, d.finish)
}

// restartStepWords is a restart step as a row's short status.
func restartStepWords(p workflow.Progress) string {
	switch p.Step {
	case workflow.StepSending:
		return lang.X("dialog.bulk_restart.row_restarting", "Restarting…")
	case workflow.StepRebooting:
		return lang.X("dialog.bulk_restart.row_away", "Restarting… {{.Seconds}} s", map[string]any{"Seconds": int(p.Elapsed.Seconds())})
	}
	return lang.X("dialog.bulk.row_logging_in", "Logging in…")
}

// showRestart puts one camera's outcome in its row.
func (d *bulkRestartDialog) showRestart(r *bulkRow, res workflow.RestartResult, err error) {
	switch {
	case res.Accepted && err == nil:
		rememberAdminOf(d.h, r.cam.MAC, res.User)
		r.show(rowDone, lang.X("dialog.bulk_restart.row_back", "Back"), "")
	case res.Accepted:
		r.show(rowUnsure, lang.X("dialog.bulk_restart.row_sent", "Restart sent"), problemSentence(err))
	default:
		r.show(failedState(err), failedWords(err), problemSentence(err))
	}
}

// failedState is a row's state after err ended its camera before anything
// was changed: a stop is not a failure.
func failedState(err error) rowState {
	if vapix.KindOf(err) == vapix.Canceled {
		return rowStopped
	}
	return rowFailed
}

// failedWords is a row's short status after err: the wrong password named,
// because the next step (other credentials) is the user's.
func failedWords(err error) string {
	switch vapix.KindOf(err) {
	case vapix.WrongPassword:
		return lang.X("dialog.bulk.row_wrong_password", "Wrong password")
	case vapix.Canceled:
		return lang.X("dialog.bulk.stopped", "Stopped: not sent")
	}
	return lang.X("dialog.bulk.row_failed", "Failed")
}

// bulkCount is the progress line of a bulk run.
func bulkCount(done, n int) string {
	return lang.X("dialog.bulk.count", "{{.Done}} of {{.N}} cameras finished", map[string]any{"Done": done, "N": n})
}

// finish sums the run up. It runs on the Fyne goroutine.
func (d *bulkRestartDialog) finish() {
	d.status.SetText("")
	d.login.setEnabled(true)
	d.summarise(d.rows,
		i18n.Counted("dialog.bulk_restart.all_back", "The camera has restarted and is back.", "All {{.Count}} cameras have restarted and are back.", len(d.rows)),
		lang.X("dialog.bulk_restart.some", "{{.Done}} of {{.N}} cameras restarted. The list says what happened to the others.", map[string]any{"Done": countDone(d.rows), "N": len(d.rows)}))
	d.validate()
	d.h.Refresh()
}

// countDone is how many rows ended well.
func countDone(rows []*bulkRow) int {
	n := 0
	for _, r := range rows {
		if r.state == rowDone {
			n++
		}
	}
	return n
}

// summarise shows how a bulk run went and offers to try the rest again.
// Call on the Fyne goroutine.
func (f *frame) summarise(rows []*bulkRow, allDone, some string) {
	left := len(rowsLeft(rows))
	switch {
	case countDone(rows) == len(rows):
		f.problem.Set(widgets.NoticeSuccess, allDone, "")
		f.h.Window().Canvas().Focus(f.cancel)
	case left == 0:
		f.problem.Set(widgets.NoticeWarning, some, "")
	default:
		f.problem.Set(widgets.NoticeWarning, some, lang.X("dialog.bulk.retry_next", "Fix what the list says (another password, a camera switched off), then try again for those cameras."))
		f.primary.SetText(i18n.Counted("dialog.bulk.retry", "Try again for 1 camera", "Try again for {{.Count}} cameras", left))
	}
}
