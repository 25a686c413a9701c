package window

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
)

// statusBar counts the cameras by what they need, and shows that a search
// is running.
type statusBar struct {
	activity  *widget.Activity
	searching *widget.Label
	counts    *widget.Label
	where     *widget.Label
	// notice says what the search cannot do on this computer.
	notice *widget.Label
	box    *fyne.Container
}

func newStatusBar() *statusBar {
	s := &statusBar{
		activity:  widget.NewActivity(),
		searching: widget.NewLabel(lang.X("status.searching", "Searching…")),
		counts:    widget.NewLabel(""),
		where:     widget.NewLabel(""),
		notice:    widget.NewLabel(""),
	}
	s.where.Truncation = fyne.TextTruncateEllipsis
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Importance = widget.WarningImportance
	s.notice.Hide()
	s.box = container.NewVBox(widget.NewSeparator(), s.notice,
		container.NewBorder(nil, nil, container.NewHBox(s.activity, s.searching, s.counts), nil, s.where))
	return s
}

func (s *statusBar) update(c counts, searching bool, st discovery.Status, simulated bool) {
	// A connection plugged in while the search runs gets a burst of its
	// own, shown as a search with its name.
	joining, isJoining := st.JoiningMessage()
	text := lang.X("status.searching", "Searching…")
	if isJoining {
		text = i18n.Text(joining)
	}
	if s.searching.Text != text {
		s.searching.SetText(text)
	}
	if searching || isJoining {
		s.activity.Show()
		s.activity.Start()
		s.searching.Show()
	} else {
		s.activity.Stop()
		s.activity.Hide()
		s.searching.Hide()
	}
	if t := countsText(c); s.counts.Text != t {
		s.counts.SetText(t)
	}
	where := ""
	if len(st.Interfaces) > 0 {
		var names []string
		for _, i := range st.Interfaces {
			names = append(names, i.Name)
		}
		where = lang.X("status.where", "Searching on {{.Interfaces}}", map[string]any{"Interfaces": strings.Join(names, ", ")})
	}
	if simulated {
		where = lang.X("status.simulated", "Simulated cameras on this computer")
	}
	s.where.Alignment = fyne.TextAlignTrailing
	if s.where.Text != where {
		s.where.SetText(where)
	}
	// A notice stays in view while cameras are listed, where the empty
	// state that also says it is gone.
	notice := ""
	if len(st.Notices) > 0 {
		notice = i18n.Text(st.Notices[0].What)
	}
	if s.notice.Text != notice {
		s.notice.SetText(notice)
	}
	if notice == "" {
		s.notice.Hide()
	} else {
		s.notice.Show()
	}
}

// countsText: "12 cameras · 3 need a password · 1 unreachable".
func countsText(c counts) string {
	if c.total == 0 {
		return lang.X("status.no_cameras", "No cameras yet")
	}
	parts := []string{i18n.Counted("status.cameras", "{{.Count}} camera", "{{.Count}} cameras", c.total)}
	if c.shown != c.total {
		parts[0] = lang.X("status.shown", "{{.Shown}} of {{.Total}} shown", map[string]any{"Shown": c.shown, "Total": parts[0]})
	}
	if c.needPassword > 0 {
		parts = append(parts, i18n.Counted("status.need_password", "{{.Count}} needs a password", "{{.Count}} need a password", c.needPassword))
	}
	if c.unreachable > 0 {
		parts = append(parts, i18n.Counted("status.unreachable", "{{.Count}} unreachable", "{{.Count}} unreachable", c.unreachable))
	}
	if c.lost > 0 {
		parts = append(parts, i18n.Counted("status.lost", "{{.Count}} not seen lately", "{{.Count}} not seen lately", c.lost))
	}
	if c.busy > 0 {
		parts = append(parts, i18n.Counted("status.busy", "{{.Count}} busy", "{{.Count}} busy", c.busy))
	}
	return strings.Join(parts, " · ")
}

// noMatch replaces the empty table when the filter hides every camera.
type noMatch struct {
	label *widget.Label
	clear *widget.Button
	box   *fyne.Container
}

func newNoMatch(w *MainWindow) *noMatch {
	n := &noMatch{label: widget.NewLabel("")}
	n.label.Alignment = fyne.TextAlignCenter
	n.clear = widget.NewButtonWithIcon(lang.X("filter.clear", "Clear the filter"), theme.ContentClearIcon(), func() { w.filter.SetText("") })
	n.box = container.NewVBox(n.label, container.NewCenter(n.clear))
	n.box.Hide()
	return n
}

func (n *noMatch) update(r *cameraRows) {
	if len(r.view) > 0 || len(r.byMAC) == 0 {
		n.box.Hide()
		return
	}
	n.label.SetText(lang.X("filter.no_match", "No camera matches “{{.Filter}}”.", map[string]any{"Filter": strings.TrimSpace(r.filter)}))
	n.box.Show()
}

// newDemoNote says that the cameras are simulated, so nobody mistakes the
// demo for their own network.
func newDemoNote() *fyne.Container {
	l := widget.NewLabel(lang.X("demo.note", "These are simulated cameras running inside OpenIPU on this computer; nothing is sent to your network. Try anything: set passwords, reset, change addresses. Start OpenIPU again to work with real cameras."))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.HighImportance
	return container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, l), widget.NewSeparator())
}
