package window

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

func TestTableFillsFromEventStreamWithLatestSnapshotPerCamera(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet[0], fleet[1])
	w.waitRows(t, 2)

	renamed := fleet[0]
	renamed.Name = "Lobby entrance"
	d.Send(discovery.Added, fleet[2])
	d.Send(discovery.Updated, renamed)
	w.ui.Until(t, "the rename shows", func() bool {
		dev, _ := w.rows.device(renamed.MAC)
		return len(w.rows.view) == 3 && dev.Name == "Lobby entrance"
	})

	rows := w.shownRows()
	want := [][]string{ // sorted by IP address: 10.0.4.5, .21, .103
		{"Ready", "AXIS Q1961-TE", "10.0.4.5", "B8A44F000002", "12.9.57", "AXIS Q1961-TE"},
		{"Needs a password", "AXIS P3245-LVE", "10.0.4.21", "ACCC8E000001", "10.12.240", "AXIS P3245-LVE"},
		{"Needs a password", "AXIS M1075-L", "10.0.4.103", "ACCC8E000003", "11.11.192", "Lobby entrance"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows on screen:\n%q\nwant\n%q", rows, want)
	}
}

func TestClickingAColumnHeaderSortsByItAndClickingAgainReverses(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	d.Send(discovery.Added, fleetOfFive()...)
	w.waitRows(t, 5)

	test.Tap(w.header.buttons[colModel])
	models := column0(w.shownRows(), colModel)
	if want := []string{"AXIS M1075-L", "AXIS M3066-V", "AXIS M3086-V", "AXIS P3245-LVE", "AXIS Q1961-TE"}; !slices.Equal(models, want) {
		t.Errorf("by model: %q, want %q", models, want)
	}
	test.Tap(w.header.buttons[colModel])
	models = column0(w.shownRows(), colModel)
	if models[0] != "AXIS Q1961-TE" || models[4] != "AXIS M1075-L" {
		t.Errorf("by model, reversed: %q", models)
	}

	test.Tap(w.header.buttons[colState])
	states := column0(w.shownRows(), colState)
	if want := []string{"Needs a password", "Needs a password", "Unreachable", "Not seen since 14:10", "Ready"}; !slices.Equal(states, want) {
		t.Errorf("by state (what needs work first): %q, want %q", states, want)
	}

	test.Tap(w.header.buttons[colIP])
	ips := column0(w.shownRows(), colIP)
	if want := []string{"10.0.4.5", "10.0.4.21", "10.0.4.99", "10.0.4.103", "192.168.0.90"}; !slices.Equal(ips, want) {
		t.Errorf("by IP (numerically, not as text): %q, want %q", ips, want)
	}
}

func TestFilterFindsCamerasByModelIPOrMACWrittenWithColons(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	d.Send(discovery.Added, fleetOfFive()...)
	w.waitRows(t, 5)

	for _, tc := range []struct {
		typed string
		macs  []string
	}{
		{"m30", []string{"00408C000005", "E82725000004"}},
		{"10.0.4.2", []string{"ACCC8E000001"}},
		{"b8:a4:4f:00", []string{"B8A44F000002"}},
		{"needs a pass", []string{"ACCC8E000001", "ACCC8E000003"}},
		{"", []string{"B8A44F000002", "ACCC8E000001", "00408C000005", "ACCC8E000003", "E82725000004"}},
	} {
		w.filter.SetText(tc.typed)
		if got := column0(w.shownRows(), colMAC); !slices.Equal(got, tc.macs) {
			t.Errorf("filter %q shows %q, want %q", tc.typed, got, tc.macs)
		}
	}

	w.filter.SetText("nothing like this")
	if !w.noMatch.box.Visible() || !strings.Contains(w.noMatch.label.Text, "nothing like this") {
		t.Errorf("no-match note hidden or wrong: %q", w.noMatch.label.Text)
	}
	if !strings.HasPrefix(w.bar.counts.Text, "0 of 5 cameras shown") {
		t.Errorf("status bar with a filter: %q", w.bar.counts.Text)
	}
	test.Tap(w.noMatch.clear)
	if len(w.shownRows()) != 5 || w.noMatch.box.Visible() {
		t.Error("clearing the filter did not bring the cameras back")
	}
}

