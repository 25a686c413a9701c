package resetwizard

import (
	"net/netip"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/internal/fakes"
)

// Shot is one page of the guided reset in a state worth a screenshot,
// reached without waiting for a camera.
type Shot struct {
	// Name is a file name without extension, e.g. "5-hold-amber".
	Name string
	// Open shows the page on h's window, on the Fyne goroutine, and returns
	// the function that closes it again.
	Open func(h dialogs.Host) (close func())
}

// Shots lists the wizard's pages for the screenshots, about cam. It is
// exported for TestScreenshots, which stages them over the real window
// from outside the package.
func Shots(cam discovery.Device) []Shot {
	var out []Shot
	for _, s := range wizardShots(cam) {
		out = append(out, Shot{Name: s.name, Open: func(h dialogs.Host) func() {
			wz := newResetWizard(h, cam)
			// Staged: the wizard does not read the network meanwhile.
			wz.pollEvery = time.Hour
			wz.tickEvery = time.Hour
			wz.show()
			wz.chosen()
			s.stage(wz)
			return wz.close
		}})
	}
	return out
}

// wizardShot is one page of the guided reset in a state worth a picture,
// staged without waiting for a camera.
type wizardShot struct {
	name  string
	stage func(wz *resetWizard)
}

// stagedBack is the camera as discovery would list it once back.
func stagedBack(cam discovery.Device, addrs ...string) discovery.Device {
	d := cam
	d.Addresses = nil
	for _, a := range addrs {
		d.Addresses = append(d.Addresses, netip.MustParseAddr(a))
	}
	d.Setup = discovery.SetupNeeded
	d.Diagnosis = discovery.Diagnosis{Reach: discovery.ReachOK}
	if !slices.ContainsFunc(d.Addresses, func(a netip.Addr) bool { return a.Is4() && a.As4()[0] == 10 }) {
		d.Setup = discovery.SetupUnknown
		d.Diagnosis.Reach = discovery.ReachFactoryAddress
		if d.Addresses[0].IsLinkLocalUnicast() {
			d.Diagnosis.Reach = discovery.ReachLinkLocalOnly
		}
	}
	return d
}

func wizardShots(cam discovery.Device) []wizardShot {
	counted := func(left int) func(wz *resetWizard) {
		return func(wz *resetWizard) {
			wz.goTo(pageHold)
			wz.count.begin()
			for wz.count.left > left {
				wz.count.tick()
			}
		}
	}
	offline := func(wz *resetWizard) { wz.view = wz.watch.observe([]discovery.Device{gone(cam)}) }
	return []wizardShot{
		{"1-choose", func(wz *resetWizard) {}},
		{"2-before", func(wz *resetWizard) { wz.goNext() }},
		{"3-unplug", func(wz *resetWizard) {
			wz.goTo(pageUnplug)
			offline(wz)
			wz.updateLive()
		}},
		{"4-button", func(wz *resetWizard) { wz.goTo(pageButton) }},
		{"5-hold", func(wz *resetWizard) { wz.goTo(pageHold) }},
		{"5-hold-counting", counted(24)},
		{"5-hold-amber", counted(9)},
		{"5-hold-release", counted(0)},
		{"6-wait", func(wz *resetWizard) {
			offline(wz)
			wz.goTo(pageWait)
			wz.poweredAt = wz.now().Add(-42 * time.Second)
			wz.updateLive()
		}},
		{"7-back", func(wz *resetWizard) {
			wz.view = watchView{state: watchBack, found: true, dev: stagedBack(cam, "10.0.4.104")}
			wz.goTo(pageBack)
		}},
		{"7-back-factory-address", func(wz *resetWizard) {
			wz.view = watchView{state: watchBackAway, found: true, dev: stagedBack(cam, "192.168.0.90", "169.254.112.46")}
			wz.goTo(pageBack)
		}},
		{"8-trouble-nothing", func(wz *resetWizard) {
			offline(wz)
			wz.goTo(pageTrouble)
		}},
		{"8-trouble-link-local", func(wz *resetWizard) {
			wz.view = watchView{state: watchWaiting, found: true, dev: stagedBack(cam, "169.254.112.46")}
			wz.goTo(pageTrouble)
		}},
		{"8-trouble-not-reset", func(wz *resetWizard) {
			back := cam
			wz.view = watchView{state: watchReturned, found: true, dev: back}
			wz.goTo(pageTrouble)
		}},
	}
}

// The screenshots need the simulated office and run only on request; this
// test stages each page on a fake window so a page that cannot be staged,
// or does not fit, is caught by every test run.
func TestEveryWizardShotStagesAndFitsTheWindow(t *testing.T) {
	h := fakes.NewHost(t)
	h.Win.Resize(fyne.NewSize(1240, 740)) // the screenshots' size
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	for _, s := range wizardShots(cam) {
		h.B.Discovery = &fakes.Discoverer{}
		h.SetCameras(cam)
		wz := newResetWizard(h, cam)
		wz.do = func(f func()) { f() }
		wz.pollEvery, wz.tickEvery = time.Hour, time.Hour
		wz.show()
		wz.chosen()
		s.stage(wz)
		if c := wz.content; c.Size().Height+1 < c.MinSize().Height {
			got, need := c.Size().Height, c.MinSize().Height
			t.Errorf("%s: the page needs %.0f px but gets %.0f", s.name, need, got)
		}
		wz.close()
		if n := len(h.Win.Canvas().Overlays().List()); n != 0 {
			t.Errorf("%s: %d dialogs left open", s.name, n)
		}
	}
}
