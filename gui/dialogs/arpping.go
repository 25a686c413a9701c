package dialogs

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// "Give an address by serial number" (ARP/Ping): for a camera this computer sees
// on the factory address or a link-local one but cannot reach. A static
// neighbour entry sends the chosen address to the camera's MAC, and
// 408-byte pings in the first minutes after the camera powers up make it
// take the address (core/arpping). It needs administrator rights and the
// same network segment, so the dialog checks first and offers the other
// ways when it cannot.

// arpPingDialog gives a camera an address by its MAC.
type arpPingDialog struct {
	*frame
	cam        discovery.Device
	local      []netif.Interface
	afterReset bool
	pinger     workflow.ARPPinger
	// window bounds the attempt (arpping's default in the app).
	window time.Duration

	how           *widget.Label
	ifaces        []netif.Interface
	iface         *widgets.OptionGroup
	address       *widgets.EscEntry
	addressReason *widget.Label
	availability  *widgets.Notice
	alternatives  *widget.Label
	inUse         *widgets.Notice
	setPassword   *widgets.EscButton
	// possible is what the backend said of the chosen connection.
	possible bool

	// The "already answers" check, as in Assign IP address.
	takenCheck

	assigned netip.Addr
}

// ShowARPPing opens "Give an address by serial number" for a camera.
// afterReset says the camera was just reset, so Set password follows.
func ShowARPPing(h Host, cam discovery.Device, afterReset bool) {
	d := newARPPingDialog(h, cam, afterReset)
	d.show(d.address)
}

func newARPPingDialog(h Host, cam discovery.Device, afterReset bool) *arpPingDialog {
	d := &arpPingDialog{
		cam: cam, local: Local(h.Backend()), afterReset: afterReset, pinger: h.Backend().ARPPing,
		window: arpping.DefaultWindow, takenCheck: newTakenCheck(h.Backend().AddressInUse),
	}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("arpping_dialog.title", "Give an address by serial number"), body,
		lang.X("arpping_dialog.start", "Start"), d.start)
	d.primary.SetIcon(apptheme.IconNetwork)
	esc := d.escape

	mac := cam.MAC
	if mac == "" {
		mac = "?"
	}
	// The method's name means nothing to most users, but installers look
	// for it, and Axis's own tools call it that.
	term := widgets.Wrapped(lang.X("arpping_dialog.term", "(ARP/Ping)"))
	term.SizeName = theme.SizeNameCaptionText
	intro := widgets.Wrapped(lang.X("arpping_dialog.intro", "Give {{.Camera}} an address on this computer's network by its serial number, {{.MAC}}. This works even though this computer cannot reach the camera where it is now.",
		map[string]any{"Camera": CameraTitle(cam), "MAC": mac}))
	d.how = widgets.Wrapped(widgets.Bullets(
		lang.X("arpping_dialog.how", "This computer sends the new address straight to the camera's MAC address. The camera takes it only:"),
		lang.X("arpping_dialog.how_boot", "in the first 2 minutes after it is switched on: press Start, then unplug the camera's power and plug it back in (not needed if it was switched on less than a minute ago);"),
		lang.X("arpping_dialog.how_segment", "from this computer's own network, with no router in between, and usually not over Wi-Fi;"),
		lang.X("arpping_dialog.how_hardened", "if this has not been switched off on the camera, as a camera set up for high security may have it."),
	) + "\n" + lang.X("arpping_dialog.admin", "It needs administrator rights on this computer."))

	for _, i := range netif.Usable(d.local) {
		if len(routablePrefixes(i)) > 0 {
			d.ifaces = append(d.ifaces, i)
		}
	}
	var labels []string
	selected := 0
	for n, i := range d.ifaces {
		labels = append(labels, interfaceTitle(i))
		if slices.Contains(cam.Interfaces, i.Name) {
			selected = n
		}
	}
	d.iface = widgets.NewOptionGroup(labels, selected, func(int) { d.checkAvailable(); d.validate() }, esc)
	ifaceBox := container.NewVBox(widget.NewLabel(lang.X("arpping_dialog.connection", "Through this network connection:")))
	for _, b := range d.iface.Buttons {
		ifaceBox.Add(b)
	}

	d.address = widgets.NewEscEntry(esc)
	d.address.OnChanged = func(string) { d.validate() }
	d.address.OnSubmitted = func(string) { d.submit() }
	d.addressReason = widgets.Reason()
	d.availability, d.inUse = widgets.NewNotice(), widgets.NewNotice()
	d.alternatives = widgets.Wrapped(widgets.Bullets(
		lang.X("arpping_dialog.other_ways", "Other ways to reach the camera, without administrator rights:"),
		lang.X("arpping_dialog.other_second", "give this computer a second address on the camera's network (for a camera on 192.168.0.90, for example 192.168.0.100 with subnet mask 255.255.255.0), or let “Give this camera an address…” do it for you and take it away afterwards;"),
		lang.X("arpping_dialog.other_cable", "or connect this computer with a cable straight to the camera or its switch, so it takes an automatic address starting with 169.254. too, and search again."),
	))
	d.alternatives.Hide()
	d.setPassword = widgets.NewEscButton(lang.X("action.set_password", "Set password…"), apptheme.IconKey, d.setPasswordNow, esc)
	d.setPassword.Importance = widget.HighImportance

	body.Objects = []fyne.CanvasObject{
		term, intro, d.how,
		widget.NewSeparator(),
		ifaceBox,
		container.New(layout.NewFormLayout(), widget.NewLabel(lang.X("arpping_dialog.address", "New IP address")), container.NewVBox(d.address, d.addressReason)),
		d.availability.Box, d.alternatives, d.inUse.Box,
	}
	d.prefillExample()
	d.checkAvailable()
	d.validate()
	return d
}

