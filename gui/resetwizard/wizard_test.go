package resetwizard

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// wizardRig is the wizard on a fake window, watching a fake camera list
// that the test changes, with a clock the test moves.
type wizardRig struct {
	*resetWizard
	t  *testing.T
	h  *fakes.Host
	ui *uitest.Loop

	mu    sync.Mutex
	clock time.Time
}

func openWizard(t *testing.T, pre discovery.Device, devs ...discovery.Device) *wizardRig {
	t.Helper()
	h := fakes.NewHost(t)
	return openWizardOn(t, h, pre, devs...)
}

// openWizardOn opens the wizard on h, whose camera list holds devs, with h's
// search (a fakes.Discoverer unless the test chose one).
func openWizardOn(t *testing.T, h *fakes.Host, pre discovery.Device, devs ...discovery.Device) *wizardRig {
	t.Helper()
	h.SetCameras(devs...)
	if h.B.Discovery == nil {
		h.B.Discovery = &fakes.Discoverer{}
	}
	r := &wizardRig{t: t, h: h, ui: h.UI, clock: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	r.resetWizard = newResetWizard(h, pre)
	r.now = r.time
	r.pollEvery = 10 * time.Millisecond
	// The count is ticked by hand; one test runs the real ticker.
	r.tickEvery = time.Hour
	r.show()
	t.Cleanup(func() {
		r.close()
		r.ui.Settle()
	})
	return r
}

func (r *wizardRig) time() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.clock
}

func (r *wizardRig) advance(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clock = r.clock.Add(d)
}

// network replaces what the camera list holds, and waits until the wizard
// has read it.
func (r *wizardRig) network(devs ...discovery.Device) {
	r.t.Helper()
	r.h.SetCameras(devs...)
	want := len(devs)
	r.ui.Until(r.t, "the wizard reads the new list", func() bool {
		return len(r.latest) == want && (want == 0 || r.latest[0].Lost == devs[0].Lost && sameAddresses(r.latest[0].Addresses, devs[0].Addresses) && r.latest[0].Setup == devs[0].Setup)
	})
}

func (r *wizardRig) until(what string, cond func() bool) {
	r.t.Helper()
	r.ui.Until(r.t, what, cond)
}

func (r *wizardRig) liveText() string {
	if !r.live.Shown() {
		return ""
	}
	return r.live.Text.Text
}

// tapNext presses Next as a user would, and fails if it is disabled.
func (r *wizardRig) tapNext() {
	r.t.Helper()
	if r.next.Disabled() {
		r.t.Fatalf("Next is disabled on page %d (%q)", r.page, r.heading.Text)
	}
	test.Tap(r.next)
}

// walkTo goes through the pages with Next up to p.
func (r *wizardRig) walkTo(p wizardPage) {
	r.t.Helper()
	for r.page < p {
		r.tapNext()
	}
	if r.page != p {
		r.t.Fatalf("on page %d, want %d", r.page, p)
	}
}

