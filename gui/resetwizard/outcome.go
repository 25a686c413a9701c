package resetwizard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/addresswizard"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// troublePage is the troubleshooter: the camera is late, and what to do
// depends on what the network shows of it.
type troublePage struct {
	wz     *resetWizard
	box    *fyne.Container
	kind   troubleKind
	what   *widget.Label
	next   *widget.Label
	arp    *widgets.EscButton
	search *widgets.EscButton
	again  *widgets.EscButton
}

func newTroublePage(wz *resetWizard) *troublePage {
	p := &troublePage{wz: wz, what: widgets.Wrapped(""), next: widgets.Wrapped("")}
	p.what.TextStyle.Bold = true
	p.arp = widgets.NewEscButton(lang.X("details.give_address", "Give this camera an address…"), apptheme.IconNetwork, wz.assignBySerial, wz.close)
	p.search = widgets.NewEscButton(lang.X("toolbar.search_again", "Search again"), theme.ViewRefreshIcon(), wz.searchAgain, wz.close)
	p.again = widgets.NewEscButton(lang.X("wizard.start_again", "Start again"), theme.MediaReplayIcon(), wz.startAgain, wz.close)
	p.box = container.NewVBox(
		container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))), nil, p.what),
		p.next, container.NewHBox(p.arp, p.search, p.again))
	p.update()
	return p
}

// computerText names this computer's networks for a sentence.
func computerText(h dialogs.Host) string {
	if nets := dialogs.ComputerNetworks(dialogs.Local(h.Backend())); nets != "" {
		return nets
	}
	return lang.X("wizard.no_network", "no network")
}

func (p *troublePage) update() {
	v := p.wz.view
	p.kind = troubleFor(v)
	args := map[string]any{"Addr": dialogs.CameraAddress(v.dev), "Computer": computerText(p.wz.h)}
	var what, next string
	switch p.kind {
	case troubleFactory:
		what = lang.X("wizard.trouble.factory", "The camera is at 192.168.0.90, its factory address, but this computer is on {{.Computer}}, so it cannot reach it there.", args)
		next = lang.X("wizard.trouble.factory_next", "Give this camera an address: OpenIPU reaches it (by its serial number, or with a second address on this computer starting with 192.168.0. for a while), then sets its password and its address on your network.", args)
	case troubleLinkLocal:
		what = lang.X("wizard.trouble.link_local", "The camera only has an automatic address, {{.Addr}}: AXIS OS 12 does this when no DHCP server gives it one. This computer is on {{.Computer}}, so it cannot reach it there.", args)
		next = lang.X("wizard.trouble.link_local_next", "Give this camera an address: OpenIPU reaches it (by its serial number, or with an automatic address on this computer starting with 169.254. for a while), then sets its password and its address on your network.", args)
	case troubleNotReset:
		what = lang.X("wizard.trouble.not_reset", "The camera is back at {{.Addr}}, but it still has its password: the reset did not take.", args)
		next = lang.X("wizard.trouble.not_reset_next", "Try again: unplug the power, press and hold the control button, and plug the power back in while holding it. Keep holding for a full 30 seconds. A short press while the camera is running does not reset it.", args)
	case troubleOtherSubnet:
		what = lang.X("wizard.trouble.other_subnet", "The camera is back at {{.Addr}}, on another network than this computer's ({{.Computer}}).", args)
		next = lang.X("wizard.trouble.other_subnet_next", "A reset does not lead there, so it most likely kept its old address: the reset did not take. Try again, holding the button for a full 30 seconds while you plug the power in. If you are sure it was reset, give it an address by its serial number (ARP/Ping).", args)
	case troubleStarting:
		what = lang.X("wizard.trouble.starting", "The camera is on the network at {{.Addr}}, but it does not answer yet.", args)
		next = lang.X("wizard.trouble.starting_next", "It may still be starting: keep waiting a minute. If it stays like this, unplug its power, plug it back in, and wait again.", args)
	default:
		what = lang.X("wizard.trouble.nothing", "OpenIPU does not see the camera on the network.")
		next = widgets.Bullets(
			lang.X("wizard.trouble.nothing_next", "Check, then try again:"),
			lang.X("wizard.trouble.check_power", "that it has power: with PoE, that its cable is plugged in at both ends and the switch port's light is on; with an adapter, that it is plugged in;"),
			lang.X("wizard.trouble.check_network", "that this computer is on the same network as the camera;"),
			lang.X("wizard.trouble.hold_longer", "that you hold the control button for a full 30 seconds while you plug the power in."),
		)
	}
	p.what.SetText(what)
	p.next.SetText(next)
	widgets.SetVisible(p.arp, p.kind == troubleFactory || p.kind == troubleLinkLocal || p.kind == troubleOtherSubnet)
	widgets.SetVisible(p.again, p.kind == troubleNothing || p.kind == troubleNotReset || p.kind == troubleOtherSubnet || p.kind == troubleStarting)
	p.wz.relayout()
}

