package dialogs

import (
	"context"
	"net/netip"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// assignIPDialog sets a camera's IPv4 settings and follows it to its new
// address.
type assignIPDialog struct {
	*frame
	cam   discovery.Device
	local []netif.Interface

	intro    *widget.Label
	mode     *widgets.OptionGroup
	dhcpWhat *widget.Label
	static   *fyne.Container

	address       *widgets.EscEntry
	addressReason *widget.Label
	mask          *widgets.EscEntry
	maskReason    *widget.Label
	// network says which addresses the address and mask make the
	// camera's network, in words; maskTerm gives installers the prefix.
	network       *widget.Label
	maskTerm      *widget.Label
	gateway       *widgets.EscEntry
	gatewayReason *widget.Label
	dns1, dns2    *widgets.EscEntry
	dnsReason     *widget.Label
	settingsWhy   *widget.Label
	outside       *widgets.Notice
	inUse         *widgets.Notice
	login         *loginFields

	// The "already answers" check of the typed address.
	takenCheck
	// followFor and followEvery pace the search for the moved camera.
	followFor   time.Duration
	followEvery time.Duration
	moved       bool
}

// ShowAssignIP opens the network-settings dialog for one camera.
func ShowAssignIP(h Host, cam discovery.Device) {
	d := newAssignIPDialog(h, cam)
	d.show(d.address)
}

func newAssignIPDialog(h Host, cam discovery.Device) *assignIPDialog {
	d := &assignIPDialog{cam: cam, local: Local(h.Backend()), takenCheck: newTakenCheck(h.Backend().AddressInUse), followFor: workflow.FollowWithin}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.ip.title", "Assign IP address"), body, lang.X("dialog.ip.button", "Apply"), d.start)
	d.primary.SetIcon(theme.ConfirmIcon())
	esc := d.escape

	d.intro = widgets.Wrapped(lang.X("dialog.ip.intro", "Change the network settings of {{.Camera}}.", map[string]any{"Camera": CameraTitle(cam)}))
	d.mode = widgets.NewOptionGroup([]string{lang.X("dialog.ip.static", "Fixed address (static)"), lang.X("dialog.ip.dhcp", "Automatic address from the network's DHCP server")}, 0, func(int) { d.validate() }, esc)
	d.dhcpWhat = widgets.Wrapped(lang.X("dialog.ip.dhcp_what", "The camera asks the network's router or DHCP server for an address. The camera list finds it again afterwards."))
	d.dhcpWhat.Hide()

	d.address, d.mask, d.gateway, d.dns1, d.dns2 = widgets.NewEscEntry(esc), widgets.NewEscEntry(esc), widgets.NewEscEntry(esc), widgets.NewEscEntry(esc), widgets.NewEscEntry(esc)
	d.addressReason, d.maskReason, d.gatewayReason, d.dnsReason = widgets.Reason(), widgets.Reason(), widgets.Reason(), widgets.Reason()
	d.settingsWhy = widgets.Reason()
	d.network = widgets.Wrapped("")
	d.maskTerm = widgets.Wrapped("")
	d.maskTerm.SizeName = theme.SizeNameCaptionText // quieter than body text, yet readable (low importance is too faint)
	d.gateway.SetPlaceHolder(lang.X("dialog.field.optional", "optional"))
	d.dns1.SetPlaceHolder(lang.X("dialog.field.optional", "optional"))
	d.dns2.SetPlaceHolder(lang.X("dialog.field.optional", "optional"))
	d.prefill()
	d.outside, d.inUse = widgets.NewNotice(), widgets.NewNotice()
	d.login = newLoginFieldsFor(h, cam, d.submit, esc, d.validate)

	d.static = container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("dialog.field.ip_address", "IP address")), container.NewVBox(d.address, widgets.KeepLines(d.addressReason, 2)),
		widget.NewLabel(lang.X("dialog.field.subnet_mask", "Subnet mask")), container.NewVBox(d.mask, d.network, d.maskTerm, widgets.KeepLines(d.maskReason, 1)),
		widget.NewLabel(lang.X("dialog.field.gateway", "Router (gateway)")), container.NewVBox(d.gateway, widgets.KeepLines(d.gatewayReason, 1)),
		widget.NewLabel(lang.X("dialog.field.dns", "Name servers (DNS)")), container.NewVBox(container.NewGridWithColumns(2, d.dns1, d.dns2), d.dnsReason),
	)
	body.Objects = []fyne.CanvasObject{
		d.intro,
		d.mode.Buttons[0], d.static, d.settingsWhy,
		d.mode.Buttons[1], d.dhcpWhat,
		d.outside.Box, d.inUse.Box,
		widget.NewSeparator(),
		d.login.box,
	}
	// Wired last: prefill above must not validate a half-built dialog.
	for _, e := range []*widgets.EscEntry{d.address, d.mask, d.gateway, d.dns1, d.dns2} {
		e.OnChanged = func(string) { d.validate() }
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.whenClosed(d.login.clear)
	d.validate()
	return d
}

