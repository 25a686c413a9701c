package window

import (
	"net/netip"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// detailField is one line of the details panel.
type detailField int

const (
	fieldModel detailField = iota
	fieldState
	fieldAddresses
	fieldMAC
	fieldFirmware
	fieldName
	fieldWeb
	fieldFoundBy
	fieldSeen
	numFields
)

func fieldTitle(f detailField) string {
	switch f {
	case fieldModel:
		return lang.X("details.model", "Model")
	case fieldState:
		return lang.X("details.state", "State")
	case fieldAddresses:
		return lang.X("details.addresses", "IP addresses")
	case fieldMAC:
		return lang.X("details.mac", "MAC / serial")
	case fieldFirmware:
		return lang.X("details.firmware", "Firmware")
	case fieldName:
		return lang.X("details.name", "Name")
	case fieldWeb:
		return lang.X("details.web", "Web page")
	case fieldFoundBy:
		return lang.X("details.found_by", "Found by")
	}
	return lang.X("details.seen", "Seen")
}

// detailsPanel shows everything known about the selected camera, what
// is wrong with it in plain words, and what to do next. With cameras
// ticked it says so at the top, and the action buttons move there: they
// then work on the ticked cameras, and say how many.
type detailsPanel struct {
	w    *MainWindow
	root *container.Scroll

	// Ticked cameras (shown whatever is selected).
	ticked      *fyne.Container
	tickedLabel *widget.Label
	untick      *widget.Button
	// tickedSlot and cameraSlot are where the action buttons sit: in the
	// ticked card while ticks count, under the camera's diagnosis
	// otherwise.
	tickedSlot *fyne.Container
	cameraSlot *fyne.Container
	actions    *fyne.Container

	placeholder *widget.Label
	camera      *fyne.Container
	title       *widget.Label
	values      [numFields]*widget.Label
	diagIcon    *widget.Icon
	diagWhat    *widget.Label
	diagNext    *widget.Label
	suggest     *widget.Button
	suggestion  func()
	buttons     [numActions]*widget.Button
	// The guided physical reset and ARP/Ping (gui/resetwizard, gui/dialogs):
	// for a lost password, and for a camera this computer sees but
	// cannot reach.
	resetWizard *widget.Button
	arpPing     *widget.Button
	// checklist is the camera's handover checklist, when a handover is
	// open.
	checklist *checklistCard
}

func newDetailsPanel(w *MainWindow) *detailsPanel {
	p := &detailsPanel{w: w}

	p.tickedLabel = widget.NewLabel("")
	p.tickedLabel.Wrapping = fyne.TextWrapWord
	p.untick = widget.NewButtonWithIcon(lang.X("details.untick", "Untick all"), theme.ContentClearIcon(), w.untickAll)
	p.tickedSlot = container.NewVBox()
	p.ticked = container.NewVBox(
		widget.NewCard("", "", container.NewVBox(p.tickedLabel, p.tickedSlot, container.NewHBox(p.untick))),
	)

	p.placeholder = widget.NewLabel(lang.X("details.none", "Choose a camera in the list to see its details and what can be done with it."))
	p.placeholder.Wrapping = fyne.TextWrapWord

	p.title = widget.NewLabel("")
	p.title.TextStyle = fyne.TextStyle{Bold: true}
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Wrapping = fyne.TextWrapWord

	form := container.New(layout.NewFormLayout())
	for f := range numFields {
		key := widget.NewLabel(fieldTitle(f))
		key.TextStyle = fyne.TextStyle{Bold: true}
		v := widget.NewLabel("")
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true // people copy addresses and serial numbers
		p.values[f] = v
		form.Add(key)
		form.Add(v)
	}

	p.diagWhat = widget.NewLabel("")
	p.diagWhat.Wrapping = fyne.TextWrapWord
	p.diagWhat.TextStyle = fyne.TextStyle{Bold: true}
	p.diagNext = widget.NewLabel("")
	p.diagNext.Wrapping = fyne.TextWrapWord
	p.suggest = widget.NewButton("", func() {
		if p.suggestion != nil {
			p.suggestion()
		}
	})
	p.suggest.Importance = widget.HighImportance
	p.diagIcon = widget.NewIcon(nil)
	diag := widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, container.NewVBox(p.diagIcon), nil, p.diagWhat),
		p.diagNext, container.NewHBox(p.suggest)))

	// One column: the labels grow with a count ("Assign addresses to 12
	// cameras…"), and the panel must stay narrow in a small window.
	p.actions = container.NewVBox()
	for a := range numActions {
		b := widget.NewButtonWithIcon(actionTitle(a), actionIcon(a), func() { w.runAction(a) })
		b.Alignment = widget.ButtonAlignLeading
		p.buttons[a] = b
		p.actions.Add(b)
	}
	p.cameraSlot = container.NewVBox(p.actions)

	p.resetWizard = widget.NewButtonWithIcon(lang.X("details.reset_wizard_short", "Password lost? Guided reset…"), apptheme.IconFactory, func() {
		if d, ok := w.selectedDevice(); ok {
			w.GuidedReset(d)
		}
	})
	p.resetWizard.Alignment = widget.ButtonAlignLeading
	p.arpPing = widget.NewButtonWithIcon(lang.X("details.arpping", "Address by serial number…"), apptheme.IconNetwork, func() {
		if d, ok := w.selectedDevice(); ok {
			dialogs.ShowARPPing(w, d, false)
		}
	})
	p.arpPing.Alignment = widget.ButtonAlignLeading

	p.checklist = newChecklistCard(w)
	p.camera = container.NewVBox(
		p.title,
		diag,
		p.checklist.card,
		p.cameraSlot,
		p.arpPing,
		p.resetWizard,
		widget.NewSeparator(),
		form,
	)
	p.root = container.NewVScroll(container.NewPadded(container.NewVBox(p.ticked, p.placeholder, p.camera)))
	return p
}

