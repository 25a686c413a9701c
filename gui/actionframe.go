package gui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/widgets"
)

// actionFrame is what every action dialog shares: the dialog itself, a problem
// notice, a progress line, and the button row, with Cancel that closes
// the dialog before and after the work and stops it while it runs. The
// network work runs on its own goroutine; everything it shows goes through
// fyne.Do.
type actionFrame struct {
	h       ActionHost
	dlg     *dialog.CustomDialog
	content *fyne.Container

	problem  *widgets.Notice
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	note     *widget.Label
	cancel   *widgets.EscButton
	primary  *widgets.EscButton
	buttons  *fyne.Container

	// ctx lives as long as the dialog; each run gets a child that Stop
	// cancels, so the user can stop, correct something and go again.
	ctx     context.Context
	end     context.CancelFunc
	stopRun context.CancelFunc
	running bool
	closed  bool
	// done is closed when the current run has finished and its result is
	// on screen. Tests wait on it; the window does not need it.
	done    chan struct{}
	busy    []string
	onClose []func()
	// launch starts the work goroutine. Tests replace it to start the work
	// only after the key or tap that asked for it has been fully handled,
	// as the Fyne goroutine would.
	launch func(func())
	// uiMu keeps updates from work goroutines apart from each other and
	// from Stop and Close. In the app all of them already run one by one
	// on the Fyne goroutine and the lock is never contended; Fyne's test
	// driver runs fyne.Do on the calling goroutine, where they would
	// otherwise overlap. A function run under it (a run's finish, a ui
	// update) must not close the dialog or call ui itself.
	uiMu sync.Mutex
}

// newActionFrame builds the dialog around body. primary is the action button
// (Enter presses it when it is enabled); extra buttons sit between Cancel
// and it.
func newActionFrame(h ActionHost, title string, body fyne.CanvasObject, primaryText string, onPrimary func()) *actionFrame {
	f := &actionFrame{h: h, problem: widgets.NewNotice(), launch: func(fn func()) { go fn() }}
	f.ctx, f.end = context.WithCancel(context.Background())
	f.progress = widget.NewProgressBarInfinite()
	f.progress.Stop()
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.Importance = widget.WarningImportance
	f.note.Hide()
	f.cancel = widgets.NewEscButton(lang.X("dialog.button.cancel", "Cancel"), theme.CancelIcon(), f.escape, f.escape)
	f.primary = widgets.NewEscButton(primaryText, theme.ConfirmIcon(), func() {
		if !f.running && !f.closed && onPrimary != nil {
			onPrimary()
		}
	}, f.escape)
	f.primary.Importance = widget.HighImportance
	f.buttons = container.NewHBox(f.cancel, f.primary)

	progressRow := container.NewVBox(f.progress, f.status)
	f.progress.Hide()
	// The body scrolls when the window is short; the problem, the progress
	// and the buttons stay in view.
	bodyColumn := container.New(&dialogColumn{width: dialogWidth}, body)
	// The gap on the right keeps the scroll bar off the entries.
	padded := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*3), bodyColumn)
	scroll := container.NewVScroll(padded)
	fit := &fitHeight{content: padded}
	fit.limit = func() float32 {
		room := h.Window().Canvas().Size().Height - dialogChrome
		for _, o := range []fyne.CanvasObject{f.problem.Box, progressRow, f.note} {
			if o.Visible() {
				room -= o.MinSize().Height + theme.Padding()
			}
		}
		return max(room, 120)
	}
	f.content = container.New(&dialogColumn{width: dialogWidth}, container.New(fit, scroll), f.problem.Box, progressRow, f.note)
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content, h.Window())
	f.dlg.SetButtons([]fyne.CanvasObject{f.buttons})
	f.dlg.SetOnClosed(f.closedByDialog)
	return f
}

// show opens the dialog and puts the keyboard focus on first.
func (f *actionFrame) show(first fyne.Focusable) {
	c := f.h.Window().Canvas()
	// With nothing focused, keys go to the canvas: Escape must still close.
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			f.escape()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	f.onClose = append(f.onClose, func() { c.SetOnTypedKey(prev) })
	f.dlg.Show()
	if first != nil {
		c.Focus(first)
	}
}

