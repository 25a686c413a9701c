package resetwizard

import (
	"net/netip"
	"slices"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/dialogs"
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

// Shots lists the wizard's pages for the screenshot script, about cam.
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
	offline := func(wz *resetWizard) {
		lost := cam
		lost.Lost = true
		lost.Diagnosis = discovery.Diagnosis{Reach: discovery.ReachLost}
		wz.view = wz.watch.observe([]discovery.Device{lost})
	}
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
