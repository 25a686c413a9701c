package window

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// checklistCard is the selected camera's handover checklist in the details
// panel: each step with when and how it was done, "Mark done…" for a step
// done outside OpenIPU, and the handover's own actions for the camera.
type checklistCard struct {
	w     *MainWindow
	card  *widget.Card
	rows  *fyne.Container
	note  *widget.Label
	name  *widget.Button
	leave *widget.Button
	// actions are the steps OpenIPU does from here (clock, snapshot).
	actions *fyne.Container
	// shownFor is what the rows show now, to rebuild them only on change.
	shownFor string
}

func newChecklistCard(w *MainWindow) *checklistCard {
	c := &checklistCard{w: w}
	c.rows = container.NewVBox()
	c.note = widget.NewLabel("")
	c.note.Wrapping = fyne.TextWrapWord
	c.name = widget.NewButtonWithIcon(lang.X("checklist.describe", "Name and location…"), theme.DocumentCreateIcon(), c.describe)
	c.name.Alignment = widget.ButtonAlignLeading
	c.leave = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), c.toggleLeave)
	c.leave.Alignment = widget.ButtonAlignLeading
	step := func(label string, icon fyne.Resource, act dialogs.HandoverAction) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, func() { w.runHandoverAction(act) })
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	c.actions = container.NewVBox(
		step(lang.X("checklist.check_clock", "Check the clock"), theme.HistoryIcon(), dialogs.CheckClock),
		step(lang.X("checklist.set_clock", "Set the clock…"), theme.HistoryIcon(), dialogs.SetClock),
		step(lang.X("checklist.snapshot", "Take a snapshot"), theme.MediaPhotoIcon(), dialogs.TakeSnapshot),
	)
	title := widget.NewLabel(lang.X("checklist.title", "Handover checklist"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	c.card = widget.NewCard("", "", container.NewVBox(title, c.note, c.rows, c.actions, c.name, c.leave))
	return c
}

// camera is the selected camera's line of the handover.
func (c *checklistCard) camera() (handover.Camera, bool) {
	s := c.w.ho.shown
	if s == nil || c.w.selected == "" {
		return handover.Camera{}, false
	}
	return s.Camera(c.w.selected)
}

func (c *checklistCard) update() {
	s := c.w.ho.shown
	if s == nil || c.w.selected == "" {
		c.card.Hide()
		c.shownFor = ""
		return
	}
	c.card.Show()
	cam, ok := c.camera()
	if !ok {
		c.note.SetText(lang.X("checklist.not_in", "This camera is not in the handover yet: it is added as soon as the search hears from it."))
		c.note.Show()
		c.rows.Objects = nil
		c.rows.Refresh()
		c.name.Hide()
		c.leave.Hide()
		c.actions.Hide()
		c.shownFor = ""
		return
	}
	d, inList := c.w.rows.device(cam.MAC)
	widgets.SetVisible(c.actions, inList && !d.Lost && !cam.Excluded)
	key := fmt.Sprintf("%+v|%s", cam, lang.X("checklist.title", "Handover checklist"))
	if key == c.shownFor {
		return
	}
	c.shownFor = key
	c.name.Show()
	c.leave.Show()
	if cam.Excluded {
		c.note.SetText(lang.X("checklist.excluded", "Not part of this handover: {{.Reason}}", map[string]any{"Reason": cam.ExcludedReason}))
		c.note.Show()
		c.leave.SetText(lang.X("checklist.include", "Take back into this handover"))
		c.leave.SetIcon(theme.ContentAddIcon())
		c.rows.Objects = nil
		c.rows.Refresh()
		return
	}
	c.leave.SetText(lang.X("checklist.exclude", "Leave out of this handover…"))
	c.leave.SetIcon(theme.ContentRemoveIcon())
	if cam.HandedOver() {
		c.note.SetText(lang.X("checklist.done", "Every step is done: this camera is handed over."))
	} else {
		c.note.SetText(i18n.Counted("checklist.open", "{{.Count}} step still open.", "{{.Count}} steps still open.", len(cam.Open())))
	}
	c.note.Show()
	var objs []fyne.CanvasObject
	for _, step := range handover.Steps {
		objs = append(objs, c.row(*s, cam, step))
	}
	if mix := s.FirmwareMix()[cam.Model]; len(mix) > 1 {
		warn := widget.NewLabel(lang.X("checklist.firmware_mix", "Cameras of this model on the site run different firmware: {{.Versions}}. Commissioning usually wants one version per model.", map[string]any{"Versions": strings.Join(mix, ", ")}))
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	c.rows.Objects = objs
	c.rows.Refresh()
}

// row is one step: its state, its name, what was done and when, and the
// button that fits it.
func (c *checklistCard) row(s handover.Session, cam handover.Camera, step handover.Step) fyne.CanvasObject {
	t := cam.Tick(step)
	icon := widget.NewIcon(theme.RadioButtonIcon())
	switch {
	case t.Failed():
		icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	case t.Done:
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	}
	title := widget.NewLabel(dialogs.StepTitle(step))
	// Wrapped, so that a long step name (or its translation) makes the
	// row taller, never the panel (and the window) wider.
	title.Wrapping = fyne.TextWrapWord
	if !step.Required() && !t.Done {
		title.Importance = widget.LowImportance
	}
	what := widget.NewLabel(tickText(cam, step))
	what.Wrapping = fyne.TextWrapWord
	what.SizeName = theme.SizeNameCaptionText
	var button fyne.CanvasObject = layoutSpacer()
	mac, label := cam.MAC, cam.Label()
	switch {
	case t.Done && t.Manual:
		button = widget.NewButton(lang.X("checklist.undo", "Undo"), func() { c.w.undoTick(mac, step) })
	case !t.Done:
		button = widget.NewButton(lang.X("checklist.mark", "Mark done…"), func() {
			if l := c.w.live(); l != nil {
				dialogs.ShowMarkDone(c.w, l, mac, label, step)
			}
		})
	}
	head := container.NewBorder(nil, nil, icon, button, title)
	if what.Text == "" {
		return head
	}
	return container.NewVBox(head, what)
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// tickText says what was done and when: "10:02 · hard · by hand: reset on
// site", in the window's words.
func tickText(cam handover.Camera, step handover.Step) string {
	t := cam.Tick(step)
	var parts []string
	if t.Done {
		parts = append(parts, t.At.Local().Format("2006-01-02 15:04"))
		if t.User != "" {
			parts = append(parts, lang.X("checklist.user", "user {{.User}}", map[string]any{"User": t.User}))
		}
		if m := handover.DetailMessage(cam, step); m.Text != "" {
			parts = append(parts, i18n.Text(m))
		}
		if t.ClockRead {
			parts = append(parts, offsetWords(t.ClockOffsetMS))
		}
		if t.Manual {
			parts = append(parts, lang.X("checklist.by_hand", "by hand: {{.Note}}", map[string]any{"Note": t.Note}))
		}
	} else if !step.Required() {
		parts = append(parts, lang.X("checklist.if_needed", "only if the camera was in use before"))
	}
	if t.Failed() {
		parts = append(parts, lang.X("checklist.failed", "last try failed at {{.Time}}", map[string]any{"Time": t.FailedAt.Local().Format("15:04")}))
	}
	return strings.Join(parts, " · ")
}

// offsetWords says how far a camera's clock is off, in plain words.
func offsetWords(ms int64) string {
	secs := float64(ms) / 1000
	switch {
	case ms > -1000 && ms < 1000:
		return lang.X("clock.right", "clock right (within a second)")
	case ms > 0:
		return lang.X("clock.ahead", "clock {{.Seconds}} s ahead", map[string]any{"Seconds": fmt.Sprintf("%.1f", secs)})
	}
	return lang.X("clock.behind", "clock {{.Seconds}} s behind", map[string]any{"Seconds": fmt.Sprintf("%.1f", -secs)})
}

func (c *checklistCard) describe() {
	cam, ok := c.camera()
	l := c.w.live()
	if !ok || l == nil {
		return
	}
	dialogs.ShowDescribe(c.w, l, cam.MAC, cam.Label(), c.w.writeNameTo(cam.MAC))
}

func (c *checklistCard) toggleLeave() {
	cam, ok := c.camera()
	l := c.w.live()
	if !ok || l == nil {
		return
	}
	if !cam.Excluded {
		dialogs.ShowExclude(c.w, l, cam.MAC, cam.Label())
		return
	}
	go func() {
		if err := l.Exclude(cam.MAC, false, ""); err != nil {
			c.w.do(func() { c.w.handoverProblem(err) })
		}
	}()
}

// undoTick clears a step ticked by hand by mistake.
func (w *MainWindow) undoTick(mac string, step handover.Step) {
	l := w.live()
	if l == nil {
		return
	}
	go func() {
		if err := l.Undo(mac, step); err != nil {
			w.do(func() { w.handoverProblem(err) })
		}
	}()
}