// routablePrefixes are a connection's IPv4 networks a camera can be moved
// to: not the automatic 169.254 ones, which ARP/Ping does not hand out.
func routablePrefixes(i netif.Interface) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range i.Prefixes {
		if p.Addr().Is4() && !p.Addr().IsLinkLocalUnicast() {
			out = append(out, p)
		}
	}
	return out
}

func (d *arpPingDialog) chosenInterface() (netif.Interface, bool) {
	if d.iface.Selected < 0 || d.iface.Selected >= len(d.ifaces) {
		return netif.Interface{}, false
	}
	return d.ifaces[d.iface.Selected], true
}

// prefillExample suggests the kind of address wanted without choosing one:
// only the user knows which addresses are free.
func (d *arpPingDialog) prefillExample() {
	i, ok := d.chosenInterface()
	if !ok {
		return
	}
	p := routablePrefixes(i)[0].Masked()
	example := p.Addr()
	for range 50 {
		example = example.Next()
	}
	if p.Contains(example) {
		d.address.SetPlaceHolder(lang.X("dialog.ip.example", "for example {{.Addr}}", map[string]any{"Addr": example.String()}))
	}
}

// checkAvailable asks, for the chosen connection, whether this computer
// can do it, and explains when not.
func (d *arpPingDialog) checkAvailable() {
	i, ok := d.chosenInterface()
	if !ok {
		d.possible = false
		d.availability.Set(widgets.NoticeWarning, lang.X("arpping_dialog.no_connection", "This computer has no network connection with an address a camera could be given."), "")
		d.alternatives.Show()
		return
	}
	possible, msg := false, usermsg.Message{Key: "arpping_dialog.not_offered", Text: "This way of giving an address is not offered here."}
	if d.pinger != nil {
		possible, msg = d.pinger.Available(i.Name)
	}
	d.possible = possible
	if possible {
		d.availability.Set(widgets.NoticeInfo, i18n.Text(msg), "")
		d.alternatives.Hide()
		d.how.Show()
		return
	}
	// How it works matters little when it cannot work here; the other
	// ways do.
	d.availability.Set(widgets.NoticeWarning, lang.X("arpping_dialog.not_possible", "OpenIPU cannot give the camera an address this way here."), i18n.Text(msg))
	d.alternatives.Show()
	d.how.Hide()
}

// addressProblem says what is wrong with the typed address for the chosen
// connection, or "" when it can be used.
func (d *arpPingDialog) addressProblem() (netip.Addr, string) {
	s := strings.TrimSpace(d.address.Text)
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, lang.X("dialog.ip.bad_address", "Type an IPv4 address: four numbers from 0 to 255 with dots, such as 192.168.1.50.")
	}
	i, ok := d.chosenInterface()
	if !ok {
		return a, ""
	}
	args := map[string]any{"Addr": a.String(), "Interface": i.Name}
	for _, p := range routablePrefixes(i) {
		if !p.Masked().Contains(a) {
			continue
		}
		switch {
		case a == p.Addr():
			return a, lang.X("arpping_dialog.own_address", "{{.Addr}} is this computer's own address. Choose a free one.", args)
		case p.Bits() <= 30 && (a == p.Masked().Addr() || a == addrplan.Broadcast(p)):
			return a, lang.X("arpping_dialog.reserved", "{{.Addr}} is the network's own address, not one a device can have. Choose another.", args)
		}
		return a, ""
	}
	var nets []string
	for _, p := range routablePrefixes(i) {
		nets = append(nets, NetworkWords(p))
	}
	args["Network"] = strings.Join(nets, lang.X("network.or", " or "))
	return a, lang.X("arpping_dialog.outside", "{{.Addr}} is not on the network of {{.Interface}} ({{.Network}}). This way the camera can only be given an address on this computer's own network.", args)
}