// backPage is the good outcome: the camera is back in factory state, and
// the next step is its password, or first an address this computer can
// reach.
type backPage struct {
	wz   *resetWizard
	box  *fyne.Container
	dev  discovery.Device
	away bool
	what *widget.Label
	next *widget.Label
}

func newBackPage(wz *resetWizard) *backPage {
	p := &backPage{wz: wz, what: widgets.Wrapped(""), next: widgets.Wrapped("")}
	p.what.TextStyle.Bold = true
	p.box, _ = picturePage(assets.IllustrationLEDGreen,
		container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))), nil, p.what),
		p.next)
	return p
}

func (p *backPage) update() {
	v := p.wz.view
	if v.state == watchBack || v.state == watchBackAway {
		p.dev, p.away = v.dev, v.state == watchBackAway
	}
	args := map[string]any{"Camera": dialogs.CameraName(p.dev), "Addr": dialogs.CameraAddress(p.dev), "Computer": computerText(p.wz.h)}
	switch {
	case !p.away:
		p.what.SetText(lang.X("wizard.back_page.ready", "{{.Camera}} has its factory settings again, at {{.Addr}}.", args))
		p.next.SetText(lang.X("wizard.back_page.ready_next", "Next, give it a new administrator password. If it is not on your own network afterwards, OpenIPU offers to give it an address there.", args))
	case p.dev.Diagnosis.Reach == discovery.ReachLinkLocalOnly:
		p.what.SetText(lang.X("wizard.back_page.link_local", "{{.Camera}} is back with an automatic address only, {{.Addr}}, because no DHCP server gave it one. This computer, on {{.Computer}}, cannot reach it there.", args))
		p.next.SetText(lang.X("wizard.back_page.give_address_next", "Next, give this camera an address: OpenIPU reaches it where it is, sets its password and then its address on your network.", args))
	default:
		p.what.SetText(lang.X("wizard.back_page.factory", "{{.Camera}} is back at its factory address, {{.Addr}}. This computer, on {{.Computer}}, cannot reach it there.", args))
		p.next.SetText(lang.X("wizard.back_page.give_address_next", "Next, give this camera an address: OpenIPU reaches it where it is, sets its password and then its address on your network.", args))
	}
}

// handOverText words Next on this page.
func (p *backPage) handOverText() (string, fyne.Resource) { return handOverText(p.away) }

// handOverText words Next on the last page: what comes next for a camera
// back where this computer reaches it, or away from it.
func handOverText(away bool) (string, fyne.Resource) {
	if away {
		return lang.X("details.give_address", "Give this camera an address…"), apptheme.IconNetwork
	}
	return lang.X("action.set_password", "Set password…"), apptheme.IconKey
}

// handOver closes the wizard and opens what comes next.
func (p *backPage) handOver() {
	wz, dev := p.wz, p.dev
	wz.close()
	if p.away {
		addresswizard.Show(wz.h, dev)
		return
	}
	dialogs.HandOverToSetPassword(wz.h, dev)
}

// assignBySerial opens "Give this camera an address" for the camera as it
// is seen now.
func (wz *resetWizard) assignBySerial() {
	dev := wz.view.dev
	if !wz.view.found {
		dev = wz.cam
	}
	wz.close()
	addresswizard.Show(wz.h, dev)
}

func (wz *resetWizard) searchAgain() {
	wz.lastRefresh = wz.now()
	wz.h.Refresh()
}
