package addresswizard

import (
	"context"
	"net/netip"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// arpPage gives the camera an address on this computer's network by its
// serial number (ARP/Ping): the camera takes it in the first minutes after
// it is switched on.
type arpPage struct {
	w      *Wizard
	box    *fyne.Container
	addr   *widgets.EscEntry
	reason *widget.Label
	// window bounds the attempt (tests shorten it).
	window time.Duration
}

func newARPPage(w *Wizard) *arpPage {
	p := &arpPage{w: w, window: arpping.DefaultWindow}
	p.addr = widgets.NewEscEntry(w.escape)
	p.addr.OnChanged = func(string) { p.validate() }
	p.addr.OnSubmitted = func(string) { w.primary() }
	p.reason = widgets.Reason()
	steps := widgets.Wrapped(widgets.Bullets(
		lang.X("addrwiz.arp.steps", "How it goes:"),
		lang.X("addrwiz.arp.step1", "Check the address below: it must be free on your network."),
		lang.X("addrwiz.arp.step2", "Unplug the camera's power (or its network cable, if the cable powers it) and plug it back in."),
		lang.X("addrwiz.arp.step3", "Press Give it this address straight away: the camera listens for about two minutes after it starts."),
	))
	p.box = container.NewVBox(
		widgets.Wrapped(lang.X("addrwiz.arp.intro", "This computer calls the camera by its serial number, and the camera takes the address it is called at.")),
		steps,
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("addrwiz.arp.address", "Address for the camera")), container.NewVBox(p.addr, widgets.KeepLines(p.reason, 2))),
	)
	return p
}

func (p *arpPage) enter() {
	if strings.TrimSpace(p.addr.Text) == "" {
		if a, ok := p.w.freeAddress(); ok {
			p.addr.SetText(a.String())
		}
	}
	p.validate()
}

// parsed is the typed address when it can be given to the camera.
func (p *arpPage) parsed() (netip.Addr, string) {
	s := strings.TrimSpace(p.addr.Text)
	if s == "" {
		return netip.Addr{}, ""
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, lang.X("addrwiz.bad_address", "Type an address of four numbers separated by dots, such as 10.0.4.120.")
	}
	if !p.w.onHomeNetwork(a) {
		return netip.Addr{}, p.w.notHomeText()
	}
	return a, ""
}

func (p *arpPage) validate() {
	_, why := p.parsed()
	widgets.SetReason(p.reason, why)
	p.w.updateButtons()
}

func (p *arpPage) ready() bool {
	a, _ := p.parsed()
	return a.IsValid()
}

func (p *arpPage) start() {
	addr, _ := p.parsed()
	if !addr.IsValid() {
		return
	}
	w := p.w
	b := w.h.Backend()
	env, pinger, mac, iface, window := w.env(), b.ARPPing, w.cam.MAC, w.iface(), p.window
	inUse := b.AddressInUse
	w.run(func(ctx context.Context) func() {
		if err := w.taken(ctx, inUse, addr, iface); err != nil {
			return func() { w.showError(err) }
		}
		req := arpping.Request{MAC: mac, Addr: addr, Interface: iface, Window: window}
		err := workflow.AssignByMAC(ctx, env, pinger, req, func(pr arpping.Progress) { w.say(arpText(pr, addr)) })
		if err != nil {
			return func() { w.showError(err) }
		}
		return func() {
			w.reach = workflow.TargetOf(w.cam).At(addr)
			w.goTo(pagePassword)
		}
	})
}

// arpText says where ARP/Ping is, and what the user does meanwhile.
func arpText(pr arpping.Progress, addr netip.Addr) string {
	args := map[string]any{"Addr": addr.String(), "Seconds": int(pr.Remaining.Round(time.Second) / time.Second)}
	switch pr.Step {
	case arpping.StepNeighbour:
		return lang.X("addrwiz.arp.ready", "Ready: unplug the camera's power now and plug it back in.", args)
	case arpping.StepPing:
		return lang.X("addrwiz.arp.calling", "Calling the camera at {{.Addr}}… {{.Seconds}} s left.", args)
	case arpping.StepAnswered:
		return lang.X("addrwiz.arp.answered", "The camera answers at {{.Addr}}.", args)
	}
	return lang.X("addrwiz.arp.tidying", "Tidying up…", args)
}

// notHomeText says which addresses fit, in everyday words.
func (w *Wizard) notHomeText() string {
	home, ok := w.homeNetwork()
	if !ok {
		return lang.X("addrwiz.no_home", "This computer has no address on a network of its own to give the camera one from.")
	}
	return lang.X("addrwiz.not_home", "Choose a free address on this computer's network: {{.Range}}.", map[string]any{"Range": dialogs.NetworkWords(home)})
}

// taken asks, off the Fyne goroutine, whether something already answers at
// a, where the camera is about to go, saying so on the progress line; the
// error is what to show when something does. Without a way to ask (nil)
// nothing is refused.
func (w *Wizard) taken(ctx context.Context, inUse func(context.Context, netip.Addr) bool, a netip.Addr, iface string) error {
	if inUse == nil {
		return nil
	}
	w.say(lang.X("addrwiz.checking_free", "Checking that nothing answers at {{.Addr}} yet…", map[string]any{"Addr": a.String()}))
	if inUse(ctx, a) {
		return &arpping.Error{Kind: arpping.AddressInUse, Addr: a.String(), MAC: w.cam.MAC, Interface: iface}
	}
	return nil
}
