package dialogs

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/widgets"
)

// sessionDialog is "New handover…" and "Edit site and people…": the site's
// name, who hands it over and who receives it, and the report's paper.
type sessionDialog struct {
	*frame
	live               *handover.Live // nil: a new session
	site, by, to       *widgets.EscEntry
	paper              *widget.Select
	paperAuto, a4, let string
	done               func(*handover.Live)
}

// ShowNewHandover asks for a site and starts a handover for it; done gets
// the new session (on the Fyne goroutine).
func ShowNewHandover(h Host, done func(*handover.Live)) {
	newSessionDialog(h, nil, done).showFirst()
}

// ShowEditHandover changes the site's name and the people of live.
func ShowEditHandover(h Host, live *handover.Live, done func(*handover.Live)) {
	newSessionDialog(h, live, done).showFirst()
}

func newSessionDialog(h Host, live *handover.Live, done func(*handover.Live)) *sessionDialog {
	d := &sessionDialog{live: live, done: done}
	title, button := lang.X("handover.new.title", "Start a handover"), lang.X("handover.new.button", "Start")
	if live != nil {
		title, button = lang.X("handover.edit.title", "Site and people"), lang.X("handover.edit.button", "Save")
	}
	body := container.NewVBox()
	d.frame = newFrame(h, title, body, button, d.submit)
	d.site = widgets.NewEscEntry(d.escape)
	d.site.SetPlaceHolder(lang.X("handover.site.placeholder", "for example Östra Hamngatan 7, block B"))
	d.by = widgets.NewEscEntry(d.escape)
	d.by.SetPlaceHolder(lang.X("handover.by.placeholder", "your name or company"))
	d.to = widgets.NewEscEntry(d.escape)
	d.to.SetPlaceHolder(lang.X("handover.to.placeholder", "the new owner, caretaker or installer"))
	for _, e := range []*widgets.EscEntry{d.site, d.by, d.to} {
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.paperAuto = lang.X("handover.paper.auto", "As this computer's region")
	d.a4, d.let = "A4", "Letter"
	d.paper = widget.NewSelect([]string{d.paperAuto, d.a4, d.let}, nil)
	d.paper.SetSelected(d.paperAuto)
	if live != nil {
		s := live.Session()
		d.site.SetText(s.Site)
		d.by.SetText(s.HandedOverBy)
		d.to.SetText(s.ReceivedBy)
		switch s.Paper {
		case "A4":
			d.paper.SetSelected(d.a4)
		case "Letter":
			d.paper.SetSelected(d.let)
		}
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("handover.site", "Site")), d.site,
		widget.NewLabel(lang.X("handover.by", "Handed over by")), d.by,
		widget.NewLabel(lang.X("handover.to", "Received by")), d.to,
		widget.NewLabel(lang.X("handover.paper", "Report paper")), d.paper,
	)
	intro := lang.X("handover.new.intro", "A handover keeps a checklist for every camera of the site: found, reset, password, name, network, clock, firmware and a snapshot. OpenIPU ticks each step when it does it, and saves the checklist as you go, so closing the program loses nothing. No password is ever saved.")
	if live != nil {
		intro = lang.X("handover.edit.intro", "These names go on the cover of the report and on its signature lines.")
	}
	body.Objects = []fyne.CanvasObject{widgets.Wrapped(intro), form}
	d.primary.SetIcon(theme.ConfirmIcon())
	return d
}

func (d *sessionDialog) showFirst() { d.show(d.site) }

func (d *sessionDialog) paperValue() string {
	switch d.paper.Selected {
	case d.a4:
		return "A4"
	case d.let:
		return "Letter"
	}
	return ""
}

func (d *sessionDialog) submit() {
	site, by, to, paper := d.site.Text, d.by.Text, d.to.Text, d.paperValue()
	store := d.h.Backend().Handovers
	if store == nil {
		d.problem.Set(widgets.NoticeError, lang.X("handover.no_store", "Handovers cannot be saved on this computer: its settings folder could not be found."), "")
		d.relayout()
		return
	}
	live := d.live
	d.save(nil, func() error {
		var err error
		if live == nil {
			live, err = store.Create(site)
		}
		if err == nil {
			err = live.SetPeople(site, by, to)
		}
		if err == nil {
			err = live.SetPaper(paper)
		}
		return err
	}, func() {
		if d.done != nil {
			d.done(live)
		}
	})
}

// save runs save off the Fyne goroutine (it writes the handover to disk)
// and closes the dialog when it worked, then calls after; when it did
// not, the dialog stays, says why and, given a focus, gives the keyboard
// back to it.
func (f *frame) save(focus fyne.Focusable, save func() error, after func()) {
	f.run(nil, func(context.Context) func() {
		err := save()
		return func() {
			if err != nil {
				f.problem.ShowError(err)
				f.cancel.SetText(lang.X("dialog.button.cancel", "Cancel"))
				f.relayout()
				if focus != nil {
					f.h.Window().Canvas().Focus(focus)
				}
				return
			}
			f.close()
			if after != nil {
				after()
			}
		}
	})
}