func TestSelectingACameraShowsItsDetailsDiagnosisAndMatchingSuggestion(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)

	if w.details.camera.Visible() || !w.details.placeholder.Visible() {
		t.Fatal("details shown before any camera was selected")
	}
	factory := fleet[3]
	w.tapRow(t, factory.MAC, 0)
	p := w.details
	if !p.camera.Visible() || p.title.Text != "AXIS M3086-V Network Camera" {
		t.Fatalf("details title %q", p.title.Text)
	}
	if want := i18n.Text(factory.Diagnosis.What); p.diagWhat.Text != want || !strings.Contains(want, "192.168.0.90") {
		t.Errorf("diagnosis %q, want %q", p.diagWhat.Text, want)
	}
	if p.diagNext.Text != i18n.Text(factory.Diagnosis.Next) {
		t.Errorf("next step %q", p.diagNext.Text)
	}
	if !p.suggest.Visible() || p.suggest.Text != "Give this camera an address…" {
		t.Errorf("suggested action %q (visible %v), want Give this camera an address…", p.suggest.Text, p.suggest.Visible())
	}
	if got := p.values[fieldAddresses].Text; got != "192.168.0.90 (factory address)" {
		t.Errorf("addresses %q", got)
	}

	w.tapRow(t, fleet[0].MAC, 0)
	if p.suggest.Text != "Set password…" || p.buttons[actSetPassword].Disabled() || !p.buttons[actFactoryDefault].Disabled() {
		t.Errorf("camera needing a password: suggestion %q, set password disabled %v, factory default disabled %v",
			p.suggest.Text, p.buttons[actSetPassword].Disabled(), p.buttons[actFactoryDefault].Disabled())
	}
	if got := p.values[fieldFirmware].Text; got != "11.11.192 — AXIS OS 11: any administrator name" {
		t.Errorf("firmware %q", got)
	}
	w.tapRow(t, fleet[1].MAC, 0)
	if got := p.values[fieldFirmware].Text; got != "10.12.240 — AXIS OS 10: the administrator must be called root" {
		t.Errorf("firmware %q", got)
	}

	w.tapRow(t, fleet[4].MAC, 0)
	if p.suggest.Text != "Search again" || !p.buttons[actRestart].Disabled() || p.buttons[actCopyDetails].Disabled() {
		t.Errorf("lost camera: suggestion %q, restart disabled %v, copy disabled %v", p.suggest.Text, p.buttons[actRestart].Disabled(), p.buttons[actCopyDetails].Disabled())
	}
	before := d.Refreshes()
	test.Tap(p.suggest)
	if d.Refreshes() != before+1 {
		t.Error("Search again did not ask the discoverer to search")
	}
}

func TestStatusBarCountsCamerasByWhatTheyNeed(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	if w.bar.counts.Text != "No cameras yet" {
		t.Errorf("before any camera: %q", w.bar.counts.Text)
	}
	d.Send(discovery.Added, fleetOfFive()[0])
	w.waitRows(t, 1)
	if got, want := w.bar.counts.Text, "1 camera · 1 needs a password"; got != want {
		t.Errorf("one camera: %q, want %q", got, want)
	}
	d.Send(discovery.Added, fleetOfFive()[1:]...)
	w.waitRows(t, 5)
	if got, want := w.bar.counts.Text, "5 cameras · 2 need a password · 1 unreachable · 1 not seen lately"; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}
	w.SetBusy("ACCC8E000001", true)
	w.ui.Until(t, "busy shows", func() bool { return strings.Contains(w.bar.counts.Text, "busy") })
	if got, want := w.bar.counts.Text, "5 cameras · 1 needs a password · 1 unreachable · 1 not seen lately · 1 busy"; got != want {
		t.Errorf("with one busy: %q, want %q", got, want)
	}
}