// update shows the selected camera (and the ticked ones).
func (p *detailsPanel) update() {
	w := p.w
	_, tickedMode := w.chosen()
	p.updateTicked(tickedMode)
	if tickedMode {
		p.place(p.tickedSlot, p.cameraSlot)
	} else {
		p.place(p.cameraSlot, p.tickedSlot)
	}

	d, ok := w.selectedDevice()
	if !ok {
		p.camera.Hide()
		widgets.SetVisible(p.placeholder, !tickedMode)
		p.updateActions()
		return
	}
	p.placeholder.Hide()
	p.camera.Show()

	st := w.rows.state(d)
	now := w.now()
	title := d.FullName
	if title == "" {
		title = dashIfEmpty(d.Model)
	}
	p.title.SetText(title)
	values := [numFields]string{
		fieldModel:     modelText(d),
		fieldState:     stateText(st, d, now),
		fieldAddresses: addressesText(d),
		fieldMAC:       macText(d),
		fieldFirmware:  firmwareText(d.Firmware),
		fieldName:      dashIfEmpty(d.Name),
		fieldWeb:       webText(d),
		fieldFoundBy:   foundByText(d),
		fieldSeen:      seenText(d),
	}
	for f, v := range values {
		if p.values[f].Text != v {
			p.values[f].SetText(v)
		}
	}

	what, next := i18n.Text(d.Diagnosis.What), i18n.Text(d.Diagnosis.Next)
	switch {
	case st == stateBusy:
		what, next = lang.X("details.busy", "OpenIPU is working on this camera."), lang.X("details.busy.next", "Wait until the action in progress has finished.")
	case st == stateNeedsPassword && d.Diagnosis.Reach == discovery.ReachOK:
		// The diagnosis is about reaching the camera ("Nothing to do"),
		// but a camera without a password still needs one.
		next = lang.X("details.next_set_password", "It has no administrator password yet: set one to start using it.")
	case st == stateReady && d.Diagnosis.Reach == discovery.ReachOK:
		next = lang.X("details.next_ready", "It has its administrator password. Nothing more to do here; its web page has the rest of its settings.")
	}
	p.diagWhat.SetText(what)
	p.diagNext.SetText(next)
	p.diagIcon.SetResource(stateIcon(st))
	p.checklist.update()
	// While ticks count, every button works on the ticked cameras; the
	// buttons that can only mean this one camera step aside.
	// ARP/Ping is for a camera seen on an address a reset leads to that
	// this computer cannot reach.
	reach := d.Diagnosis.Reach
	widgets.SetVisible(p.arpPing, !tickedMode && !d.Lost && st != stateBusy && (reach == discovery.ReachFactoryAddress || reach == discovery.ReachLinkLocalOnly))
	widgets.SetVisible(p.resetWizard, !tickedMode)
	label, run := p.suggestionFor(d, st)
	if tickedMode {
		run = nil
	}
	p.suggestion = run
	if run == nil {
		p.suggest.Hide()
	} else {
		p.suggest.SetText(label)
		p.suggest.Show()
	}
	p.updateActions()
}

// updateChecklist shows the selected camera's checklist as the handover
// has it now.
func (p *detailsPanel) updateChecklist() {
	p.checklist.update()
}

