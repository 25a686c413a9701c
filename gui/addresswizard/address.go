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

	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// addressPage gives the camera the address it keeps on this computer's
// network, fixed or from the network's DHCP server, and follows it there.
type addressPage struct {
	w       *Wizard
	box     *fyne.Container
	kind    *widgets.OptionGroup
	fixed   *fyne.Container
	addr    *widgets.EscEntry
	reason  *widget.Label
	netText *widget.Label
	gateway *widgets.EscEntry
	gwNote  *widget.Label
	// lost opens the guided physical reset when the camera refuses the
	// password typed for it: nobody knows its password any more.
	lost *widget.Button
	// within bounds the wait for the camera at its new address (tests
	// shorten it).
	within time.Duration
}

const (
	kindFixed = iota
	kindDHCP
)

func newAddressPage(w *Wizard) *addressPage {
	p := &addressPage{w: w, within: workflow.FollowWithin}
	esc := w.escape
	p.kind = widgets.NewOptionGroup([]string{
		lang.X("addrwiz.address.fixed", "A fixed address (recommended for cameras)"),
		lang.X("addrwiz.address.dhcp", "An address from the network's router (DHCP)"),
	}, kindFixed, func(int) { p.validate() }, esc)
	p.addr = widgets.NewEscEntry(esc)
	p.gateway = widgets.NewEscEntry(esc)
	p.gateway.SetPlaceHolder(lang.X("dialog.field.optional", "optional"))
	for _, e := range []*widgets.EscEntry{p.addr, p.gateway} {
		e.OnChanged = func(string) { p.validate() }
		e.OnSubmitted = func(string) { w.primary() }
	}
	p.reason = widgets.Reason()
	p.netText = widgets.Note("")
	p.gwNote = widgets.Note(lang.X("addrwiz.address.gateway_note", "The router's address on this network, for the camera to reach the internet (time servers, updates). Leave it empty if the cameras stay on this network."))
	p.fixed = container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("addrwiz.address.address", "Address")), container.NewVBox(p.addr, p.netText, widgets.KeepLines(p.reason, 2)),
		widget.NewLabel(lang.X("addrwiz.address.gateway", "Router (gateway)")), container.NewVBox(p.gateway, p.gwNote),
	)
	p.lost = widget.NewButtonWithIcon(lang.X("addrwiz.guided_reset", "Guided factory reset…"), apptheme.IconFactory, p.guidedReset)
	p.lost.Hide()
	p.box = container.NewVBox(
		widgets.Wrapped(lang.X("addrwiz.address.intro", "Last step: the address the camera keeps on your network. Everyone uses it to reach the camera from now on.")),
		container.NewVBox(p.kind.Buttons[0], p.kind.Buttons[1]),
		p.fixed,
		container.NewHBox(p.lost),
	)
	return p
}

// guidedReset closes this flow and opens the guided physical reset for the
// camera, when the window offers it.
func (p *addressPage) guidedReset() {
	g, ok := p.w.h.(dialogs.GuidedResetter)
	if !ok {
		return
	}
	p.w.dlg.Hide()
	g.GuidedReset(p.w.cam)
}

func (p *addressPage) enter() {
	w := p.w
	if strings.TrimSpace(p.addr.Text) == "" {
		// A camera given an address by ARP/Ping keeps it unless the user
		// chooses another.
		if a, err := netip.ParseAddr(w.reach.Host); err == nil && w.onHomeNetwork(a) {
			p.addr.SetText(a.String())
		} else if a, ok := w.freeAddress(); ok {
			p.addr.SetText(a.String())
		}
	}
	if home, ok := w.homeNetwork(); ok {
		p.netText.SetText(lang.X("addrwiz.address.network", "This network uses {{.Range}} (subnet mask {{.Mask}}).",
			map[string]any{"Range": dialogs.NetworkWords(home), "Mask": hostaddr.Mask(home)}))
	}
	p.validate()
}

// config is the settings to send, or why they cannot be sent yet.
func (p *addressPage) config() (vapix.NetworkConfig, string) {
	if p.kind.Selected == kindDHCP {
		return vapix.NetworkConfig{DHCP: true}, ""
	}
	s := strings.TrimSpace(p.addr.Text)
	if s == "" {
		return vapix.NetworkConfig{}, ""
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return vapix.NetworkConfig{}, lang.X("addrwiz.bad_address", "Type an address of four numbers separated by dots, such as 10.0.4.120.")
	}
	if !p.w.onHomeNetwork(a) {
		return vapix.NetworkConfig{}, p.w.notHomeText()
	}
	home, _ := p.w.homeNetwork()
	cfg := vapix.NetworkConfig{Address: netip.PrefixFrom(a, home.Bits())}
	if g := strings.TrimSpace(p.gateway.Text); g != "" {
		ga, err := netip.ParseAddr(g)
		if err != nil || !ga.Is4() || !home.Masked().Contains(ga) || ga == a {
			return vapix.NetworkConfig{}, lang.X("addrwiz.bad_gateway", "The router's address must be on the same network, such as {{.Example}}, or left empty.",
				map[string]any{"Example": home.Masked().Addr().Next().String()})
		}
		cfg.Gateway = ga
	}
	return cfg, ""
}

func (p *addressPage) validate() {
	widgets.SetVisible(p.fixed, p.kind.Selected == kindFixed)
	_, why := p.config()
	widgets.SetReason(p.reason, why)
	p.w.updateButtons()
}

func (p *addressPage) ready() bool {
	cfg, why := p.config()
	return why == "" && (cfg.DHCP || cfg.Address.IsValid())
}

func (p *addressPage) start() {
	cfg, why := p.config()
	if why != "" {
		return
	}
	w := p.w
	b := w.h.Backend()
	env, target, login, inUse, within := w.env(), w.reach, workflow.As(w.login), b.AddressInUse, p.within
	follow := workflow.Follow{Within: within, Candidates: dialogs.Following(w.h)}
	w.run(func(ctx context.Context) func() {
		if a := cfg.Address.Addr(); !cfg.DHCP && a.String() != target.Host {
			if err := w.taken(ctx, inUse, a, ""); err != nil {
				return func() { w.showError(err) }
			}
		}
		res, err := workflow.ChangeNetwork(ctx, env, target, login, cfg, follow, w.sayStep)
		return func() {
			if err != nil {
				// A password nobody knows: the camera's button is the
				// way back.
				_, canReset := w.h.(dialogs.GuidedResetter)
				widgets.SetVisible(p.lost, canReset && vapix.KindOf(err) == vapix.WrongPassword && !res.Accepted)
				if res.Accepted {
					// The camera took the settings: going back would
					// send them to an address it has left.
					w.history = nil
				}
				w.showError(err)
				return
			}
			w.h.Backend().Admins.Remember(w.cam.MAC, res.User)
			w.finalAt = res.Found.Address()
			w.goTo(pageDone)
		}
	})
}