func TestBusyCameraSaysSoAndOffersNoActionUntilDone(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	cam := fleetOfFive()[2]
	d.Send(discovery.Added, cam)
	w.waitRows(t, 1)
	w.tapRow(t, cam.MAC, 0)
	if w.details.buttons[actRestart].Disabled() {
		t.Fatal("restart disabled on a ready camera")
	}
	go w.SetBusy(cam.MAC, true) // actions call it from their own goroutines
	w.ui.Until(t, "the camera is busy", func() bool { return w.details.values[fieldState].Text == "Busy…" })
	if rows := w.shownRows(); rows[0][colState] != "Busy…" {
		t.Errorf("row says %q", rows[0][colState])
	}
	for a := range numActions {
		if !w.details.buttons[a].Disabled() || !w.items[a].Disabled {
			t.Errorf("%s is offered on a busy camera", actionTitle(a))
		}
	}
	go w.SetBusy(cam.MAC, false)
	w.ui.Until(t, "the camera is free", func() bool { return w.details.values[fieldState].Text == "Ready" })
	if w.details.buttons[actRestart].Disabled() {
		t.Error("restart still disabled after the action ended")
	}
}

func TestEmptyStateSaysWhatIsSearchedUntilTheFirstCameraArrives(t *testing.T) {
	d := &fakes.Discoverer{}
	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:2]})
	w := newTestWindow(t, d)
	w.ui.Until(t, "the status is read", func() bool { return len(w.status.Interfaces) == 1 })
	if !w.empty.root.Visible() || w.split.Visible() {
		t.Fatal("empty state hidden with no camera")
	}
	texts := strings.Join(visibleTexts(w.empty.root), "\n")
	for _, want := range []string{"Looking for cameras…", "Searching on: eth0 (10.0.4.17/24)", "firewall", "Local Network"} {
		if !strings.Contains(texts, want) {
			t.Errorf("empty state lacks %q:\n%s", want, texts)
		}
	}
	if w.empty.problemBox.Visible() {
		t.Error("a problem is shown before anything went wrong")
	}

	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:2], NothingHeard: true, What: discovery.MsgNothingFound, Next: discovery.MsgNothingFoundNext})
	w.ui.Until(t, "nothing heard shows", func() bool { return w.empty.problemBox.Visible() })
	if want := i18n.Text(discovery.MsgNothingFound); !strings.HasPrefix(w.empty.problem.Text, want) {
		t.Errorf("problem %q, want it to start with %q", w.empty.problem.Text, want)
	}

	d.Send(discovery.Added, fleetOfFive()[0])
	w.waitRows(t, 1)
	if w.empty.root.Visible() || !w.split.Visible() {
		t.Error("empty state still shown with a camera in the list")
	}
}

func TestEmptyStateExplainsWhySearchingCannotStart(t *testing.T) {
	d := &fakes.Discoverer{}
	d.RunErr = errors.New(`no network interface named "eth7"`)
	w := newTestWindow(t, d)
	w.ui.Until(t, "the failure shows", func() bool { return w.empty.problemBox.Visible() })
	if !strings.Contains(w.empty.problem.Text, "cannot search") || !strings.Contains(w.empty.problem.Text, "eth7") {
		t.Errorf("problem %q", w.empty.problem.Text)
	}
}

func TestTickingCamerasChoosesThemForSetPasswordOnlyWhereNeeded(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)

	w.tapRow(t, fleet[1].MAC, 0)
	w.tapRow(t, fleet[0].MAC, fyne.KeyModifierControl) // Ctrl-click keeps the first
	w.tapRow(t, fleet[2].MAC, fyne.KeyModifierControl)
	var macs []string
	for _, c := range w.targets(actSetPassword) {
		macs = append(macs, c.MAC)
	}
	if want := []string{fleet[1].MAC, fleet[0].MAC}; !slices.Equal(macs, want) {
		t.Errorf("set password targets %q, want %q (the ready one is left out)", macs, want)
	}
	if setPw := w.details.buttons[actSetPassword]; !w.details.ticked.Visible() || setPw.Text != "Set password on 2 cameras…" || setPw.Disabled() {
		t.Errorf("bulk button %q (disabled %v)", setPw.Text, setPw.Disabled())
	}
	if !strings.Contains(w.details.tickedLabel.Text, "3 cameras ticked") {
		t.Errorf("ticked note %q", w.details.tickedLabel.Text)
	}
	if w.items[actSetPassword].Disabled {
		t.Error("menu's Set password… disabled with two cameras needing one ticked")
	}

	test.Tap(w.details.untick)
	if len(w.rows.checked) != 0 || w.details.ticked.Visible() {
		t.Error("untick all left ticks")
	}

	// Shift-click ticks the range between the selection and the click.
	w.tapRow(t, fleet[2].MAC, 0)                     // 10.0.4.5, first by IP
	w.tapRow(t, fleet[0].MAC, fyne.KeyModifierShift) // 10.0.4.103, fourth
	if got := len(w.rows.checked); got != 4 {
		t.Errorf("shift-click ticked %d cameras, want 4", got)
	}
	test.Tap(w.header.all)
	if len(w.rows.checked) != 5 || !w.header.all.Checked {
		t.Errorf("the header box ticked %d of 5", len(w.rows.checked))
	}
	test.Tap(w.header.all)
	if len(w.rows.checked) != 0 {
		t.Error("the header box did not untick everything")
	}
}