// place puts the action buttons in slot, out of the other.
func (p *detailsPanel) place(slot, other *fyne.Container) {
	if len(other.Objects) > 0 {
		other.Objects = nil
		other.Refresh()
	}
	if len(slot.Objects) == 0 {
		slot.Objects = []fyne.CanvasObject{p.actions}
		slot.Refresh()
	}
}

// updateTicked words the ticked card: how many are ticked, and, for each
// action that leaves some of them out, which and why, so a button that
// says "Restart 2 cameras" with three ticked is never a puzzle.
func (p *detailsPanel) updateTicked(tickedMode bool) {
	w := p.w
	hidden := w.rows.tickedHidden()
	if !tickedMode {
		if hidden == 0 {
			p.ticked.Hide()
			return
		}
		p.tickedLabel.SetText(i18n.Counted("details.ticked_all_hidden",
			"{{.Count}} ticked camera is hidden by the filter, so the buttons work on the selected camera.",
			"{{.Count}} ticked cameras are hidden by the filter, so the buttons work on the selected camera.", hidden))
		p.ticked.Show()
		return
	}
	cams, _ := w.chosen()
	n := len(cams)
	busy := 0
	for _, d := range cams {
		if w.rows.state(d) == stateBusy {
			busy++
		}
	}
	lines := []string{i18n.Counted("details.ticked_apply", "{{.Count}} camera ticked: the buttons below work on it.", "{{.Count}} cameras ticked: the buttons below work on them.", n)}
	switch need := len(w.targets(actSetPassword)); {
	case need == 0:
		lines = append(lines, i18n.Counted("details.ticked_need_none", "It does not need a password.", "None of them needs a password.", n))
	case need == n:
		lines = append(lines, i18n.Counted("details.ticked_need_all", "It needs a password.", "They all need a password.", n))
	default:
		lines = append(lines, i18n.Counted("details.ticked_need", "{{.Count}} of them needs a password.", "{{.Count}} of them need a password.", need))
	}
	if busy > 0 {
		lines = append(lines, i18n.Counted("details.ticked_busy", "{{.Count}} is busy and left out until its action has finished.", "{{.Count}} are busy and left out until their actions have finished.", busy))
	}
	if skip := n - busy - len(w.targets(actRestart)); skip > 0 {
		lines = append(lines, i18n.Counted("details.ticked_skip_restart",
			"Restart and factory default leave out {{.Count}} camera: they work only on a camera that has its password and answers.",
			"Restart and factory default leave out {{.Count}} cameras: they work only on cameras that have their password and answer.", skip))
	}
	if skip := n - busy - len(w.targets(actAssignIP)); skip > 0 {
		lines = append(lines, i18n.Counted("details.ticked_skip_assign",
			"Assigning addresses leaves out {{.Count}} camera that has not been seen lately.",
			"Assigning addresses leaves out {{.Count}} cameras that have not been seen lately.", skip))
	}
	if n > 1 {
		lines = append(lines, lang.X("details.ticked_browser", "Open in web browser works on one camera at a time."))
	}
	if hidden > 0 {
		lines = append(lines, i18n.Counted("details.ticked_hidden",
			"{{.Count}} more ticked camera is hidden by the filter and left out.",
			"{{.Count}} more ticked cameras are hidden by the filter and left out.", hidden))
	}
	p.tickedLabel.SetText(strings.Join(lines, "\n"))
	p.ticked.Show()
}

// suggestionFor is the one button that does what the diagnosis advises.
func (p *detailsPanel) suggestionFor(d discovery.Device, st camState) (string, func()) {
	w := p.w
	action := func(a actionID) (string, func()) {
		if !w.enabled(a) {
			return "", nil
		}
		return actionTitle(a), func() { w.runAction(a) }
	}
	switch st {
	case stateBusy, stateChecking:
		return "", nil
	case stateLost:
		return lang.X("toolbar.search_again", "Search again"), w.searchAgain
	case stateNeedsPassword:
		return action(actSetPassword)
	case stateReady:
		return action(actOpenBrowser)
	}
	switch d.Diagnosis.Reach {
	case discovery.ReachFactoryAddress, discovery.ReachLinkLocalOnly, discovery.ReachOtherSubnet:
		if !w.enabled(actAssignIP) {
			return "", nil
		}
		return lang.X("details.give_address", "Give this camera an address…"), func() { w.runAction(actAssignIP) }
	case discovery.ReachNoHTTP:
		return lang.X("toolbar.search_again", "Search again"), w.searchAgain
	}
	return "", nil
}