func (d *arpPingDialog) validate() {
	empty := strings.TrimSpace(d.address.Text) == ""
	a, problem := d.addressProblem()
	if empty {
		problem = ""
	}
	widgets.SetReason(d.addressReason, problem)
	d.inUse.Hide()
	usable := !empty && problem == ""
	if usable {
		d.checkTaken(a)
	}
	if usable && d.possible && !d.taken && !d.running && !d.assigned.IsValid() {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	d.relayout()
}

// checkTaken knocks at the typed address: ARP/Ping refuses an address that
// answers, so the dialog says it before Start.
func (d *arpPingDialog) checkTaken(a netip.Addr) {
	d.takenCheck.checkTaken(d.ctx, a, d.ui, func() {
		if cur, problem := d.addressProblem(); problem == "" && cur == a {
			d.showTaken(a)
			d.primary.Disable()
			d.relayout()
		}
	})
}

func (d *arpPingDialog) showTaken(a netip.Addr) {
	d.inUse.Set(widgets.NoticeError, lang.X("arpping_dialog.taken", "Something already answers at {{.Addr}}.", map[string]any{"Addr": a.String()}),
		lang.X("arpping_dialog.taken_next", "Choose an address nobody uses: two devices on one address disturb each other."))
}

func (d *arpPingDialog) submit() {
	if !d.primary.Disabled() {
		d.start()
	}
}

func (d *arpPingDialog) setFormEnabled(on bool) {
	d.iface.SetEnabled(on)
	if on {
		d.address.Enable()
	} else {
		d.address.Disable()
	}
}

func (d *arpPingDialog) start() {
	a, problem := d.addressProblem()
	i, ok := d.chosenInterface()
	if problem != "" || !ok || !d.possible || d.taken || d.running {
		return
	}
	req := arpping.Request{MAC: d.cam.MAC, Addr: a, Interface: i.Name, Window: d.window}
	env, pinger := d.env(), d.pinger
	d.setFormEnabled(false)
	d.run([]string{d.cam.MAC}, func(ctx context.Context) func() {
		err := workflow.AssignByMAC(ctx, env, pinger, req, func(p arpping.Progress) { d.say(arpProgressText(p, req)) })
		return func() {
			d.h.Refresh()
			if err != nil {
				d.problem.ShowError(err)
				if k := arpping.KindOf(err); k == arpping.NeedsAdmin || k == arpping.NotPossible {
					d.alternatives.Show()
				}
				d.setFormEnabled(true)
				d.validate()
				return
			}
			d.assigned = a
			d.status.SetText("")
			d.primary.Hide()
			next := lang.X("arpping_dialog.done_next", "The camera list is searching again and shows the camera at its new address in a moment.")
			if d.offerPassword() {
				next = lang.X("arpping_dialog.done_password", "Next, give it its administrator password.")
				d.setButtons(d.setPassword)
				d.h.Window().Canvas().Focus(d.setPassword)
			}
			d.problem.Set(widgets.NoticeSuccess, lang.X("arpping_dialog.done", "The camera took the address {{.Addr}}.", map[string]any{"Addr": a.String()}), next)
		}
	})
}

// offerPassword: a camera just reset, or not known to have a password,
// goes on to Set password.
func (d *arpPingDialog) offerPassword() bool {
	return d.afterReset || d.cam.Setup != discovery.SetupDone
}

// arpProgressText says where the assignment is, and what the user does
// meanwhile.
func arpProgressText(p arpping.Progress, req arpping.Request) string {
	args := map[string]any{"Addr": req.Addr.String(), "MAC": req.MAC, "Attempt": p.Attempt, "Seconds": int(p.Remaining.Round(time.Second) / time.Second)}
	switch p.Step {
	case arpping.StepNeighbour:
		return lang.X("arpping_dialog.progress_ready", "Ready. Now unplug the camera's power and plug it back in.", args)
	case arpping.StepPing:
		return lang.X("arpping_dialog.progress_ping", "Calling the camera at {{.Addr}} ({{.Attempt}})… {{.Seconds}} s left. Unplug its power and plug it back in if you have not yet.", args)
	case arpping.StepAnswered:
		return lang.X("arpping_dialog.progress_answered", "The camera answers at {{.Addr}}.", args)
	case arpping.StepCleanedUp:
		return lang.X("arpping_dialog.progress_cleaned_up", "Tidying up this computer's temporary entry…", args)
	}
	return i18n.Text(p.Message)
}

// setPasswordNow hands the camera, at its new address, to Set password.
func (d *arpPingDialog) setPasswordNow() {
	cam := atAddress(d.cam, d.assigned)
	if now := latestOf(d.h, d.cam); slices.Contains(now.Addresses, d.assigned) {
		cam = now
	}
	d.close()
	HandOverToSetPassword(d.h, cam)
}
