package dialogs

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// HandoverAction is a checklist step OpenIPU does on cameras from the
// handover: read or set the clock, take a snapshot, write the name.
type HandoverAction int

// The actions.
const (
	CheckClock HandoverAction = iota
	SetClock
	TakeSnapshot
	WriteName
)

// handoverActionDialog runs one HandoverAction on one camera or many, with
// one login, each camera's outcome on its own line.
type handoverActionDialog struct {
	*frame
	act   HandoverAction
	rows  []*bulkRow
	login *loginFields

	// SetClock's settings.
	source   *widget.RadioGroup
	ntp      *widgets.EscEntry
	zone     *widgets.EscEntry
	useNTP   string
	useLocal string
	// WriteName's text.
	name, location string
}

// ShowHandoverAction opens act for cams.
func ShowHandoverAction(h Host, cams []discovery.Device, act HandoverAction) {
	d := newHandoverActionDialog(h, cams, act, "", "")
	d.show(d.login.password)
}

// ShowWriteName writes name (and location) to the camera as its friendly
// name, which the camera announces on the network.
func ShowWriteName(h Host, cam discovery.Device, name, location string) {
	d := newHandoverActionDialog(h, []discovery.Device{cam}, WriteName, name, location)
	d.show(d.login.password)
}

func newHandoverActionDialog(h Host, cams []discovery.Device, act HandoverAction, name, location string) *handoverActionDialog {
	d := &handoverActionDialog{act: act, name: name, location: location}
	n := len(cams)
	var title, button, intro string
	switch act {
	case CheckClock:
		title = lang.X("handover.clock.check_title", "Check the clock")
		button = i18n.Counted("handover.clock.check_button", "Check 1 camera", "Check {{.Count}} cameras", n)
		intro = lang.X("handover.clock.check_intro", "OpenIPU reads each camera's clock and compares it with this computer's. Recordings with a clock that is off by minutes are often not accepted as evidence.")
	case SetClock:
		title = lang.X("handover.clock.set_title", "Set the clock")
		button = i18n.Counted("handover.clock.set_button", "Set 1 camera", "Set {{.Count}} cameras", n)
		intro = lang.X("handover.clock.set_intro", "Choose how the cameras keep time. A time server (NTP) keeps them right for good; this computer's time is right today but drifts.")
	case TakeSnapshot:
		title = lang.X("handover.snapshot.title", "Take a snapshot")
		button = i18n.Counted("handover.snapshot.button", "Take 1 snapshot", "Take {{.Count}} snapshots", n)
		intro = lang.X("handover.snapshot.intro", "One still picture from each camera, kept small with the handover, shows in the report what the camera saw on the day.")
	case WriteName:
		title = lang.X("handover.name.title", "Write the name to the camera")
		button = lang.X("handover.name.button", "Write name")
		intro = lang.X("handover.name.intro", "The camera will announce itself on the network as “{{.Name}}”.", map[string]any{"Name": workflow.FriendlyName(name, location)})
	}
	body := container.NewVBox()
	d.frame = newFrame(h, title, body, button, d.submit)
	d.primary.SetIcon(theme.ConfirmIcon())
	for _, c := range cams {
		d.rows = append(d.rows, newBulkRow(c, lang.X("dialog.bulk.waiting", "Waiting")))
	}
	table, _ := bulkTable(d.rows)
	d.login = bulkLogin(h, cams, d.submit, d.escape, d.validate)
	objs := []fyne.CanvasObject{widgets.Wrapped(intro)}
	if act == SetClock {
		d.useNTP = lang.X("handover.clock.ntp", "Follow a time server (NTP)")
		d.useLocal = lang.X("handover.clock.local", "Take this computer's time")
		d.ntp = widgets.NewEscEntry(d.escape)
		d.ntp.SetPlaceHolder(lang.X("handover.clock.ntp_placeholder", "for example 10.0.0.1 or pool.ntp.org"))
		d.ntp.OnChanged = func(string) { d.validate() }
		d.zone = widgets.NewEscEntry(d.escape)
		d.zone.SetPlaceHolder(lang.X("handover.clock.zone_placeholder", "for example Europe/Stockholm; empty keeps the camera's"))
		d.source = widget.NewRadioGroup([]string{d.useNTP, d.useLocal}, func(string) {
			widgets.SetVisible(d.ntp, d.source.Selected == d.useNTP)
			d.validate()
		})
		d.source.Required = true
		d.source.SetSelected(d.useNTP)
		objs = append(objs, d.source, container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("handover.clock.server", "Time server")), d.ntp,
			widget.NewLabel(lang.X("handover.clock.zone", "Time zone")), d.zone))
	}
	objs = append(objs, table, widget.NewSeparator(), d.login.box)
	body.Objects = objs
	d.whenClosed(d.login.clear)
	d.validate()
	return d
}