func (p *detailsPanel) updateActions() {
	for a, b := range p.buttons {
		if label := p.w.actionLabel(actionID(a)); b.Text != label {
			b.SetText(label)
		}
		widgets.EnableButton(b, p.w.enabled(actionID(a)))
	}
	// With nothing chosen there is nothing for them to work on.
	_, ticked := p.w.chosen()
	_, selected := p.w.selectedDevice()
	widgets.SetVisible(p.actions, ticked || selected)
}

func modelText(d discovery.Device) string {
	switch {
	case d.Model != "" && d.FullName != "" && d.FullName != d.Model:
		return d.FullName
	case d.Model != "":
		return d.Model
	}
	return lang.X("details.unknown_yet", "Not known until the camera answers")
}

func addressesText(d discovery.Device) string {
	if len(d.Addresses) == 0 {
		return "—"
	}
	var lines []string
	for _, a := range d.Addresses {
		lines = append(lines, addressNote(a))
	}
	return strings.Join(lines, "\n")
}

func addressNote(a netip.Addr) string {
	switch {
	case a == discovery.FactoryAddress:
		return lang.X("details.addr_factory", "{{.Addr}} (factory address)", map[string]any{"Addr": a.String()})
	case a.IsLinkLocalUnicast():
		return lang.X("details.addr_link_local", "{{.Addr}} (automatic address)", map[string]any{"Addr": a.String()})
	}
	return a.String()
}

func macText(d discovery.Device) string {
	if d.Serial != "" && d.Serial != d.MAC {
		return lang.X("details.mac_serial", "{{.MAC}} (serial {{.Serial}})", map[string]any{"MAC": d.MAC, "Serial": d.Serial})
	}
	return d.MAC
}

// firmwareText puts the firmware version in words that matter for setup:
// which generation it is and what it allows as the administrator's name.
func firmwareText(fw string) string {
	if fw == "" {
		return lang.X("details.unknown_yet", "Not known until the camera answers")
	}
	parts := strings.SplitN(fw, ".", 3)
	major, err1 := strconv.Atoi(parts[0])
	minor := 0
	if len(parts) > 1 {
		minor, _ = strconv.Atoi(parts[1])
	}
	if err1 != nil {
		return fw
	}
	args := map[string]any{"Version": fw, "Major": major}
	switch {
	case major >= 12 || major == 11 && minor >= 5:
		return lang.X("details.fw_any_name", "{{.Version}} — AXIS OS {{.Major}}: any administrator name", args)
	case major >= 10:
		return lang.X("details.fw_root", "{{.Version}} — AXIS OS {{.Major}}: the administrator must be called root", args)
	}
	return lang.X("details.fw_old", "{{.Version}} — older firmware: the administrator must be called root", args)
}

func webText(d discovery.Device) string {
	if d.HTTPURL == "" {
		return "—"
	}
	s := d.HTTPURL
	if d.HTTPSPort > 0 && len(d.Addresses) > 0 {
		s += "\n" + vapix.CameraURL(true, d.Addresses[0], d.HTTPSPort)
	}
	return s
}

func foundByText(d discovery.Device) string {
	var how []string
	for _, s := range d.Sources {
		switch s {
		case discovery.SourceMDNS:
			how = append(how, lang.X("details.source_mdns", "Bonjour announcement"))
		case discovery.SourceSSDP:
			how = append(how, lang.X("details.source_ssdp", "UPnP announcement"))
		case discovery.SourceManual:
			how = append(how, lang.X("details.source_manual", "added by IP address"))
		case discovery.SourceScan:
			how = append(how, lang.X("details.source_scan", "address range scan"))
		}
	}
	s := strings.Join(how, ", ")
	if len(d.Interfaces) > 0 {
		s = lang.X("details.found_on", "{{.How}} on {{.Interfaces}}", map[string]any{"How": s, "Interfaces": strings.Join(d.Interfaces, ", ")})
	}
	if d.AnnouncedBy.IsValid() {
		// Heard through an mDNS gateway: the camera is elsewhere, and the
		// router is who spoke for it.
		s = lang.X("details.announced_by", "{{.How}}, announced by {{.Gateway}} on its behalf",
			map[string]any{"How": s, "Gateway": d.AnnouncedBy.String()})
	}
	return dashIfEmpty(s)
}

func seenText(d discovery.Device) string {
	if d.FirstSeen.IsZero() {
		return "—"
	}
	return lang.X("details.seen_text", "first {{.First}}, last {{.Last}}", map[string]any{
		"First": d.FirstSeen.Format("15:04:05"), "Last": d.LastSeen.Format("15:04:05"),
	})
}
