package dialogs

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/widgets"
)

// frame is what every dialog shares: the dialog itself, a problem notice,
// a progress line, and the button row, with Cancel that closes the dialog
// before and after the work and stops it while it runs. The network work
// runs on its own goroutine; everything it shows goes through the host's
// Do, so every change to the dialog happens on the Fyne goroutine, one
// after the other.
type frame struct {
	h       Host
	dlg     *dialog.CustomDialog
	content *fyne.Container

	problem  *widgets.Notice
	progress *widget.ProgressBarInfinite
	// measured replaces progress for work that knows how far it is.
	measured *widget.ProgressBar
	status   *widget.Label
	note     *widget.Label
	cancel   *widgets.EscButton
	primary  *widgets.EscButton
	buttons  *fyne.Container

	// keys are the dialog's keys while it is open.
	keys Keys
	// cancelCloses: Cancel during the work stops it and closes the dialog
	// at once, for work that leaves nothing behind worth reporting.
	cancelCloses bool
	// measure: the runs show how far they are (in measured) rather than
	// only that they are working.
	measure bool

	// ctx lives as long as the dialog; each run gets a child that Stop
	// cancels, so the user can stop, correct something and go again.
	ctx     context.Context
	end     context.CancelFunc
	stopRun context.CancelFunc
	running bool
	closed  bool
	busy    []string
	onClose []func()
	// launch starts the work goroutine. Tests replace it to start the work
	// only after the key or tap that asked for it has been fully handled,
	// as the Fyne goroutine would.
	launch func(func())
}

// newFrame builds the dialog around body. primary is the action button
// (Enter presses it when it is enabled); extra buttons sit between Cancel
// and it.
func newFrame(h Host, title string, body fyne.CanvasObject, primaryText string, onPrimary func()) *frame {
	f := &frame{h: h, problem: widgets.NewNotice(), launch: func(fn func()) { go fn() }}
	f.keys = Keys{Escape: f.escape}
	f.ctx, f.end = context.WithCancel(context.Background())
	f.progress = widget.NewProgressBarInfinite()
	f.progress.Stop()
	f.measured = widget.NewProgressBar()
	f.measured.Hide()
	f.status = widgets.Wrapped("")
	f.note = widgets.Wrapped("")
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

	f.progress.Hide()
	// The bar and the progress line show while the work runs, the problem
	// mostly after it: they share one room under the form, kept while
	// none shows, so none pushes the form up nor covers it when it comes.
	under := container.New(&underForm{f: f}, f.problem.Box, f.progress, f.measured, f.status)
	f.content = Page{MinBody: 120, Body: body, Footer: []fyne.CanvasObject{under, f.note}}.Build(h.Window())
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content, h.Window())
	f.dlg.SetButtons([]fyne.CanvasObject{f.buttons})
	f.dlg.SetOnClosed(f.closedByDialog)
	return f
}

// show opens the dialog and puts the keyboard focus on first. The dialog
// keeps the size it opens with: a warning or a reason that comes and goes
// must not move the fields the user is about to click.
func (f *frame) show(first fyne.Focusable) {
	c := f.h.Window().Canvas()
	f.onClose = append(f.onClose, f.keys.Take(c))
	Hold(f.content, Natural(f.content))
	f.dlg.Show()
	if first != nil {
		c.Focus(first)
	}
}

// setButtons replaces the buttons between Cancel and the primary button.
func (f *frame) setButtons(extra ...fyne.CanvasObject) {
	objs := append([]fyne.CanvasObject{f.cancel}, extra...)
	objs = append(objs, f.primary)
	f.buttons.Objects = objs
	f.buttons.Refresh()
	f.relayout()
}

// escape is Cancel, Stop or Close, whichever the dialog is at.
func (f *frame) escape() {
	if !f.running {
		f.close()
		return
	}
	if f.stopRun != nil {
		f.stopRun()
	}
	if f.cancelCloses {
		f.close()
		return
	}
	f.cancel.Disable()
	f.status.SetText(lang.X("dialog.stopping", "Stopping…"))
}

func (f *frame) close() {
	if !f.closed {
		f.dlg.Hide()
	}
}