// setting is what SetClock asks for.
func (d *handoverActionDialog) setting() vapix.ClockSetting {
	s := vapix.ClockSetting{TimeZone: strings.TrimSpace(d.zone.Text)}
	if d.source.Selected == d.useLocal {
		s.ComputerTime = true
		return s
	}
	s.NTPServers = strings.FieldsFunc(d.ntp.Text, func(r rune) bool { return r == ',' || r == ' ' })
	return s
}

func (d *handoverActionDialog) validate() {
	d.login.check()
	ok := d.login.err() == nil && !d.running && len(rowsLeft(d.rows)) > 0
	if ok && d.act == SetClock {
		if err := d.setting().Validate(); err != nil {
			ok = false
			if strings.TrimSpace(d.ntp.Text) != "" || d.zone.Text != "" {
				d.problem.ShowError(err)
			}
		} else {
			d.problem.Hide()
		}
	}
	widgets.SetVisible(d.primary, len(rowsLeft(d.rows)) > 0)
	if ok {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

func (d *handoverActionDialog) submit() {
	todo := rowsLeft(d.rows)
	if d.primary.Disabled() || d.running || len(todo) == 0 {
		return
	}
	login := workflow.As(workflow.Credentials{User: d.login.user.Text, Password: d.login.password.Text})
	env := d.envForMany()
	var setting vapix.ClockSetting
	if d.act == SetClock {
		setting = d.setting()
	}
	live := d.h.Backend().Handover.Live()
	for _, r := range todo {
		r.show(rowWaiting, lang.X("dialog.bulk.waiting", "Waiting"), "")
	}
	d.login.setEnabled(false)
	d.problem.Hide()
	var finished atomic.Int32
	d.status.SetText(bulkCount(0, len(todo)))
	d.runRows(todo, lang.X("dialog.bulk.stopped", "Stopped: not sent"), func(ctx context.Context, r *bulkRow) {
		t := workflow.TargetOf(r.cam)
		progress := func(workflow.Progress) {
			d.ui(func() { r.show(rowWorking, lang.X("handover.row.working", "Working…"), "") })
		}
		var done string
		var err error
		switch d.act {
		case CheckClock, SetClock:
			var reading vapix.ClockReading
			if d.act == CheckClock {
				reading, err = workflow.CheckClock(ctx, env, t, login, progress)
			} else {
				reading, err = workflow.SetClock(ctx, env, t, login, setting, progress)
			}
			done = clockWords(reading)
		case TakeSnapshot:
			var pic []byte
			pic, err = workflow.TakeSnapshot(ctx, env, t, login, progress)
			if err == nil && live != nil {
				err = live.AttachSnapshot(r.cam.MAC, pic)
			}
			done = lang.X("handover.row.snapshot", "Picture kept")
		case WriteName:
			err = workflow.SetName(ctx, env, t, login, d.name, d.location, progress)
			done = lang.X("handover.row.named", "Name written")
		}
		n := int(finished.Add(1))
		d.ui(func() {
			if err != nil {
				r.show(failedState(err), failedWords(err), problemSentence(err))
			} else {
				r.show(rowDone, done, "")
			}
			d.status.SetText(bulkCount(n, len(todo)))
		})
	}, d.finish)
}

// clockWords is a clock reading as a row's status: "27.0 s behind".
func clockWords(r vapix.ClockReading) string {
	ms := r.Offset.Milliseconds()
	secs := float64(ms) / 1000
	switch {
	case ms > -1000 && ms < 1000:
		return lang.X("handover.row.clock_right", "Right (within a second)")
	case ms > 0:
		return lang.X("handover.row.clock_ahead", "{{.Seconds}} s ahead", map[string]any{"Seconds": fmt.Sprintf("%.1f", secs)})
	}
	return lang.X("handover.row.clock_behind", "{{.Seconds}} s behind", map[string]any{"Seconds": fmt.Sprintf("%.1f", -secs)})
}

func (d *handoverActionDialog) finish() {
	d.status.SetText("")
	d.login.setEnabled(true)
	d.summarise(d.rows,
		i18n.Counted("handover.action.all_done", "Done. The camera's checklist is ticked.", "Done on all {{.Count}} cameras. Their checklists are ticked.", len(d.rows)),
		lang.X("handover.action.some", "{{.Done}} of {{.N}} cameras done. The list says what happened to the others.", map[string]any{"Done": countDone(d.rows), "N": len(d.rows)}))
	d.validate()
}

// WriteNameOffered says whether h's cameras can be given a name.
func WriteNameOffered(h Host) bool { return h.Backend().Env.Connect != nil }