func TestResetWizardSeesTheCameraGoOfflineAndComeBackInFactoryStateThenOffersItsPassword(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	other := fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42")
	r := openWizard(t, cam, cam, other)
	rec := &chanRecorder{ch: make(chan journal.Entry, 4)}
	r.h.Edit(func(b *backend.Backend) { b.Env.Journal = rec })

	if r.page != pageChoose || r.choose.options.Selected != 0 || r.choose.cams[0].MAC != macLost {
		t.Fatalf("opened on page %d with option %d: the camera from the details panel must be chosen", r.page, r.choose.options.Selected)
	}
	r.tapNext()
	r.walkTo(pageUnplug)
	r.until("the live line says the camera is on the network", func() bool { return strings.Contains(r.liveText(), "on the network at 192.168.1.41") })

	r.network(gone(cam), other)
	r.until("the live line says it went offline", func() bool { return r.liveText() == "The camera went offline: its power is off." })

	r.walkTo(pageHold)
	test.Tap(r.count.start)
	r.tapNext()
	if r.page != pageWait || !r.next.Disabled() {
		t.Fatalf("page %d, Next disabled %v: waiting, Next waits for the camera", r.page, r.next.Disabled())
	}
	r.advance(42 * time.Second)
	r.until("the live line counts the wait", func() bool { return strings.Contains(r.liveText(), "0:42 since the power came back") })

	back := fakes.Camera(macLost, discovery.SetupNeeded, "192.168.1.77")
	r.network(back, other)
	r.until("the wizard shows the camera back", func() bool { return r.page == pageBack })
	if r.heading.Text != "Your camera is back, in factory state" || !strings.Contains(r.done.what.Text, "has its factory settings again") {
		t.Errorf("back page: %q / %q", r.heading.Text, r.done.what.Text)
	}
	if r.next.Text != "Set password…" || r.cancel.Text != "Close" || !r.back.Disabled() {
		t.Errorf("buttons %q and %q, Back disabled %v; want Set password…, Close and no way back", r.next.Text, r.cancel.Text, r.back.Disabled())
	}
	// The reset is recorded, so that the handover's checklist ticks it.
	select {
	case e := <-rec.ch:
		if e.Action != journal.PhysicalReset || e.Outcome != journal.Done || e.Camera.MAC != macLost {
			t.Errorf("recorded %+v, want the physical reset of %s", e, macLost)
		}
	case <-time.After(10 * time.Second):
		t.Error("the reset with the control button was not recorded")
	}

	r.tapNext()
	if !r.closed {
		t.Error("the wizard stays open under Set password")
	}
	if got := uitest.TopTexts(r.h.Win); !strings.Contains(got, "Set the first password") {
		t.Fatalf("the dialog opened is %q", got)
	}
	if texts := uitest.OverlayTexts(r.h.Win); !strings.Contains(texts, "192.168.1.77") {
		t.Errorf("Set password is not about the camera at its new address:\n%s", texts)
	}
}

func TestResetWizardTroubleshooterAdvisesByWhatTheNetworkShowsWhenTheCameraIsLate(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	factory := fakes.Camera(macLost, discovery.SetupUnknown, "192.168.0.90", "169.254.7.8")
	linkLocal := fakes.Camera(macLost, discovery.SetupUnknown, "169.254.7.8")
	mute := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	mute.Diagnosis = discovery.Diagnose(mute.Addresses, fakes.HostLAN, discovery.ProbeFailed)
	for _, c := range []struct {
		what string
		// start is the camera when the wizard opens; it goes offline
		// and then the list holds now.
		start     discovery.Device
		offline   bool
		now       []discovery.Device
		says      string
		arp, retr bool
	}{
		{"nothing on the network", cam, true, nil, "does not see the camera", false, true},
		// A camera already on an address a reset leads to, that never
		// went away: it was never reset.
		{"factory address on another subnet", factory, false, []discovery.Device{factory}, "192.168.0.90, its factory address", true, false},
		{"link-local only", linkLocal, false, []discovery.Device{linkLocal}, "only has an automatic address, 169.254.7.8", true, false},
		{"back with its password", cam, true, []discovery.Device{cam}, "still has its password: the reset did not take", false, true},
		{"back on another network", cam, true, []discovery.Device{fakes.Camera(macLost, discovery.SetupDone, "10.20.30.40")}, "on another network than this computer's (192.168.1.0/24)", true, true},
		{"back but not answering", cam, true, []discovery.Device{mute}, "does not answer yet", false, true},
	} {
		t.Run(c.what, func(t *testing.T) {
			r := openWizard(t, c.start, c.start)
			r.walkTo(pageWait)
			if c.offline {
				r.network(gone(c.start))
			}
			if c.now != nil {
				r.network(c.now...)
			} else {
				r.network()
			}
			if r.page != pageWait {
				t.Fatalf("left the wait page for %d before the camera was late", r.page)
			}
			r.advance(wizardComeBack + time.Second)
			r.until("the troubleshooter opens", func() bool { return r.page == pageTrouble })
			if !strings.Contains(r.trouble.what.Text+" "+r.trouble.next.Text, c.says) {
				t.Errorf("advice %q / %q, want it to say %q", r.trouble.what.Text, r.trouble.next.Text, c.says)
			}
			if r.trouble.arp.Visible() != c.arp || r.trouble.again.Visible() != c.retr {
				t.Errorf("ARP/Ping offered %v, Start again %v; want %v, %v", r.trouble.arp.Visible(), r.trouble.again.Visible(), c.arp, c.retr)
			}
			if r.next.Text != "Keep waiting" {
				t.Errorf("Next reads %q", r.next.Text)
			}
		})
	}
}

