package window

import (
	"sync"

	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
)

// siteBar is the line under the toolbar that says which handover is open
// and how far it is: "Östra Hamngatan 7, block B", a progress bar that
// reads "9 of 12 cameras handed over", and the report at hand. Without a
// handover it offers to start one. It keeps to the window's smallest
// width in every language: the site's name gives way first.
type siteBar struct {
	box      *fyne.Container
	site     *widget.Label
	progress *widget.ProgressBar
	count    string
	report   *widget.Button
	start    *widget.Button
	open     *widget.Button
}

func newSiteBar(w *MainWindow) *siteBar {
	b := &siteBar{}
	b.site = widget.NewLabel("")
	b.site.TextStyle = fyne.TextStyle{Bold: true}
	b.site.Truncation = fyne.TextTruncateEllipsis
	b.progress = widget.NewProgressBar()
	b.progress.TextFormatter = func() string { return b.count }
	b.report = widget.NewButtonWithIcon(lang.X("handover.report", "Export report…"), theme.DocumentSaveIcon(), w.showExportReport)
	b.start = widget.NewButtonWithIcon(lang.X("handover.start", "Start a handover…"), theme.ContentAddIcon(), w.showNewHandover)
	b.start.Importance = widget.LowImportance
	b.open = widget.NewButton(lang.X("handover.open", "Open…"), w.showSwitchHandover)
	b.open.Importance = widget.LowImportance
	bar := container.New(&fixedWidth{width: 240}, b.progress)
	b.box = container.NewBorder(nil, nil,
		container.NewHBox(widget.NewIcon(theme.ListIcon())),
		container.NewHBox(bar, b.report, b.start, b.open),
		b.site)
	return b
}

// update shows s (nil: no handover open).
func (b *siteBar) update(s *handover.Session) {
	if s == nil {
		b.site.SetText(lang.X("handover.none", "No handover open."))
		b.site.TextStyle = fyne.TextStyle{}
		b.progress.Hide()
		b.report.Hide()
		b.start.Show()
		b.open.Show()
		b.site.Refresh()
		return
	}
	done, total := s.Progress()
	b.site.TextStyle = fyne.TextStyle{Bold: true}
	b.site.SetText(s.Site)
	b.count = i18n.CountedWith("handover.progress", "{{.Done}} of {{.Count}} camera handed over", "{{.Done}} of {{.Count}} cameras handed over", total, map[string]any{"Done": done})
	value := 0.0
	if total > 0 {
		value = float64(done) / float64(total)
	}
	b.progress.SetValue(value)
	b.progress.Refresh()
	b.progress.Show()
	b.report.Show()
	b.start.Hide()
	b.open.Hide()
}

// handoverState is the window's side of the open handover: the session
// shown (a copy, Fyne goroutine only), and the one goroutine that adds
// found cameras to it, so that saving never runs on the Fyne goroutine.
type handoverState struct {
	shown    *handover.Session
	stop     func()
	feedOnce sync.Once
	feed     chan []handover.Sighting
	failed   bool // a save failed; said once
	// column says the table shows the checklist column (a handover is
	// open); the table's layouts read it.
	column bool
}

// live is the handover the user works in, nil when none is open.
func (w *MainWindow) live() *handover.Live { return w.Backend().Handover.Live() }

// openHandover makes l the handover the window works in (nil: none): the
// workflows tick it, found cameras are added to it, and it opens again at
// the next start. Fyne goroutine only.
func (w *MainWindow) openHandover(l *handover.Live) {
	b := w.Backend()
	if b.Handover == nil {
		return
	}
	if w.ho.stop != nil {
		w.ho.stop()
		w.ho.stop = nil
	}
	b.Handover.Set(l)
	w.ho.shown = nil
	if l != nil {
		s := l.Session()
		w.ho.shown = &s
		w.ho.stop = l.OnChange(func(s handover.Session) {
			w.do(func() {
				if w.live() == l {
					w.ho.shown = &s
					w.refreshHandover()
				}
			})
		})
		w.addToHandover(w.rows.devices())
	}
	if st := b.Handovers; st != nil {
		id := ""
		if l != nil {
			id = l.ID()
		}
		go st.SetCurrent(id)
	}
	w.refreshHandover()
}