// prefill starts from what is most likely wanted: the camera's current
// address when it is on this computer's network (a fixed address where it
// is now), else an example address on this computer's network.
func (d *assignIPDialog) prefill() {
	d.mask.SetText(addrplan.MaskText(24))
	cur, ok := cameraIPv4(d.cam)
	if ok {
		if p, on := localPrefixFor(d.local, cur); on {
			d.address.SetText(cur.String())
			d.mask.SetText(addrplan.MaskText(p.Bits()))
			return
		}
	}
	if p, ok := firstComputerPrefix(d.local); ok {
		d.mask.SetText(addrplan.MaskText(p.Bits()))
		example := p.Masked().Addr()
		for range 50 {
			example = example.Next()
		}
		if p.Masked().Contains(example) {
			d.address.SetPlaceHolder(lang.X("dialog.ip.example", "for example {{.Addr}}", map[string]any{"Addr": example.String()}))
		}
	}
}

func (d *assignIPDialog) dhcp() bool { return d.mode.Selected == 1 }

// config reads the form. Each field's problem is returned separately so
// it can be shown under that field as the user types.
func (d *assignIPDialog) config() (cfg vapix.NetworkConfig, addrErr, maskErr, gwErr, dnsErr string) {
	cfg.DHCP = d.dhcp()
	for _, e := range []*widgets.EscEntry{d.dns1, d.dns2} {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			dnsErr = lang.X("dialog.ip.bad_dns", "Type the name server's IP address, or leave it empty.")
			continue
		}
		cfg.DNS = append(cfg.DNS, a)
	}
	if cfg.DHCP {
		return cfg, "", "", "", dnsErr
	}
	a, err := netip.ParseAddr(strings.TrimSpace(d.address.Text))
	if err != nil || !a.Is4() {
		addrErr = lang.X("dialog.ip.bad_address", "Type an IPv4 address: four numbers from 0 to 255 with dots, such as 192.168.1.50.")
	}
	bits, ok := parseMask(d.mask.Text)
	if !ok {
		maskErr = lang.X("dialog.ip.bad_mask", "Type the subnet mask as four numbers with dots, as on your router's settings page. Most networks use 255.255.255.0.")
	}
	if addrErr == "" && maskErr == "" {
		cfg.Address = netip.PrefixFrom(a, bits)
	}
	if s := strings.TrimSpace(d.gateway.Text); s != "" {
		g, err := netip.ParseAddr(s)
		if err != nil || !g.Is4() {
			gwErr = lang.X("dialog.ip.bad_gateway", "Type the router's IPv4 address, such as 192.168.1.1, or leave it empty.")
		} else {
			cfg.Gateway = g
		}
	}
	return cfg, addrErr, maskErr, gwErr, dnsErr
}

