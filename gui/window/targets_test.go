package window

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/internal/fakes"
)

// opened is what the window's actions asked to open, a line each: the
// dialog and the MACs of the cameras it got.
type opened struct{ calls []string }

func (o *opened) take() []string {
	c := o.calls
	o.calls = nil
	return c
}

// recordDialogs makes the window's actions note which dialog they would
// open, and for which cameras, instead of opening it.
func (w *testWindow) recordDialogs() *opened {
	o := &opened{}
	one := func(name string) func(dialogs.Host, discovery.Device) {
		return func(_ dialogs.Host, d discovery.Device) { o.calls = append(o.calls, name+" "+d.MAC) }
	}
	many := func(name string) func(dialogs.Host, []discovery.Device) {
		return func(_ dialogs.Host, ds []discovery.Device) {
			var macs []string
			for _, d := range ds {
				macs = append(macs, d.MAC)
			}
			o.calls = append(o.calls, name+" "+strings.Join(macs, ","))
		}
	}
	w.dialogs = actionDialogs{
		setPassword:     many("set password"),
		factoryDefault:  one("factory default"),
		factoryDefaults: many("factory default cameras"),
		assignIP:        one("assign IP"),
		giveAddress:     one("give address"),
		assignRange:     many("assign range"),
		restart:         one("restart"),
		restarts:        many("restart cameras"),
		openBrowser:     one("open browser"),
		copyDetails:     many("copy details"),
	}
	return o
}

// labels are the action buttons' texts and whether each is on.
func (w *testWindow) labels() map[actionID]string {
	out := map[actionID]string{}
	for a, b := range w.details.buttons {
		s := b.Text
		if b.Disabled() {
			s += " (off)"
		}
		out[actionID(a)] = s
		if it := w.items[actionID(a)]; it.Label != b.Text || it.Disabled != b.Disabled() {
			out[actionID(a)] += " but the menu says " + it.Label
		}
	}
	return out
}

func TestWithCamerasTickedEveryActionWorksOnThemAndSaysHowMany(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	rec := w.recordDialogs()

	// The camera on the factory address is selected; two that need a
	// password and a ready one are ticked (the table shows them by IP:
	// .5 ready, .21 and .103 new).
	w.tapRow(t, fleet[3].MAC, 0)
	for _, i := range []int{0, 1, 2} {
		w.setTicked(fleet[i].MAC, true)
	}
	want := map[actionID]string{
		actSetPassword:    "Set password on 2 cameras…",
		actFactoryDefault: "Factory default 1 camera…",
		actAssignIP:       "Assign addresses to 3 cameras…",
		actRestart:        "Restart 1 camera",
		actOpenBrowser:    "Open in web browser (off)",
		actCopyDetails:    "Copy details of 3 cameras",
	}
	if got := w.labels(); !maps.Equal(got, want) {
		t.Errorf("buttons with three ticked:\n%v\nwant\n%v", got, want)
	}
	ready, new21, new103 := fleet[2].MAC, fleet[1].MAC, fleet[0].MAC
	for _, a := range []actionID{actSetPassword, actFactoryDefault, actAssignIP, actRestart, actOpenBrowser, actCopyDetails} {
		w.runAction(a)
	}
	w.items[actSetPassword].Action() // Ctrl+P, through the menu
	wantCalls := []string{
		"set password " + new21 + "," + new103,
		"factory default " + ready,
		"assign range " + ready + "," + new21 + "," + new103,
		"restart " + ready,
		"copy details " + ready + "," + new21 + "," + new103,
		"set password " + new21 + "," + new103,
	}
	if got := rec.take(); !slices.Equal(got, wantCalls) {
		t.Errorf("the actions opened\n%q\nwant\n%q", got, wantCalls)
	}
	card := w.details.tickedLabel.Text
	for _, s := range []string{"3 cameras ticked: the buttons below work on them.", "2 of them need a password.", "Restart and factory default leave out 2 cameras", "one camera at a time"} {
		if !strings.Contains(card, s) {
			t.Errorf("the ticked card lacks %q:\n%s", s, card)
		}
	}
	if w.details.suggest.Visible() || w.details.arpPing.Visible() || w.details.resetWizard.Visible() {
		t.Error("a button about the selected camera alone is offered while the ticked ones are what the actions work on")
	}

	w.untickAll()
	want = map[actionID]string{
		actSetPassword:    "Set password… (off)",
		actFactoryDefault: "Factory default… (off)",
		actAssignIP:       "Assign IP address…",
		actRestart:        "Restart (off)",
		actOpenBrowser:    "Open in web browser (off)",
		actCopyDetails:    "Copy details",
	}
	if got := w.labels(); !maps.Equal(got, want) {
		t.Errorf("buttons with none ticked:\n%v\nwant\n%v", got, want)
	}
	w.runAction(actAssignIP)
	if got := rec.take(); !slices.Equal(got, []string{"give address " + fleet[3].MAC}) {
		t.Errorf("without ticks Assign IP on the unreachable camera opened %q, want the guided flow for it", got)
	}
}