func TestArrowKeysMoveTheSelectionAndSpaceTicks(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)

	w.win.Canvas().Focus(w.list)
	w.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if w.selected != fleet[1].MAC || !strings.Contains(w.details.values[fieldAddresses].Text, "10.0.4.21") {
		t.Errorf("after two Downs: selected %s, details %q", w.selected, w.details.values[fieldAddresses].Text)
	}
	w.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !w.rows.checked[fleet[1].MAC] {
		t.Error("Space did not tick the selected camera")
	}
	w.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if w.selected != fleet[2].MAC {
		t.Errorf("after Up: selected %s", w.selected)
	}
}

func TestMenuOffersEveryActionWithItsShortcut(t *testing.T) {
	w := newTestWindow(t, &fakes.Discoverer{})
	want := map[string]string{
		"Search again":        "CustomDesktop:" + modName() + "+R",
		"Add camera by IP…":   "CustomDesktop:" + modName() + "+N",
		"Scan address range…": "CustomDesktop:Shift+" + modName() + "+N",
		"Set password…":       "CustomDesktop:" + modName() + "+P",
		"Assign IP address…":  "CustomDesktop:" + modName() + "+I",
		"Open in web browser": "CustomDesktop:" + modName() + "+O",
		"Copy details":        "Copy",
	}
	found := map[string]bool{}
	for _, m := range w.menu.Items {
		for _, it := range m.Items {
			if sc, ok := want[it.Label]; ok {
				found[it.Label] = true
				if it.Shortcut == nil || it.Shortcut.ShortcutName() != sc {
					t.Errorf("%s: shortcut %v, want %s", it.Label, it.Shortcut, sc)
				}
			}
		}
	}
	for label := range want {
		if !found[label] {
			t.Errorf("menu lacks %q", label)
		}
	}
	for _, a := range []actionID{actFactoryDefault, actRestart} {
		if w.items[a] == nil {
			t.Errorf("menu lacks %s", actionTitle(a))
		}
	}
}

func modName() string {
	if fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		return "Command" // only macOS uses Cmd for shortcuts
	}
	return "Control"
}