func TestResetWizardOpensTheTroubleshooterOnlyAfterTheComeBackTimeFromPowerUp(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.comeBackWithin = time.Minute
	r.walkTo(pageHold)
	test.Tap(r.count.start) // the power is back now
	r.advance(50 * time.Second)
	r.tapNext()
	r.network(gone(cam))
	r.advance(5 * time.Second)
	r.network(gone(cam), fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42"))
	if r.page != pageWait {
		t.Fatalf("55 s after power-up the wizard left the wait page for %d", r.page)
	}
	r.advance(6 * time.Second)
	r.until("the troubleshooter opens a minute after power-up", func() bool { return r.page == pageTrouble })

	r.tapNext() // Keep waiting
	if r.page != pageWait || !r.deadline.Equal(r.time().Add(time.Minute)) {
		t.Errorf("Keep waiting: page %d, deadline %v from now", r.page, r.deadline.Sub(r.time()))
	}
	test.Tap(r.wait.stuck)
	test.Tap(r.trouble.again)
	if r.page != pageUnplug || r.count.left != holdSeconds || !r.poweredAt.IsZero() {
		t.Errorf("Start again: page %d, count %d, power-up %v", r.page, r.count.left, r.poweredAt)
	}
}

func TestResetWizardBackOnTheFactoryAddressHandsOverToGiveThisCameraAnAddress(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	h := fakes.NewHost(t)
	h.B.Discovery, h.B.ARPPing = &fakes.Discoverer{}, fakeARPPinger{}
	r := openWizardOn(t, h, cam, cam)
	r.walkTo(pageWait)
	r.network(gone(cam))
	r.network(fakes.Camera(macLost, discovery.SetupDone, "192.168.0.90", "169.254.7.8"))
	r.until("the camera is back", func() bool { return r.page == pageBack })
	if !strings.Contains(r.done.what.Text, "back at its factory address") || r.next.Text != "Give this camera an address…" {
		t.Errorf("back page %q, Next %q", r.done.what.Text, r.next.Text)
	}
	r.tapNext()
	if got := uitest.TopTexts(h.Win); !strings.Contains(got, "Give this camera an address") || !strings.Contains(got, "cannot reach this camera yet") {
		t.Errorf("the dialog opened is %q", got)
	}
}

func TestResetWizardOnACameraNotInTheListWatchesForOneInFactoryStateOrTheTypedMAC(t *testing.T) {
	other := fakes.Camera(macOther, discovery.SetupDone, "192.168.1.42")
	r := openWizard(t, discovery.Device{}, other)
	if r.choose.options.Selected != -1 || !r.next.Disabled() {
		t.Fatalf("opened from the toolbar: option %d chosen, Next disabled %v", r.choose.options.Selected, r.next.Disabled())
	}
	if r.h.Win.Canvas().Focused() != r.choose.options.Buttons[0] {
		t.Error("with nothing chosen the keyboard is not on the list (Enter must not cancel)")
	}
	test.Tap(r.choose.options.Buttons[r.choose.notListedAt])
	if !r.choose.macBox.Visible() {
		t.Fatal("no MAC field for a camera not in the list")
	}
	test.Type(r.choose.mac, "E8-27-25-7A-10")
	if r.choose.macReason.Text == "" || !r.next.Disabled() {
		t.Errorf("a 10-digit MAC: reason %q, Next disabled %v", r.choose.macReason.Text, r.next.Disabled())
	}
	test.Type(r.choose.mac, "-09")
	if r.choose.macReason.Visible() || r.next.Disabled() {
		t.Errorf("a whole MAC: reason %q, Next disabled %v", r.choose.macReason.Text, r.next.Disabled())
	}
	r.tapNext()
	if r.cam.MAC != macStrang || !r.notListed {
		t.Fatalf("watching %q (not listed %v)", r.cam.MAC, r.notListed)
	}
	if strings.Contains(r.before.erases.Text, macStrang) || r.before.softBox.Visible() {
		t.Errorf("before-you-start names a camera it has not seen, or offers its software reset: %q", r.before.erases.Text)
	}
	r.walkTo(pageWait)
	r.network(other, fakes.Camera(macStrang, discovery.SetupNeeded, "192.168.1.88"))
	r.until("the typed camera is back", func() bool { return r.page == pageBack })
	if !strings.Contains(r.done.what.Text, macStrang) {
		t.Errorf("back page names %q", r.done.what.Text)
	}
}

func TestResetWizardWithoutAMACWatchesForAnyCameraThatShowsUpInFactoryState(t *testing.T) {
	other := fakes.Camera(macOther, discovery.SetupDone, "192.168.1.42")
	r := openWizard(t, discovery.Device{}, other)
	test.Tap(r.choose.options.Buttons[r.choose.notListedAt])
	r.tapNext()
	r.walkTo(pageWait)
	r.until("the live line says what it watches for", func() bool {
		return r.liveText() == "OpenIPU watches for a camera that comes back with factory settings."
	})
	r.network(other, fakes.Camera(macStrang, discovery.SetupUnknown, "169.254.9.9"))
	r.until("the new camera is taken for the one reset", func() bool { return r.page == pageBack })
	if r.cam.MAC != macStrang || !strings.Contains(r.done.what.Text, "automatic address only") {
		t.Errorf("adopted %q: %q", r.cam.MAC, r.done.what.Text)
	}
}

func TestResetWizardHoldCountdownCountsThirtySecondsWithWhatToDoAtEachMoment(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.walkTo(pageHold)
	c := r.count
	if c.number.Text != "30 s" || c.picture.ill.Name != assets.IllustrationHold.Name || !strings.HasPrefix(c.say.Text, "Press Start") {
		t.Fatalf("before the count: %q, %q, picture %s", c.number.Text, c.say.Text, c.picture.ill.Name)
	}
	if r.h.Win.Canvas().Focused() != c.start {
		t.Error("Start does not have the keyboard: Enter must start the count")
	}
	test.Tap(c.start)
	if r.poweredAt.IsZero() {
		t.Error("starting the count does not note that the power is back")
	}
	want := map[int]struct{ say, picture string }{
		29: {"Keep holding the button.", assets.IllustrationHold.Name},
		16: {"Keep holding the button.", assets.IllustrationHold.Name},
		15: {"Keep holding. You can let go as soon as the status light flashes amber.", assets.IllustrationLEDAmber.Name},
		1:  {"Keep holding. You can let go as soon as the status light flashes amber.", assets.IllustrationLEDAmber.Name},
		0:  {"Let go of the button now.", assets.IllustrationRelease.Name},
	}
	for left := 29; left >= 0; left-- {
		c.tick()
		if c.left != left || c.number.Text != strconv.Itoa(left)+" s" {
			t.Fatalf("after %d ticks: left %d, shows %q", 30-left, c.left, c.number.Text)
		}
		if w, ok := want[left]; ok && (!strings.HasPrefix(c.say.Text, w.say) || c.picture.ill.Name != w.picture) {
			t.Errorf("at %d s: %q with picture %s, want %q with %s", left, c.say.Text, c.picture.ill.Name, w.say, w.picture)
		}
	}
	c.tick()
	if c.left != 0 || c.running {
		t.Errorf("the count went on past zero: %d, running %v", c.left, c.running)
	}
	if c.start.Text != "Count again" {
		t.Errorf("after the count the button reads %q", c.start.Text)
	}
}

func TestResetWizardCountdownTicksByItselfOnceStarted(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.tickEvery = time.Millisecond
	r.walkTo(pageHold)
	test.Tap(r.count.start)
	r.until("the count reaches zero", func() bool { return r.count.left == 0 })
	if r.count.running {
		t.Error("the count still runs at zero")
	}
}

func TestResetWizardGoesBackAndForthWithButtonsAndKeys(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	if !r.back.Disabled() {
		t.Error("Back is enabled on the first page")
	}
	if r.h.Win.Canvas().Focused() != r.next {
		t.Errorf("the keyboard is on %T, want Next", r.h.Win.Canvas().Focused())
	}
	r.next.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if r.page != pageBefore || r.stepNo.Text != "Step 2 of 6" {
		t.Fatalf("Enter on Next: page %d, %q", r.page, r.stepNo.Text)
	}
	// With nothing focused, the window's keys drive the wizard.
	r.h.Win.Canvas().Unfocus()
	r.h.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if r.page != pageUnplug {
		t.Fatalf("Enter with nothing focused: page %d", r.page)
	}
	test.Tap(r.back)
	if r.page != pageBefore {
		t.Fatalf("Back: page %d", r.page)
	}
	// Tab walks from Next to the buttons before it.
	c := r.h.Win.Canvas()
	c.Focus(r.next)
	test.FocusPrevious(c)
	if c.Focused() != r.back {
		t.Errorf("Shift+Tab from Next reaches %T, want Back", c.Focused())
	}
	r.back.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !r.closed || len(r.h.Win.Canvas().Overlays().List()) != 0 {
		t.Errorf("Escape: closed %v, %d dialogs left", r.closed, len(r.h.Win.Canvas().Overlays().List()))
	}
	if r.h.Win.Canvas().OnTypedKey() != nil {
		t.Error("the window's key handler was not given back")
	}
}

func TestResetWizardOffersTheSoftwareResetWithABackupToSomeoneWhoKnowsThePassword(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.tapNext()
	if !r.before.softBox.Visible() || !strings.Contains(r.before.soft.Text.Text, "you do not need the button") {
		t.Fatalf("no software reset offered for a reachable camera with a password: %q", r.before.soft.Text.Text)
	}
	for _, s := range []string{"every user account and password", "IP address", "certificates, installed apps"} {
		if !strings.Contains(r.before.erases.Text, s) {
			t.Errorf("before-you-start does not say a reset erases %q:\n%s", s, r.before.erases.Text)
		}
	}
	test.Tap(r.before.softButton)
	if !r.closed || !strings.Contains(uitest.TopTexts(r.h.Win), "Reset to factory settings") {
		t.Errorf("wizard closed %v, dialog %q", r.closed, uitest.TopTexts(r.h.Win))
	}

	unreachable := fakes.Camera(macOther, discovery.SetupDone, "192.168.0.90")
	r2 := openWizard(t, unreachable, unreachable)
	r2.tapNext()
	if r2.before.softBox.Visible() {
		t.Error("software reset offered for a camera this computer cannot reach")
	}
}

func TestResetWizardShowsTheModelsManual(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.walkTo(pageButton)
	if r.button.manual.Text != "help.axis.com/en-us/axis-p3265-lve" {
		t.Errorf("manual link %q", r.button.manual.Text)
	}
	test.Tap(r.button.manual)
	if got := r.h.OpenedURLs(); len(got) != 1 || got[0] != "https://help.axis.com/en-us/axis-p3265-lve" {
		t.Errorf("opened %v", got)
	}
}

// fakePower is a Discoverer whose cameras' power the test sees switched.
type fakePower struct {
	*fakes.Discoverer
	mu    sync.Mutex
	calls []string
}

func (p *fakePower) Unplug(mac string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, "unplug "+mac)
	return nil
}