// validate shows, as the user types, what is wrong with each field, what
// the settings as a whole break, and the two warnings that do not stop
// anything: an address outside this computer's network, and one that is
// already in use.
func (d *assignIPDialog) validate() {
	dhcp := d.dhcp()
	widgets.SetVisible(d.static, !dhcp)
	widgets.SetVisible(d.dhcpWhat, dhcp)
	cfg, addrErr, maskErr, gwErr, dnsErr := d.config()
	empty := strings.TrimSpace(d.address.Text) == ""
	if empty {
		addrErr = ""
	}
	widgets.SetReason(d.addressReason, addrErr)
	widgets.SetReason(d.maskReason, maskErr)
	d.describeNetwork(cfg, addrErr == "" && !empty, maskErr == "")
	widgets.SetReason(d.gatewayReason, gwErr)
	widgets.SetReason(d.dnsReason, dnsErr)

	fieldsOK := addrErr == "" && maskErr == "" && gwErr == "" && dnsErr == "" && (dhcp || !empty)
	whole := ""
	if fieldsOK {
		if err := cfg.Validate(); err != nil {
			p, _ := usermsg.Explain(err)
			what, _ := i18n.ProblemText(p)
			whole = what
			fieldsOK = false
		}
	}
	widgets.SetReason(d.settingsWhy, whole)

	d.outside.Hide()
	d.inUse.Hide()
	if fieldsOK && !dhcp {
		a := cfg.Address.Addr()
		if !onComputerNetwork(d.local, a) {
			nets := ComputerAddressWords(d.local)
			d.outside.Set(widgets.NoticeWarning, lang.X("dialog.ip.outside", "{{.Addr}} is not on this computer's network ({{.Computer}}).", map[string]any{"Addr": a.String(), "Computer": nets}),
				lang.X("dialog.ip.outside_next", "After the change this computer cannot reach the camera, unless the computer is moved to that network too. Unless you mean to, choose an address on this computer's network ({{.Computer}}).", map[string]any{"Computer": nets}))
		}
		d.checkTaken(a)
	}

	d.login.check()
	if fieldsOK && d.login.err() == nil && !d.running && !d.moved {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

// describeNetwork says, under the mask, which addresses are on the
// camera's network: people who never met a subnet mask know their
// addresses, and the prefix length stays in small type for installers.
func (d *assignIPDialog) describeNetwork(cfg vapix.NetworkConfig, addrOK, maskOK bool) {
	d.network.SetText("")
	d.maskTerm.SetText("")
	if !maskOK {
		widgets.SetVisible(d.network, false)
		widgets.SetVisible(d.maskTerm, false)
		return
	}
	bits, _ := parseMask(d.mask.Text)
	d.maskTerm.SetText(lang.X("dialog.ip.mask_term", "subnet mask /{{.Bits}}", map[string]any{"Bits": bits}))
	if addrOK && cfg.Address.IsValid() {
		d.network.SetText(lang.X("dialog.ip.network", "The camera's network: {{.Network}}", map[string]any{"Network": NetworkWords(cfg.Address)}))
	}
	widgets.SetVisible(d.network, d.network.Text != "")
	widgets.SetVisible(d.maskTerm, true)
}

// checkTaken knocks at a typed address, unless it is the camera's own, and
// warns if something answers. The answer is shown only while the address
// is still the one typed.
func (d *assignIPDialog) checkTaken(a netip.Addr) {
	for _, own := range d.cam.Addresses {
		if own.Unmap() == a {
			return
		}
	}
	d.takenCheck.checkTaken(d.ctx, a, d.ui, func() {
		if cfg, addrErr, maskErr, _, _ := d.config(); !d.dhcp() && addrErr == "" && maskErr == "" && cfg.Address.Addr() == a {
			d.showTaken(a)
			d.relayout()
		}
	})
}

func (d *assignIPDialog) showTaken(a netip.Addr) {
	d.inUse.Set(widgets.NoticeWarning, lang.X("dialog.ip.taken", "Something already answers at {{.Addr}}.", map[string]any{"Addr": a.String()}), lang.X("dialog.ip.taken_next", "Two devices on one address disturb each other: choose a free address."))
}

func (d *assignIPDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

func (d *assignIPDialog) setFormEnabled(on bool) {
	d.mode.SetEnabled(on)
	d.login.setEnabled(on)
	for _, e := range []*widgets.EscEntry{d.address, d.mask, d.gateway, d.dns1, d.dns2} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

func (d *assignIPDialog) start() {
	cfg, addrErr, maskErr, gwErr, dnsErr := d.config()
	if addrErr+maskErr+gwErr+dnsErr != "" || cfg.Validate() != nil || d.login.err() != nil || d.running {
		return
	}
	user, pw := d.login.user.Text, d.login.password.Text
	env, cam := d.env(), d.cam
	follow := workflow.Follow{Within: d.followFor, Every: d.followEvery, Candidates: Following(d.h)}
	login := workflow.As(workflow.Credentials{User: user, Password: pw})
	d.setFormEnabled(false)
	d.run([]string{cam.MAC}, func(ctx context.Context) func() {
		res, err := workflow.ChangeNetwork(ctx, env, workflow.TargetOf(cam), login, cfg, follow, d.step)
		return func() { d.done(res, err) }
	})
}

// done shows how the change ended. It runs on the Fyne goroutine.
func (d *assignIPDialog) done(res workflow.NetworkResult, err error) {
	if !res.Accepted {
		d.problem.ShowError(err)
		d.setFormEnabled(true)
		d.validate()
		return
	}
	rememberAdminOf(d.h, d.cam.MAC, res.User)
	d.moved = true
	d.primary.Hide()
	d.status.SetText("")
	d.h.Refresh()
	switch {
	case res.Located:
		d.problem.Set(widgets.NoticeSuccess, lang.X("dialog.ip.found", "Done: {{.Camera}} answers at its new address.", map[string]any{"Camera": cameraTitle(d.cam.Model, d.cam.MAC, res.Found.Address())}), "")
	case workflow.KindOf(err) == workflow.NotFound:
		d.problem.ShowWarning(err)
	default:
		d.problem.ShowError(err)
	}
}
