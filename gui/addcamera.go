package gui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
)

// addTimeout bounds "Add camera by IP": a host name may have several
// addresses, each probed for a few seconds.
const addTimeout = 20 * time.Second

// addCameraDialog is "Add camera by IP…", for cameras that announcements
// do not reach (another subnet behind a router, multicast filtered).
type addCameraDialog struct {
	w        *MainWindow
	dlg      *dialog.CustomDialog
	entry    *windowEntry
	problem  *widget.Label
	progress *widget.ProgressBarInfinite
	add      *widget.Button
	cancel   *widget.Button
	stop     context.CancelFunc
	closed   bool
}

func (w *MainWindow) showAddCamera() {
	if d, _ := w.discoverer(); d == nil {
		return
	}
	a := &addCameraDialog{w: w}
	intro := widget.NewLabel(lang.X("add.intro", "Type the camera's IP address (or its name on the network). OpenIPU asks the camera who it is; no password is needed for that."))
	intro.Wrapping = fyne.TextWrapWord
	a.entry = newWindowEntry(a.close)
	a.entry.SetPlaceHolder(lang.X("add.placeholder", "for example 192.168.1.50"))
	a.entry.OnSubmitted = func(string) { a.submit() }
	a.problem = widget.NewLabel("")
	a.problem.Wrapping = fyne.TextWrapWord
	a.problem.Importance = widget.DangerImportance
	a.problem.Hide()
	a.progress = widget.NewProgressBarInfinite()
	a.progress.Hide()
	a.add = widget.NewButton(lang.X("add.button", "Add camera"), a.submit)
	a.add.Importance = widget.HighImportance
	a.cancel = widget.NewButton(lang.X("window.cancel", "Cancel"), a.close)
	content := container.NewVBox(intro, a.entry, a.problem, a.progress,
		container.NewHBox(layout.NewSpacer(), a.cancel, a.add))
	a.dlg = dialog.NewCustomWithoutButtons(lang.X("add.title", "Add camera by IP address"), content, w.win)
	a.dlg.Resize(fyne.NewSize(480, 0))
	a.dlg.Show()
	w.openDialog(a.close)
	w.win.Canvas().Focus(a.entry)
	w.addDialog = a
}

func (a *addCameraDialog) submit() {
	host := strings.TrimSpace(a.entry.Text)
	if host == "" {
		a.showWindowProblem(lang.X("add.empty", "Type the camera's IP address first, for example 192.168.1.50."))
		return
	}
	d, session := a.w.discoverer()
	a.setWorking(true)
	ctx, cancel := context.WithTimeout(a.w.ctx, addTimeout)
	a.stop = cancel
	go func() {
		dev, err := d.AddHost(ctx, host)
		cancel()
		a.w.do(func() { a.finished(session, dev, err) })
	}()
}

func (a *addCameraDialog) finished(session int, dev discovery.Device, err error) {
	if a.closed {
		return
	}
	a.setWorking(false)
	if err != nil {
		a.showWindowProblem(plainProblem(err))
		a.w.win.Canvas().Focus(a.entry)
		return
	}
	a.close()
	w := a.w
	if w.current(session) {
		// The event will follow; showing the camera now answers the click.
		w.rows.upsert([]discovery.Device{dev})
		w.rows.rebuild()
		w.selectMAC(dev.MAC)
		w.refreshAll()
	}
}

func (a *addCameraDialog) setWorking(on bool) {
	if on {
		a.problem.Hide()
		a.progress.Show()
		a.progress.Start()
		a.entry.Disable()
		a.add.Disable()
	} else {
		a.progress.Stop()
		a.progress.Hide()
		a.entry.Enable()
		a.add.Enable()
	}
}

func (a *addCameraDialog) showWindowProblem(text string) {
	a.problem.SetText(text)
	a.problem.Show()
}

func (a *addCameraDialog) close() {
	a.closed = true
	if a.stop != nil {
		a.stop()
	}
	a.progress.Stop()
	a.dlg.Hide()
	a.w.closedDialog()
}