func (p *fakePower) Plug(mac string, hold bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if hold {
		p.calls = append(p.calls, "plug holding "+mac)
	} else {
		p.calls = append(p.calls, "plug "+mac)
	}
	return nil
}

func TestResetWizardSimulatesThePhysicalStepsWhenThePowerCanBeSwitched(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	h := fakes.NewHost(t)
	p := &fakePower{Discoverer: &fakes.Discoverer{}}
	h.B.Discovery, h.B.Power = p.Discoverer, p
	r := openWizardOn(t, h, cam, cam)
	r.walkTo(pageUnplug)
	if !r.unplug.simulate.Visible() {
		t.Fatal("no simulated unplug with a power switch")
	}
	test.Tap(r.unplug.simulate)
	r.walkTo(pageHold)
	test.Tap(r.count.simulate)
	if !r.count.running {
		t.Error("plugging in with the button held does not start the count")
	}
	if strings.Join(p.calls, ", ") != "unplug "+macLost+", plug holding "+macLost {
		t.Errorf("power switched: %v", p.calls)
	}

	r2 := openWizard(t, cam, cam)
	r2.walkTo(pageUnplug)
	if r2.unplug.simulate.Visible() {
		t.Error("a simulated unplug is offered for a real camera")
	}
}

// chanRecorder hands each recorded entry to the test.
type chanRecorder struct{ ch chan journal.Entry }

func (r *chanRecorder) Append(e journal.Entry) error { r.ch <- e; return nil }