// setButtons replaces the buttons between Cancel and the primary button.
func (f *actionFrame) setButtons(extra ...fyne.CanvasObject) {
	objs := append([]fyne.CanvasObject{f.cancel}, extra...)
	objs = append(objs, f.primary)
	f.buttons.Objects = objs
	f.buttons.Refresh()
	f.relayout()
}

// escape is Cancel, Stop or Close, whichever the dialog is at.
func (f *actionFrame) escape() {
	f.uiMu.Lock()
	running := f.running
	if running {
		if f.stopRun != nil {
			f.stopRun()
		}
		f.cancel.Disable()
		f.status.SetText(lang.X("dialog.stopping", "Stopping…"))
	}
	f.uiMu.Unlock()
	if !running {
		f.close()
	}
}

func (f *actionFrame) close() {
	if !f.closed {
		f.dlg.Hide()
	}
}

// closedByDialog runs however the dialog goes away: it stops any work and
// lets each dialog forget its secrets.
func (f *actionFrame) closedByDialog() {
	f.uiMu.Lock()
	defer f.uiMu.Unlock()
	if f.closed {
		return
	}
	f.closed = true
	f.end()
	for i := len(f.onClose) - 1; i >= 0; i-- {
		f.onClose[i]()
	}
}

// whenClosed registers cleanup, such as clearing password fields.
func (f *actionFrame) whenClosed(fn func()) { f.onClose = append(f.onClose, fn) }

// run does work off the Fyne goroutine, with the cameras in macs marked
// busy in the window meanwhile. work returns what to show at the end; that
// function runs on the Fyne goroutine. While it runs, Cancel reads Stop.
func (f *actionFrame) run(macs []string, work func(ctx context.Context) (finish func())) {
	if f.running || f.closed {
		return
	}
	ctx, stop := context.WithCancel(f.ctx)
	f.stopRun = stop
	f.running = true
	done := make(chan struct{})
	f.done = done
	f.problem.Hide()
	f.note.Hide()
	f.busy = nil
	for _, mac := range macs {
		if mac != "" {
			f.busy = append(f.busy, mac)
			f.h.SetBusy(mac, true)
		}
	}
	f.progress.Show()
	f.progress.Start()
	f.primary.Disable()
	f.cancel.SetText(lang.X("dialog.button.stop", "Stop"))
	f.cancel.SetIcon(theme.MediaStopIcon())
	f.relayout()
	f.launch(func() {
		finish := work(ctx)
		f.ui(func() {
			defer close(done)
			stop()
			f.running = false
			for _, mac := range f.busy {
				f.h.SetBusy(mac, false)
			}
			f.busy = nil
			f.progress.Stop()
			f.progress.Hide()
			f.cancel.Enable()
			f.cancel.SetText(lang.X("dialog.button.close", "Close"))
			f.cancel.SetIcon(theme.CancelIcon())
			f.primary.Enable()
			if finish != nil {
				finish()
			}
			f.relayout()
		})
	})
}

// ui shows something from a work goroutine.
func (f *actionFrame) ui(fn func()) {
	fyne.Do(func() {
		f.uiMu.Lock()
		defer f.uiMu.Unlock()
		fn()
	})
}

// say sets the progress line; safe from the work goroutine.
func (f *actionFrame) say(text string) {
	f.ui(func() { f.status.SetText(text) })
}

// journalFailed mentions, without failing the action, that the journal
// could not be written. Call on the Fyne goroutine.
func (f *actionFrame) journalFailed(err error) {
	if err == nil {
		return
	}
	f.note.SetText(lang.X("dialog.journal_not_written", "This was not written to the journal of changes: {{.Detail}}", map[string]any{"Detail": err.Error()}))
	f.note.Show()
}

// relayout lets the dialog grow or shrink after parts were shown or hidden.
func (f *actionFrame) relayout() {
	if f.dlg != nil {
		f.dlg.Refresh()
	}
}