// reopenHandover opens, at start, the handover worked in last.
func (w *MainWindow) reopenHandover() {
	b := w.Backend()
	st := b.Handovers
	if st == nil || b.Handover == nil {
		w.refreshHandover()
		return
	}
	go func() {
		id := st.Current()
		if id == "" {
			return
		}
		l, err := st.Open(id)
		w.do(func() {
			if err != nil {
				dialogs.ShowError(w.win, lang.X("handover.reopen_failed", "The last handover could not be opened"), err)
				return
			}
			if w.Backend().Handovers == st && w.live() == nil {
				w.openHandover(l)
			}
		})
	}()
	w.refreshHandover()
}

// addToHandover adds the cameras found to the open handover. A camera
// heard only for a moment is worth a line too: the checklist says how it
// was found, and the user can leave it out.
func (w *MainWindow) addToHandover(devs []discovery.Device) {
	l := w.live()
	if l == nil {
		return
	}
	var found []handover.Sighting
	for _, d := range devs {
		if d.MAC == "" || d.Lost {
			continue
		}
		if w.ho.shown != nil {
			if c, ok := w.ho.shown.Camera(d.MAC); ok && c.Tick(handover.Found).Done && c.Firmware == d.Firmware && d.Firmware != "" {
				continue // nothing new to tell it
			}
		}
		found = append(found, handover.SightingOf(d))
	}
	if len(found) == 0 {
		return
	}
	w.ho.feedOnce.Do(func() {
		w.ho.feed = make(chan []handover.Sighting, 64)
		go func() {
			for batch := range w.ho.feed {
				l := w.live()
				if l == nil {
					continue
				}
				for _, s := range batch {
					if err := l.Found(s); err != nil {
						w.do(func() { w.handoverProblem(err) })
						break
					}
				}
			}
		}()
	})
	select {
	case w.ho.feed <- found:
	default:
		// The disk is behind; the next batch of news brings these
		// cameras again.
	}
}

// handoverProblem says once that the handover could not be saved.
func (w *MainWindow) handoverProblem(err error) {
	if w.ho.failed {
		return
	}
	w.ho.failed = true
	dialogs.ShowError(w.win, lang.X("handover.save_failed", "The handover could not be saved"), err)
}

// refreshHandover brings the site bar, the details' checklist and the
// table's checklist column in line with the open handover.
func (w *MainWindow) refreshHandover() {
	w.site.update(w.ho.shown)
	w.rows.handover = w.ho.shown
	if on := w.ho.shown != nil; on != w.ho.column {
		w.ho.column = on
		w.header.box.Refresh()
	}
	w.header.update(w.rows)
	w.details.updateChecklist()
	w.list.Refresh()
	w.updateHandoverItems()
}

func (w *MainWindow) showNewHandover() {
	dialogs.ShowNewHandover(w, w.openHandover)
}

func (w *MainWindow) showSwitchHandover() {
	dialogs.ShowSwitchHandover(w, w.openHandover)
}

func (w *MainWindow) showEditHandover() {
	if l := w.live(); l != nil {
		dialogs.ShowEditHandover(w, l, nil)
	}
}

func (w *MainWindow) closeHandover() { w.openHandover(nil) }

// newHandoverMenu is the Handover menu: the session itself, and what
// comes out of it.
func newHandoverMenu(w *MainWindow) *fyne.Menu {
	w.hoItems = map[string]*fyne.MenuItem{}
	add := func(key, label string, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		w.hoItems[key] = it
		return it
	}
	return fyne.NewMenu(lang.X("menu.handover", "Handover"),
		add("new", lang.X("handover.menu.new", "New handover…"), w.showNewHandover),
		add("open", lang.X("handover.menu.open", "Open another handover…"), w.showSwitchHandover),
		add("edit", lang.X("handover.menu.edit", "Site and people…"), w.showEditHandover),
		add("close", lang.X("handover.menu.close", "Close this handover"), w.closeHandover),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItemSeparator(),
		add("clock", lang.X("handover.menu.check_clock", "Check the clock"), func() { w.runHandoverAction(dialogs.CheckClock) }),
		add("setclock", lang.X("handover.menu.set_clock", "Set the clock…"), func() { w.runHandoverAction(dialogs.SetClock) }),
		add("snapshot", lang.X("handover.menu.snapshot", "Take a snapshot"), func() { w.runHandoverAction(dialogs.TakeSnapshot) }),
		fyne.NewMenuItemSeparator(),
		add("report", lang.X("handover.menu.report", "Export report…"), w.showExportReport),
		add("creds", lang.X("handover.menu.credentials", "Credentials sheet for the new owner…"), w.showCredentialsSheet),
		add("list", lang.X("handover.menu.list_csv", "Export camera list as CSV…"), w.showExportList),
	)
}

