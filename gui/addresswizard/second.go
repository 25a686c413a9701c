package addresswizard

import (
	"context"
	"net/netip"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// secondPage puts this computer on the camera's network for a while: it
// adds the address itself when it can, and otherwise shows the steps for
// this computer's system and checks again when the user has done them.
type secondPage struct {
	w     *Wizard
	box   *fyne.Container
	cable *widget.Label
	intro *widget.Label
	steps *widget.Label
	// goos is the system whose steps are shown (tests choose).
	goos string
}

func newSecondPage(w *Wizard) *secondPage {
	p := &secondPage{w: w, goos: runtime.GOOS}
	p.cable = widgets.Wrapped(widgets.Bullets(
		lang.X("addrwiz.cable.intro", "First connect the cable:"),
		lang.X("addrwiz.cable.step1", "Plug one end of a network cable into this computer."),
		lang.X("addrwiz.cable.step2", "Plug the other end into the camera, or into its PoE injector if the switch gave it power."),
		lang.X("addrwiz.cable.step3", "Wait until the camera's light is steady (about a minute)."),
	))
	p.intro = widgets.Wrapped("")
	p.steps = widget.NewLabel("")
	p.steps.Wrapping = fyne.TextWrapWord
	p.steps.Selectable = true // people copy the commands
	p.box = container.NewVBox(p.cable, p.intro, p.steps)
	return p
}

// cameraAddr is the address the camera can be reached at once this
// computer is on its network: the factory address, else a link-local one,
// else its first IPv4 address.
func cameraAddr(cam discovery.Device) (netip.Addr, bool) {
	var v4 []netip.Addr
	for _, a := range cam.Addresses {
		if a = a.Unmap(); a.Is4() {
			v4 = append(v4, a)
		}
	}
	for _, a := range v4 {
		if a == discovery.FactoryAddress {
			return a, true
		}
	}
	for _, a := range v4 {
		if a.IsLinkLocalUnicast() {
			return a, true
		}
	}
	if len(v4) > 0 {
		return v4[0], true
	}
	return netip.Addr{}, false
}

func (p *secondPage) enter() {
	w := p.w
	widgets.SetVisible(p.cable, w.how.choice() == wayCable)
	camAt, ok := cameraAddr(w.cam)
	if !ok {
		p.intro.SetText(lang.X("addrwiz.second.no_v4", "This camera announced no IPv4 address, so this computer cannot join its network. Restart the camera, or connect it to a network with a DHCP server."))
		p.steps.SetText("")
		return
	}
	if !w.tempPrefix.IsValid() || !w.tempPrefix.Contains(camAt) {
		own := map[netip.Addr]bool{}
		for _, i := range dialogs.Local(w.h.Backend()) {
			for _, q := range i.Prefixes {
				own[q.Addr()] = true
			}
		}
		pfx, err := hostaddr.For(camAt, func(a netip.Addr) bool { return own[a] })
		if err != nil {
			w.showError(err)
			return
		}
		w.tempPrefix = pfx
	}
	args := map[string]any{"Addr": w.tempPrefix.Addr().String(), "Camera": camAt.String(), "Range": dialogs.NetworkWords(w.tempPrefix)}
	if p.byHand() {
		p.intro.SetText(lang.X("addrwiz.second.by_hand", "Give this computer the address {{.Addr}} ({{.Range}}), so that it can reach the camera at {{.Camera}}. Then press Check again.", args))
	} else {
		p.intro.SetText(lang.X("addrwiz.second.auto", "OpenIPU gives this computer the address {{.Addr}} as well as its own, so that it can reach the camera at {{.Camera}}, and takes it away again at the end.", args))
	}
	p.showSteps()
}

// showSteps writes out the steps for this computer's system when the
// address is to be added by hand.
func (p *secondPage) showSteps() {
	if !p.byHand() {
		p.steps.SetText("")
		p.steps.Hide()
		return
	}
	var b strings.Builder
	b.WriteString(lang.X("addrwiz.second.steps", "How to do it on this computer:"))
	for i, m := range hostaddr.Steps(p.goos, p.w.iface(), p.w.tempPrefix) {
		b.WriteString("\n" + strconv.Itoa(i+1) + ". " + i18n.Text(m))
	}
	p.steps.SetText(b.String())
	p.steps.Show()
}

// byHand says the address is the user's to add: this computer offers no
// way to add it, or refused for lack of rights.
func (p *secondPage) byHand() bool {
	return p.w.h.Backend().SecondAddress == nil || p.w.refused
}

func (p *secondPage) primaryLabel() string {
	if p.byHand() {
		return lang.X("addrwiz.second.check", "Check again")
	}
	return lang.X("addrwiz.second.add", "Add the address for me")
}

func (p *secondPage) primary() {
	w := p.w
	camAt, ok := cameraAddr(w.cam)
	if !ok || !w.tempPrefix.IsValid() {
		return
	}
	adder, iface, prefix := w.h.Backend().SecondAddress, w.iface(), w.tempPrefix
	byHand := p.byHand()
	addNow := !byHand && w.temporary == nil
	env, target := w.env(), workflow.TargetOf(w.cam).At(camAt)
	w.run(func(ctx context.Context) func() {
		var added hostaddr.Added
		if addNow {
			w.say(lang.X("addrwiz.second.adding", "Giving this computer the address {{.Addr}}…", map[string]any{"Addr": prefix.Addr().String()}))
			a, err := adder.Add(ctx, iface, prefix)
			if err != nil {
				return func() {
					w.showError(err)
					// Only a stop is not a refusal: for anything else
					// the steps by hand are the way on.
					if hostaddr.KindOf(err) != hostaddr.Canceled {
						w.refused = true
						p.enter()
					}
				}
			}
			added = a
		}
		w.say(lang.X("addrwiz.second.checking", "Asking the camera at {{.Addr}} who it is…", map[string]any{"Addr": camAt.String()}))
		err := reachCamera(ctx, env, target)
		return func() {
			if added != nil {
				w.temporary = added
			}
			if err != nil {
				w.showError(err)
				return
			}
			w.reach, w.addedByHand = target, byHand
			w.goTo(pagePassword)
		}
	})
}

// reachCamera asks the camera at t who it is, without a password: it
// answers only once this computer is on its network, and it must be the
// camera the list showed (its MAC), not whatever holds that address.
func reachCamera(ctx context.Context, env workflow.Env, t workflow.Target) error {
	cam, err := workflow.Open(ctx, env, t)
	cam.Close()
	return err
}