// noteDialog asks for one required text and hands it to save: the note of
// a step ticked by hand, or why a camera is left out of the handover.
type noteDialog struct {
	*frame
	entry *widgets.EscEntry
	store func(text string) error
}

// ShowMarkDone ticks step of the camera mac by hand, with the user's note.
func ShowMarkDone(h Host, live *handover.Live, mac, camera string, step handover.Step) {
	d := newNoteDialog(h,
		lang.X("handover.mark.title", "Mark “{{.Step}}” done", map[string]any{"Step": StepTitle(step)}),
		lang.X("handover.mark.intro", "For a step done outside OpenIPU on {{.Camera}}: say how it was done. The note goes into the report.", map[string]any{"Camera": camera}),
		lang.X("handover.mark.placeholder", "for example: reset with the control button on site"),
		lang.X("handover.mark.button", "Mark done"),
		func(note string) error { return live.MarkDone(mac, step, note) })
	d.show(d.entry)
}

// ShowExclude leaves the camera mac out of the handover, for a reason.
func ShowExclude(h Host, live *handover.Live, mac, camera string) {
	d := newNoteDialog(h,
		lang.X("handover.exclude.title", "Leave out of this handover"),
		lang.X("handover.exclude.intro", "{{.Camera}} will be listed in the report as not part of this handover, with your reason.", map[string]any{"Camera": camera}),
		lang.X("handover.exclude.placeholder", "for example: belongs to the tenant"),
		lang.X("handover.exclude.button", "Leave out"),
		func(reason string) error { return live.Exclude(mac, true, reason) })
	d.show(d.entry)
}

func newNoteDialog(h Host, title, intro, placeholder, button string, save func(string) error) *noteDialog {
	d := &noteDialog{store: save}
	body := container.NewVBox()
	d.frame = newFrame(h, title, body, button, d.submit)
	d.entry = widgets.NewEscEntry(d.escape)
	d.entry.SetPlaceHolder(placeholder)
	d.entry.OnSubmitted = func(string) { d.submit() }
	body.Objects = []fyne.CanvasObject{widgets.Wrapped(intro), d.entry}
	return d
}

func (d *noteDialog) submit() {
	text := d.entry.Text
	d.frame.save(d.entry, func() error { return d.store(text) }, nil)
}

// describeDialog gives a camera its name and location in the handover.
type describeDialog struct {
	*frame
	name, location *widgets.EscEntry
	store          func(name, location string) error
}

// ShowDescribe sets the name and location of the camera mac. A name kept
// here goes into the report; writeToCamera, when set, also offers to write
// it to the camera (which needs its password).
func ShowDescribe(h Host, live *handover.Live, mac, camera string, writeToCamera func(name, location string)) {
	c, _ := live.Session().Camera(mac)
	d := &describeDialog{}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("handover.describe.title", "Name and location"), body, lang.X("handover.describe.button", "Save"), d.submit)
	d.name = widgets.NewEscEntry(d.escape)
	d.name.SetPlaceHolder(lang.X("handover.name.placeholder", "for example Entrance"))
	d.name.SetText(c.Name)
	d.location = widgets.NewEscEntry(d.escape)
	d.location.SetPlaceHolder(lang.X("handover.location.placeholder", "for example car park, north wall"))
	d.location.SetText(c.Location)
	for _, e := range []*widgets.EscEntry{d.name, d.location} {
		e.OnSubmitted = func(string) { d.submit() }
	}
	write := widget.NewCheck(lang.X("handover.describe.write", "Also write the name to the camera (asks for its password)"), nil)
	if writeToCamera == nil {
		write.Hide()
	}
	d.store = func(name, location string) error {
		if err := live.Describe(mac, name, location); err != nil {
			return err
		}
		if write.Checked && writeToCamera != nil {
			h.Do(func() { writeToCamera(name, location) })
		}
		return nil
	}
	body.Objects = []fyne.CanvasObject{
		widgets.Wrapped(lang.X("handover.describe.intro", "How {{.Camera}} is called on this site, as the report will list it.", map[string]any{"Camera": camera})),
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("handover.name", "Name")), d.name,
			widget.NewLabel(lang.X("handover.location", "Location")), d.location),
		write,
	}
	d.show(d.name)
}

func (d *describeDialog) submit() {
	name, location := d.name.Text, d.location.Text
	d.frame.save(nil, func() error { return d.store(name, location) }, nil)
}

// StepTitle is a checklist step as the window and the report name it.
func StepTitle(s handover.Step) string {
	switch s {
	case handover.Found:
		return lang.X("step.found", "Found")
	case handover.Backup:
		return lang.X("step.backup", "Settings backed up")
	case handover.Reset:
		return lang.X("step.reset", "Factory reset")
	case handover.Password:
		return lang.X("step.password", "Password set and verified")
	case handover.Name:
		return lang.X("step.name", "Name and location")
	case handover.Network:
		return lang.X("step.network", "Network settings")
	case handover.Clock:
		return lang.X("step.clock", "Clock")
	case handover.Firmware:
		return lang.X("step.firmware", "Firmware recorded")
	case handover.Snapshot:
		return lang.X("step.snapshot", "Snapshot")
	}
	return string(s)
}