// closedByDialog runs however the dialog goes away: it stops any work and
// lets each dialog forget its secrets.
func (f *frame) closedByDialog() {
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
func (f *frame) whenClosed(fn func()) { f.onClose = append(f.onClose, fn) }

// run does work off the Fyne goroutine, with the cameras in macs marked
// busy in the window meanwhile. work returns what to show at the end; that
// function runs on the Fyne goroutine. While it runs, Cancel reads Stop.
func (f *frame) run(macs []string, work func(ctx context.Context) (finish func())) {
	if f.running || f.closed {
		return
	}
	ctx, stop := context.WithCancel(f.ctx)
	f.stopRun = stop
	f.running = true
	f.problem.Hide()
	f.note.Hide()
	f.busy = nil
	for _, mac := range macs {
		if mac != "" {
			f.busy = append(f.busy, mac)
			f.h.SetBusy(mac, true)
		}
	}
	if f.measure {
		f.measured.SetValue(0)
		f.measured.Show()
	} else {
		f.progress.Show()
		f.progress.Start()
	}
	f.primary.Disable()
	if !f.cancelCloses {
		f.cancel.SetText(lang.X("dialog.button.stop", "Stop"))
		f.cancel.SetIcon(theme.MediaStopIcon())
	}
	f.relayout()
	f.launch(func() {
		finish := work(ctx)
		f.ui(func() {
			stop()
			f.running = false
			for _, mac := range f.busy {
				f.h.SetBusy(mac, false)
			}
			f.busy = nil
			f.progress.Stop()
			f.progress.Hide()
			f.measured.Hide()
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
func (f *frame) ui(fn func()) { f.h.Do(fn) }

// say sets the progress line; safe from the work goroutine.
func (f *frame) say(text string) {
	f.ui(func() { f.status.SetText(text) })
}

// journalFailed mentions, without failing the action, that the journal
// could not be written. Call on the Fyne goroutine.
func (f *frame) journalFailed(err error) {
	if err == nil {
		return
	}
	f.note.SetText(lang.X("dialog.journal_not_written", "This was not written to the journal of changes: {{.Detail}}", map[string]any{"Detail": err.Error()}))
	f.note.Show()
}

// relayout lays the dialog out again after parts were shown or hidden,
// within the size it opened with.
func (f *frame) relayout() {
	if f.dlg != nil {
		f.dlg.Refresh()
	}
}

// underForm stacks, under the form, what there is to see of the problem,
// the progress bar and the progress line, and keeps the room of the
// problem's box or of a bar with its line, whichever is taller, even when
// none shows.
type underForm struct {
	f             *frame
	line, lineFor float32
}

// shown are the objects there is something to see of: the problem's box
// keeps its room while empty, and an empty line is left out too.
func (l *underForm) shown(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		switch {
		case !o.Visible():
		case o == l.f.problem.Box && !l.f.problem.Shown():
		case o == l.f.status && l.f.status.Text == "":
		default:
			out = append(out, o)
		}
	}
	return out
}

func (l *underForm) MinSize(objects []fyne.CanvasObject) fyne.Size {
	f := l.f
	room := f.problem.Box.MinSize().Max(f.progress.MinSize().Max(f.measured.MinSize()).AddWidthHeight(0, theme.Padding()+l.lineHeight()))
	h := float32(0)
	for i, o := range l.shown(objects) {
		if i > 0 {
			h += theme.Padding()
		}
		h += o.MinSize().Height
	}
	return fyne.NewSize(room.Width, max(room.Height, h))
}

func (l *underForm) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	shown := l.shown(objects)
	if st := l.f.status; st.Visible() && st.Text == "" {
		// Its place all the same: a line set without a relayout after it
		// (Stopping…) then shows where it belongs.
		shown = append(shown, st)
	}
	for _, o := range shown {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// lineHeight is the height of one line of the progress line, measured
// once per text size: a dialog asks for sizes many times a frame.
func (l *underForm) lineHeight() float32 {
	if text := theme.TextSize(); l.line == 0 || l.lineFor != text {
		st := l.f.status
		one := widget.NewLabelWithStyle("X", st.Alignment, st.TextStyle)
		one.SizeName = st.SizeName
		l.line, l.lineFor = one.MinSize().Height, text
	}
	return l.line
}