// updateHandoverItems turns off what needs an open handover when none is.
func (w *MainWindow) updateHandoverItems() {
	open := w.ho.shown != nil
	changed := false
	targets := len(w.handoverTargets()) > 0
	for key, it := range w.hoItems {
		off := !open && (key == "edit" || key == "close" || key == "report")
		switch key {
		case "list":
			off = len(w.rows.byMAC) == 0
		case "clock", "setclock", "snapshot":
			off = !targets
		}
		if it.Disabled != off {
			it.Disabled = off
			changed = true
		}
	}
	if changed && w.menu != nil {
		w.menu.Refresh()
	}
}

// writeNameTo is how the describe dialog writes a name to the camera mac:
// the camera must be in the list, where its address is.
func (w *MainWindow) writeNameTo(mac string) func(name, location string) {
	if _, ok := w.rows.device(mac); !ok {
		return nil
	}
	return func(name, location string) {
		if d, ok := w.rows.device(mac); ok {
			dialogs.ShowWriteName(w, d, name, location)
		}
	}
}

func (w *MainWindow) showExportReport() {
	if l := w.live(); l != nil {
		dialogs.ShowExportReport(w, l)
	}
}

func (w *MainWindow) showExportList() {
	cams := w.rows.devices()
	if len(cams) == 0 {
		return
	}
	slices.SortFunc(cams, compareIP)
	dialogs.ShowExportList(w, cams, func(cams []discovery.Device) []report.DeviceRow {
		rows := make([]report.DeviceRow, 0, len(cams))
		for _, d := range cams {
			addr := ""
			if len(d.Addresses) > 0 {
				addr = d.Addresses[0].String()
			}
			rows = append(rows, report.DeviceRow{
				Model: d.Model, Name: d.Name, Address: addr, MAC: d.MAC, Serial: d.Serial, Firmware: d.Firmware,
				PasswordState: passwordWords(d), Reachability: i18n.Text(d.Diagnosis.What),
				FoundVia: foundByText(d), LastSeen: d.LastSeen,
			})
		}
		return rows
	})
}

func (w *MainWindow) showCredentialsSheet() { dialogs.ShowCredentialsSheet(w, w.live()) }

// passwordWords says whether a camera still needs its first password.
func passwordWords(d discovery.Device) string {
	switch d.Setup {
	case discovery.SetupNeeded:
		return lang.X("list.password_needed", "needs a password")
	case discovery.SetupDone:
		return lang.X("list.password_set", "has a password")
	}
	return lang.X("list.password_unknown", "unknown")
}

// handoverTargets are the cameras the handover's actions work on: the
// ticked ones, else the selected one, as for every other action; not one
// that is lost.
func (w *MainWindow) handoverTargets() []discovery.Device {
	cams, _ := w.chosen()
	var out []discovery.Device
	for _, d := range cams {
		if !d.Lost && len(d.Addresses) > 0 {
			out = append(out, d)
		}
	}
	return out
}

func (w *MainWindow) runHandoverAction(act dialogs.HandoverAction) {
	if cams := w.handoverTargets(); len(cams) > 0 {
		dialogs.ShowHandoverAction(w, cams, act)
	}
}

// devices is every camera the table knows.
func (r *cameraRows) devices() []discovery.Device {
	out := make([]discovery.Device, 0, len(r.byMAC))
	for _, d := range r.byMAC {
		out = append(out, d)
	}
	return out
}
