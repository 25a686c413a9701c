package window

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/resetwizard"
)

// emptyState takes the table's place while no camera is known: it says
// what is being searched, what to check, and offers the other ways in.
type emptyState struct {
	root      fyne.CanvasObject
	title     *widget.Label
	searching *widget.Label
	problem   *widget.Label
	// problemBox is the problem with a warning sign: orange text on white
	// is too faint, the sign carries the colour.
	problemBox *fyne.Container
	checklist  *widget.Label
	add        *widget.Button
	scan       *widget.Button
	demo       *widget.Button
	// reset opens the guided physical reset (gui/resetwizard) for a camera
	// that cannot be found because nobody knows its settings any more.
	reset *widget.Button
}

// emptyWidth keeps the text of the empty state in a readable column.
const emptyWidth = 560

func newEmptyState(w *MainWindow) *emptyState {
	e := &emptyState{
		title:     widget.NewLabel(""),
		searching: widget.NewLabel(""),
		problem:   widget.NewLabel(""),
		checklist: widget.NewLabel(strings.Join([]string{
			lang.X("empty.check_intro", "If a camera should be here, check that:"),
			"•  " + lang.X("empty.check_power", "the camera has power (its light is on) and a network cable;"),
			"•  " + lang.X("empty.check_network", "this computer is connected to the same network as the cameras;"),
			"•  " + lang.X("empty.check_firewall", "no firewall blocks OpenIPU (allow it if your computer asks);"),
			"•  " + lang.X("empty.check_macos", "on a Mac, OpenIPU may use the local network (System Settings › Privacy & Security › Local Network)."),
		}, "\n")),
		add:  widget.NewButtonWithIcon(lang.X("toolbar.add_camera", "Add camera by IP…"), theme.ContentAddIcon(), w.showAddCamera),
		scan: widget.NewButtonWithIcon(lang.X("toolbar.scan_range", "Scan address range…"), theme.SearchIcon(), w.showScanRange),
		demo: widget.NewButtonWithIcon(lang.X("empty.try_demo", "Try with simulated cameras"), apptheme.IconCamera, w.startDemo),
		reset: widget.NewButtonWithIcon(lang.X("toolbar.reset_wizard", "Guided factory reset…"), apptheme.IconFactory, func() {
			resetwizard.Show(w, discovery.Device{})
		}),
	}
	e.title.TextStyle = fyne.TextStyle{Bold: true}
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.title.Alignment = fyne.TextAlignCenter
	for _, l := range []*widget.Label{e.searching, e.problem, e.checklist} {
		l.Wrapping = fyne.TextWrapWord
	}
	e.searching.Alignment = fyne.TextAlignCenter
	e.add.Importance = widget.HighImportance

	e.problemBox = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))), nil, e.problem)
	icon := canvas.NewImageFromResource(apptheme.IconCamera)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	body := container.NewVBox(
		icon,
		e.title,
		e.searching,
		e.problemBox,
		e.checklist,
		container.NewCenter(container.NewHBox(e.add, e.scan, e.demo)),
		container.NewCenter(container.NewHBox(widget.NewLabel(lang.X("empty.lost_password", "Nobody knows a camera's settings any more?")), e.reset)),
	)
	e.root = container.NewVScroll(container.NewCenter(container.New(&fixedWidth{width: emptyWidth}, body)))
	return e
}

// update shows or hides the empty state and words it for the moment.
func (e *emptyState) update(empty, searching bool, st discovery.Status, runErr error, canDemo bool) {
	if !empty {
		e.root.Hide()
		return
	}
	e.root.Show()
	if searching {
		e.title.SetText(lang.X("empty.searching", "Looking for cameras…"))
	} else {
		e.title.SetText(lang.X("empty.none", "No cameras found yet"))
	}
	e.searching.SetText(searchedText(st.Interfaces))
	var problem string
	switch {
	case runErr != nil:
		p, _ := usermsg.Explain(runErr)
		what, next := i18n.ProblemText(p)
		problem = lang.X("empty.cannot_search", "OpenIPU cannot search for cameras:") + " " + what + "\n" + next
	case st.NothingHeard:
		problem = i18n.Text(st.What) + "\n" + i18n.Text(st.Next)
	}
	// Notices are what the search cannot do here while it still works:
	// said with the problem, they do not replace the checklist.
	said := []string{}
	if problem != "" {
		said = append(said, problem)
	}
	for _, n := range st.Notices {
		what, next := i18n.ProblemText(n)
		said = append(said, what+"\n"+next)
	}
	e.problem.SetText(strings.Join(said, "\n\n"))
	if len(said) == 0 {
		e.problemBox.Hide()
	} else {
		e.problemBox.Show()
	}
	// The engine's "nothing heard" says what the checklist says, and more.
	if problem == "" {
		e.checklist.Show()
	} else {
		e.checklist.Hide()
	}
	if canDemo {
		e.demo.Show()
	} else {
		e.demo.Hide()
	}
}

// searchedText names the connections searched, with their addresses, so
// someone can see at a glance that the right network is being searched.
func searchedText(ifs []netif.Interface) string {
	if len(ifs) == 0 {
		return lang.X("empty.searched_none", "No network connection is being searched yet.")
	}
	var names []string
	for _, i := range ifs {
		var nets []string
		for _, p := range i.Prefixes {
			nets = append(nets, p.String())
		}
		if len(nets) > 0 {
			names = append(names, i.Name+" ("+strings.Join(nets, ", ")+")")
		} else {
			names = append(names, i.Name)
		}
	}
	return lang.X("empty.searched", "Searching on: {{.Interfaces}}", map[string]any{"Interfaces": strings.Join(names, ", ")})
}

// fixedWidth lays its objects out in a column of at most width, so wrapped
// text keeps a readable line length.
type fixedWidth struct{ width float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(min(size.Width, f.width), o.MinSize().Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(f.width, 0)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}