func TestF5SearchesAgainAndStartsTheActivityIndicator(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	w.searching = false
	w.refreshStatus()
	if w.bar.searching.Visible() {
		t.Fatal("searching shown when idle")
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if d.Refreshes() != 1 || !w.bar.searching.Visible() {
		t.Errorf("F5: %d refreshes, searching shown %v", d.Refreshes(), w.bar.searching.Visible())
	}
}

func TestInterfaceChooserRestartsDiscoveryOnTheTickedConnections(t *testing.T) {
	s := &fakes.Searcher{Discoverer: &fakes.Discoverer{}, All: fakes.Office}
	s.SetStatus(discovery.Status{Interfaces: netif.Usable(fakes.Office)})
	w := newTestWindow(t, s)
	s.Send(discovery.Added, fleetOfFive()[0])
	w.waitRows(t, 1)
	w.ui.Until(t, "the status is read", func() bool { return len(w.status.Interfaces) == 2 })

	test.Tap(w.toolbar.ifaces)
	ticked := map[string]*widgets.EscCheck{}
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if c, ok := o.(*widgets.EscCheck); ok {
			ticked[strings.Fields(c.Text)[0]] = c
		}
	})
	if len(ticked) != len(fakes.Office) {
		t.Fatalf("the chooser offers %d connections, want %d", len(ticked), len(fakes.Office))
	}
	var on []string
	for _, i := range fakes.Office {
		if ticked[i.Name].Checked {
			on = append(on, i.Name)
		}
	}
	if !slices.Equal(on, []string{"eth0", "tailscale0"}) {
		t.Fatalf("ticked at first: %q, want the connections being searched", on)
	}
	test.Tap(ticked["tailscale0"])
	test.Tap(dialogButton(t, w.win, "Search these"))

	if len(s.Asked()) != 1 || !slices.Equal(s.Asked()[0], []string{"eth0"}) {
		t.Fatalf("restarted with %q, want [eth0]", s.Asked())
	}
	next := s.Next()[0]
	w.ui.Until(t, "the new search runs", func() bool { return next.RunCount() == 1 })
	if len(w.rows.view) != 0 {
		t.Error("cameras of the old search stay in the list")
	}
	next.Send(discovery.Added, fleetOfFive()[2])
	w.waitRows(t, 1)
	s.Send(discovery.Added, fleetOfFive()[1]) // the old search is stopped
	w.ui.Settle()
	if got := column0(w.shownRows(), colMAC); !slices.Equal(got, []string{"B8A44F000002"}) {
		t.Errorf("rows %q: only the new search's camera should show", got)
	}
}

// dialogEntry is the first text field of the dialog on top.
func dialogEntry(t *testing.T, w fyne.Window) *widgets.EscEntry {
	t.Helper()
	var found *widgets.EscEntry
	uitest.WalkShown(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widgets.EscEntry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("the dialog on top has no text field")
	}
	return found
}

func TestAddByIPSelectsTheCameraItFound(t *testing.T) {
	found := testCam("ACCC8E0000AA", "10.0.4.200", "AXIS M1075-L", "11.11.192", discovery.SetupNeeded)
	d := &fakes.Discoverer{}
	d.OnAddHost = func(ctx context.Context, host string) (discovery.Device, error) {
		if host != "10.0.4.200" {
			t.Errorf("asked for %q", host)
		}
		return found, nil
	}
	w := newTestWindow(t, d)
	test.Tap(w.toolbar.add)
	entry := dialogEntry(t, w.win)
	test.Type(entry, " 10.0.4.200 ")
	entry.OnSubmitted(entry.Text) // Enter
	w.ui.Until(t, "the dialog closes", func() bool { return w.win.Canvas().Overlays().Top() == nil })
	if w.selected != found.MAC || w.details.title.Text != found.FullName {
		t.Errorf("selected %q, details %q", w.selected, w.details.title.Text)
	}
}

func TestEscapeClosesTheWindowsDialogsWhereverTheFocusIs(t *testing.T) {
	s := &fakes.Searcher{Discoverer: &fakes.Discoverer{}, All: fakes.Office}
	w := newTestWindow(t, s)

	w.showAddCamera()
	dialogEntry(t, w.win).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape in the address field left Add camera open")
	}

	w.showScanRange()
	w.win.Canvas().Unfocus()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape with nothing focused left Scan open")
	}

	w.showInterfaces()
	before := s.Refreshes()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.Refreshes() != before {
		t.Error("F5 searched again under the connection chooser")
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the connection chooser open")
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.Refreshes() != before+1 {
		t.Error("F5 does not search again once the dialogs are closed")
	}
}

func TestDetailsSayWhenACameraWasAnnouncedByAnMDNSGatewayOnItsBehalf(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	fleet[0].AnnouncedBy = netip.MustParseAddr("10.0.1.1")
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	w.tapRow(t, fleet[0].MAC, 0)
	if got := w.details.values[fieldFoundBy].Text; !strings.Contains(got, "announced by 10.0.1.1 on its behalf") {
		t.Errorf("found by %q; want it to name the gateway that announced the camera", got)
	}
	w.tapRow(t, fleet[1].MAC, 0)
	if got := w.details.values[fieldFoundBy].Text; strings.Contains(got, "announced by") {
		t.Errorf("a camera heard directly: found by %q", got)
	}
}