func TestAnActionNoTickedCameraNeedsIsOffAndTheCardSaysWhyInsteadOfCountingZero(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	rec := w.recordDialogs()

	w.setTicked(fleet[2].MAC, true) // ready: has its password
	if b := w.details.buttons[actSetPassword]; b.Text != "Set password…" || !b.Disabled() {
		t.Errorf("set password with only a ready camera ticked: %q (off %v)", b.Text, b.Disabled())
	}
	if card := w.details.tickedLabel.Text; !strings.Contains(card, "1 camera ticked") || !strings.Contains(card, "It does not need a password.") || strings.Contains(card, " 0 ") {
		t.Errorf("ticked card %q", card)
	}
	if b := w.details.buttons[actOpenBrowser]; b.Disabled() {
		t.Error("Open in web browser is off with one reachable camera ticked")
	}
	w.runAction(actSetPassword)
	w.runAction(actOpenBrowser)
	if got := rec.take(); !slices.Equal(got, []string{"open browser " + fleet[2].MAC}) {
		t.Errorf("opened %q", got)
	}
}

func TestFilterHidingTheSelectedCameraEmptiesTheDetailsAndHiddenTicksDoNotCount(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	rec := w.recordDialogs()

	w.tapRow(t, fleet[0].MAC, 0) // AXIS M1075-L
	w.setTicked(fleet[0].MAC, true)
	w.setTicked(fleet[1].MAC, true) // AXIS P3245-LVE

	w.filter.SetText("P3245")
	if w.details.camera.Visible() {
		t.Errorf("the details still show %q, which the filter hides", w.details.title.Text)
	}
	if b := w.details.buttons[actSetPassword]; b.Text != "Set password on 1 camera…" {
		t.Errorf("set password with one of two ticked hidden: %q", b.Text)
	}
	if card := w.details.tickedLabel.Text; !strings.Contains(card, "1 more ticked camera is hidden by the filter and left out.") {
		t.Errorf("ticked card %q", card)
	}
	w.runAction(actSetPassword)
	if got := rec.take(); !slices.Equal(got, []string{"set password " + fleet[1].MAC}) {
		t.Errorf("opened %q, want only the ticked camera the filter shows", got)
	}

	w.filter.SetText("Q1961")
	if card := w.details.tickedLabel.Text; !w.details.ticked.Visible() || !strings.Contains(card, "2 ticked cameras are hidden by the filter") {
		t.Errorf("with every ticked camera hidden the card says %q", card)
	}
	for a := range numActions {
		if w.enabled(a) {
			t.Errorf("%s is on with nothing shown chosen", actionTitle(a))
		}
	}

	w.filter.SetText("")
	if !w.details.camera.Visible() || w.details.title.Text != fleet[0].FullName {
		t.Errorf("clearing the filter did not bring the selected camera back: %q", w.details.title.Text)
	}
}

func TestGuidedResetOpensTheWizardAboutTheCameraADialogNames(t *testing.T) {
	d := &listingDisc{Discoverer: &fakes.Discoverer{}}
	w := newTestWindow(t, d)
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet...)
	w.waitRows(t, 5)
	var h dialogs.Host = w.MainWindow
	h.(interface{ GuidedReset(discovery.Device) }).GuidedReset(fleet[2])
	if !strings.Contains(topDialog(w.win), "Which camera do you want to reset?") || dialogButton(t, w.win, "Next").Disabled() {
		t.Errorf("the wizard is not open about the camera:\n%s", topDialog(w.win))
	}
}
