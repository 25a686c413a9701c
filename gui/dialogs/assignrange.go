package dialogs

import (
	"cmp"
	"context"
	"net/netip"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// The orders in which cameras take addresses from the range.
const (
	orderListed = iota
	orderMAC
	orderName
)

// rangeInputs is what a plan is made from, so a preview can be matched to
// the form it was made for.
type rangeInputs struct {
	start   netip.Addr
	bits    int
	gateway netip.Addr
	order   int
	skip    bool
}

// assignRangeDialog gives several cameras fixed addresses from a range:
// the plan is previewed first, then applied camera by camera, each
// followed to its new address.
type assignRangeDialog struct {
	*frame
	cams  []discovery.Device
	local []netif.Interface

	intro         *widget.Label
	start         *widgets.EscEntry
	startReason   *widget.Label
	mask          *widgets.EscEntry
	maskReason    *widget.Label
	maskWords     *widget.Label
	maskTech      *widget.Label
	gateway       *widgets.EscEntry
	gatewayReason *widget.Label
	settingsWhy   *widget.Label
	outside       *widgets.Notice
	order         *widgets.OptionGroup
	skipAnswering *widgets.EscCheck
	previewButton *widgets.EscButton
	planHint      *widget.Label
	table         *fyne.Container
	skipped       *widget.Label
	login         *loginFields

	// plan is the previewed plan, for planned; nil until a preview, and
	// again once the form no longer matches it.
	plan    *addrplan.Plan
	planned rangeInputs
	rows    []*bulkRow
	// moved are the cameras that have their new address, by MAC: they
	// are done and left out of the next preview.
	moved map[string]bool

	// inUse knocks at an address; tests replace it with the simulated
	// office's or their own.
	inUse       func(ctx context.Context, a netip.Addr) bool
	followFor   time.Duration
	followEvery time.Duration
}

// ShowAssignRange gives the ticked cameras fixed addresses from a range,
// one after the other, previewing the plan before anything is sent.
func ShowAssignRange(h Host, cams []discovery.Device) {
	d := newAssignRangeDialog(h, cams)
	d.show(d.start)
}

func newAssignRangeDialog(h Host, cams []discovery.Device) *assignRangeDialog {
	b := h.Backend()
	d := &assignRangeDialog{cams: slices.Clone(cams), local: Local(b), moved: map[string]bool{}, inUse: b.AddressInUse, followFor: workflow.FollowWithin}
	if d.inUse == nil {
		d.inUse = func(context.Context, netip.Addr) bool { return false }
	}
	body := container.NewVBox()
	d.frame = newFrame(h, lang.X("dialog.range.title", "Assign addresses from a range"), body,
		i18n.Counted("dialog.range.button", "Apply to 1 camera", "Apply to {{.Count}} cameras", len(cams)), d.apply)
	d.primary.SetIcon(theme.ConfirmIcon())
	esc := d.escape

	d.intro = widgets.Wrapped(i18n.Counted("dialog.range.intro",
		"Give this camera a fixed address from a range. Preview the plan first; nothing is sent until you apply it.",
		"Give these {{.Count}} cameras fixed addresses from a range, one after the other. Preview the plan first; nothing is sent until you apply it.", len(cams)))
	d.start, d.mask, d.gateway = widgets.NewEscEntry(esc), widgets.NewEscEntry(esc), widgets.NewEscEntry(esc)
	d.startReason, d.maskReason, d.gatewayReason, d.settingsWhy = widgets.Reason(), widgets.Reason(), widgets.Reason(), widgets.Reason()
	d.maskWords = widget.NewLabel("")
	d.maskTech = widgets.Note("")
	d.gateway.SetPlaceHolder(lang.X("dialog.field.optional", "optional"))
	d.outside = widgets.NewNotice()
	d.order = widgets.NewOptionGroup([]string{
		lang.X("dialog.range.order_listed", "As listed"),
		lang.X("dialog.range.order_mac", "By MAC address"),
		lang.X("dialog.range.order_name", "By name"),
	}, orderListed, func(int) { d.validate() }, esc)
	d.skipAnswering = widgets.NewEscCheck(lang.X("dialog.range.skip_answering", "Skip addresses that already answer"), nil, esc)
	d.skipAnswering.SetChecked(true)
	d.previewButton = widgets.NewEscButton(lang.X("dialog.range.preview", "Preview"), theme.VisibilityIcon(), d.preview, esc)
	d.planHint = widgets.Wrapped("")
	d.skipped = widgets.Wrapped("")
	d.skipped.Hide()
	d.login = bulkLogin(h, cams, d.submit, esc, d.validate)
	d.prefill(h.Cameras())

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("dialog.range.first", "First address")), container.NewVBox(d.start, d.startReason),
		widget.NewLabel(lang.X("dialog.range.mask", "Subnet mask")), container.NewVBox(
			container.NewGridWithColumns(2, d.mask, container.NewVBox(d.maskWords, d.maskTech)), d.maskReason),
		widget.NewLabel(lang.X("dialog.field.gateway", "Router (gateway)")), container.NewVBox(d.gateway, d.gatewayReason),
		widget.NewLabel(lang.X("dialog.range.order", "Order")), container.NewHBox(d.order.Buttons[0], d.order.Buttons[1], d.order.Buttons[2]),
		layout.NewSpacer(), d.skipAnswering,
	)
	d.table = container.NewVBox()
	scroll := container.NewVScroll(d.table)
	scroll.SetMinSize(fyne.NewSize(0, 200))
	body.Objects = []fyne.CanvasObject{
		d.intro, form, d.settingsWhy, d.outside.Box,
		widget.NewSeparator(),
		d.planHint, scroll, d.skipped,
		widget.NewSeparator(),
		d.login.box,
	}
	d.setButtons(d.previewButton)
	// Wired last: the prefill above must not validate a half-built dialog.
	for _, e := range []*widgets.EscEntry{d.start, d.mask, d.gateway} {
		e.OnChanged = func(string) { d.validate() }
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.skipAnswering.OnChanged = func(bool) { d.validate() }
	d.whenClosed(d.login.clear)
	d.showCameras()
	d.validate()
	return d
}

// prefill suggests carrying on after the highest camera address on this
// computer's network, with that network's mask and its .1 as the gateway,
// as most small sites' routers are.
func (d *assignRangeDialog) prefill(known []discovery.Device) {
	d.mask.SetText(addrplan.MaskText(24))
	p, ok := firstComputerPrefix(d.local)
	if !ok {
		return
	}
	network := p.Masked()
	d.mask.SetText(addrplan.MaskText(p.Bits()))
	var used []netip.Addr
	for _, c := range append(slices.Clone(known), d.cams...) {
		for _, a := range c.Addresses {
			used = append(used, a.Unmap())
		}
	}
	if start, ok := addrplan.SuggestStart(network, used); ok {
		d.start.SetText(start.String())
	}
	d.gateway.SetText(addrplan.Gateway(network).String())
}

// inputs reads the form; each field's problem separately, to show under
// it as the user types.
func (d *assignRangeDialog) inputs() (in rangeInputs, startErr, maskErr, gwErr string) {
	in.order, in.skip = d.order.Selected, d.skipAnswering.Checked
	a, err := netip.ParseAddr(strings.TrimSpace(d.start.Text))
	if err != nil || !a.Is4() {
		startErr = lang.X("dialog.range.bad_start", "Type the first address to give: four numbers from 0 to 255 with dots, such as 192.168.1.50.")
	} else {
		in.start = a
	}
	if bits, err := addrplan.ParseMask(d.mask.Text); err != nil {
		what, next := i18n.ErrorText(err)
		maskErr = what + " " + next
	} else {
		in.bits = bits
	}
	if s := strings.TrimSpace(d.gateway.Text); s != "" {
		g, err := netip.ParseAddr(s)
		if err != nil || !g.Is4() {
			gwErr = lang.X("dialog.range.bad_gateway", "Type the router's IPv4 address, such as 192.168.1.1, or leave it empty.")
		} else {
			in.gateway = g
		}
	}
	return in, startErr, maskErr, gwErr
}

// validate explains each field as it is typed, drops a preview the form no
// longer matches, and enables Preview and Apply when they can run.
func (d *assignRangeDialog) validate() {
	in, startErr, maskErr, gwErr := d.inputs()
	if strings.TrimSpace(d.start.Text) == "" {
		startErr = ""
	}
	widgets.SetReason(d.startReason, startErr)
	widgets.SetReason(d.maskReason, maskErr)
	widgets.SetReason(d.gatewayReason, gwErr)
	d.maskWords.SetText("")
	d.maskTech.SetText("")
	if maskErr == "" {
		d.maskTech.SetText(lang.X("dialog.range.prefix", "/{{.Bits}} prefix", map[string]any{"Bits": in.bits}))
		if in.start.IsValid() {
			network := netip.PrefixFrom(in.start, in.bits).Masked()
			if lead, ok := addrplan.Leading(network); ok {
				d.maskWords.SetText(lang.X("dialog.range.starting_with", "Addresses starting with {{.Lead}}", map[string]any{"Lead": lead}))
			} else {
				d.maskWords.SetText(lang.X("dialog.range.from_to", "Addresses {{.First}} to {{.Last}}", map[string]any{"First": network.Addr().Next().String(), "Last": addrplan.Broadcast(network).Prev().String()}))
			}
		}
	}
	ok := in.start.IsValid() && maskErr == "" && gwErr == ""
	whole := ""
	if ok {
		cfg := vapix.NetworkConfig{Address: netip.PrefixFrom(firstGiven(in), in.bits), Gateway: in.gateway}
		if err := cfg.Validate(); err != nil {
			p, _ := usermsg.Explain(err)
			whole, _ = i18n.ProblemText(p)
			ok = false
		}
	}
	widgets.SetReason(d.settingsWhy, whole)
	d.outside.Hide()
	if ok && !onComputerNetwork(d.local, in.start) {
		nets := ComputerNetworks(d.local)
		d.outside.Set(widgets.NoticeWarning, lang.X("dialog.range.outside", "{{.Addr}} is not on this computer's network ({{.Computer}}).", map[string]any{"Addr": in.start.String(), "Computer": nets}),
			lang.X("dialog.range.outside_next", "After the change this computer cannot reach the cameras, so it cannot check that they answer at their new addresses. Choose addresses on {{.Computer}} unless you mean to.", map[string]any{"Computer": nets}))
	}
	if d.plan != nil && (!ok || in != d.planned) && !d.running {
		d.dropPlan()
	}
	left := d.planLeft()
	widgets.SetVisible(d.primary, len(d.remaining()) > 0)
	if ok && !d.running && len(d.remaining()) > 0 {
		d.previewButton.Enable()
	} else {
		d.previewButton.Disable()
	}
	if d.plan != nil && len(left) > 0 && d.login.err() == nil && !d.running {
		d.primary.Enable()
	} else {
		d.primary.Disable()
	}
	if d.plan != nil {
		d.primary.SetText(i18n.Counted("dialog.range.button", "Apply to 1 camera", "Apply to {{.Count}} cameras", len(left)))
	}
	d.login.check()
	d.relayout()
}

// firstGiven is the first address of the range a camera could get: a
// start on the network's own address or the gateway is fine for a range,
// which passes over them, though no camera may have either.
func firstGiven(in rangeInputs) netip.Addr {
	a := in.start
	network := netip.PrefixFrom(a, in.bits).Masked().Addr()
	for range 2 {
		if a == network || a == in.gateway {
			a = a.Next()
		}
	}
	return a
}

func (d *assignRangeDialog) submit() {
	switch {
	case !d.primary.Disabled():
		d.apply()
	case d.plan == nil && !d.previewButton.Disabled():
		d.preview()
	}
}

// remaining are the cameras still without their new address, in the
// chosen order.
func (d *assignRangeDialog) remaining() []discovery.Device {
	var left []discovery.Device
	for _, c := range d.cams {
		if !d.moved[c.MAC] {
			left = append(left, c)
		}
	}
	switch d.order.Selected {
	case orderMAC:
		slices.SortStableFunc(left, func(a, b discovery.Device) int {
			return cmp.Compare(macaddr.Normalize(a.MAC), macaddr.Normalize(b.MAC))
		})
	case orderName:
		slices.SortStableFunc(left, func(a, b discovery.Device) int {
			return cmp.Compare(strings.ToLower(nameOf(a)), strings.ToLower(nameOf(b)))
		})
	}
	return left
}

// nameOf is what "by name" sorts on: the camera's own name, else its model
// and MAC as the list shows them.
func nameOf(d discovery.Device) string {
	if d.Name != "" {
		return d.Name
	}
	return CameraName(d)
}

// planLeft are the previewed rows that still need their address.
func (d *assignRangeDialog) planLeft() []*bulkRow {
	if d.plan == nil {
		return nil
	}
	return rowsLeft(d.rows)
}

// showCameras lists the cameras before a preview, or after it was dropped.
func (d *assignRangeDialog) showCameras() {
	d.rows = nil
	d.table.Objects = nil
	for _, c := range d.cams {
		r := newBulkRow(c, "")
		if d.moved[c.MAC] {
			r.show(rowDone, lang.X("dialog.range.row_moved", "Now at {{.Addr}}", map[string]any{"Addr": CameraAddress(c)}), "")
		}
		d.table.Add(r.box)
	}
	d.table.Refresh()
	d.planHint.SetText(lang.X("dialog.range.preview_first", "Press Preview to see which camera gets which address."))
	widgets.SetReason(d.skipped, "")
}

func (d *assignRangeDialog) dropPlan() {
	d.plan = nil
	d.problem.Hide()
	d.showCameras()
}

// preview makes the plan off the Fyne goroutine: knocking at addresses
// takes a moment on a real network.
func (d *assignRangeDialog) preview() {
	in, startErr, maskErr, gwErr := d.inputs()
	cams := d.remaining()
	if startErr+maskErr+gwErr != "" || d.running || len(cams) == 0 {
		return
	}
	req := addrplan.Request{Start: in.start, Bits: in.bits, Gateway: in.gateway, Holders: map[netip.Addr]string{}}
	for _, c := range cams {
		req.Cameras = append(req.Cameras, c.MAC)
	}
	for _, c := range d.cams {
		for _, a := range c.Addresses {
			req.Holders[a.Unmap()] = c.MAC
		}
	}
	for _, i := range netif.Usable(d.local) {
		for _, p := range i.Prefixes {
			req.Computer = append(req.Computer, p.Addr().Unmap())
		}
	}
	inUse := d.inUse
	d.setFormEnabled(false)
	d.status.SetText(lang.X("dialog.range.checking", "Checking which addresses already answer…"))
	d.run(nil, func(ctx context.Context) func() {
		if in.skip {
			req.InUse = func(a netip.Addr) bool { return ctx.Err() == nil && inUse(ctx, a) }
		}
		plan, err := addrplan.Make(req)
		stopped := ctx.Err() != nil
		return func() {
			d.status.SetText("")
			d.setFormEnabled(true)
			if stopped {
				d.validate()
				return
			}
			d.showPlan(in, cams, plan, err)
		}
	})
}

// showPlan lists camera → new address and the addresses passed over. A
// range that runs out shows what it could plan, with why, and cannot be
// applied.
func (d *assignRangeDialog) showPlan(in rangeInputs, cams []discovery.Device, plan addrplan.Plan, err error) {
	byMAC := map[string]discovery.Device{}
	for _, c := range cams {
		byMAC[c.MAC] = c
	}
	d.rows = nil
	d.table.Objects = nil
	for _, a := range plan.Assignments {
		r := newBulkRow(byMAC[a.MAC], "")
		r.target = a.Addr
		r.show(rowWaiting, lang.X("dialog.range.row_planned", "To {{.Addr}}", map[string]any{"Addr": a.Addr.String()}), "")
		if a.Stays {
			widgets.SetReason(r.detail, lang.X("dialog.range.row_stays", "Already at this address; it is made fixed."))
		}
		d.rows = append(d.rows, r)
		d.table.Add(r.box)
	}
	d.table.Refresh()
	var lines []string
	for _, s := range plan.Skipped {
		lines = append(lines, lang.X("dialog.range.skipped_line", "{{.Addr}}: {{.Why}}", map[string]any{"Addr": s.Addr.String(), "Why": skipWhy(s, byMAC)}))
	}
	if len(lines) > 0 {
		widgets.SetReason(d.skipped, widgets.Bullets(lang.X("dialog.range.skipped", "Passed over:"), lines...))
		d.skipped.Importance = widget.MediumImportance
		d.skipped.Refresh()
	} else {
		widgets.SetReason(d.skipped, "")
	}
	if err != nil {
		d.plan = nil
		d.planHint.SetText("")
		d.problem.ShowError(err)
		d.validate()
		return
	}
	d.plan, d.planned = &plan, in
	d.problem.Hide()
	d.planHint.SetText(lang.X("dialog.range.plan", "The plan. Nothing has been sent yet:"))
	d.validate()
}

// skipWhy says in words why the plan passed over an address.
func skipWhy(s addrplan.Skip, cams map[string]discovery.Device) string {
	switch s.Reason {
	case addrplan.NetworkAddress:
		return lang.X("dialog.range.why_network", "the network's own address")
	case addrplan.BroadcastAddress:
		return lang.X("dialog.range.why_broadcast", "the network's broadcast address")
	case addrplan.ComputerAddress:
		return lang.X("dialog.range.why_computer", "this computer")
	case addrplan.GatewayAddress:
		return lang.X("dialog.range.why_gateway", "the gateway")
	case addrplan.OtherCamera:
		return lang.X("dialog.range.why_camera", "{{.Camera}} is there now", map[string]any{"Camera": CameraName(cams[s.MAC])})
	}
	return lang.X("dialog.range.why_answers", "something already answers")
}

func (d *assignRangeDialog) setFormEnabled(on bool) {
	for _, e := range []*widgets.EscEntry{d.start, d.mask, d.gateway} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	d.order.SetEnabled(on)
	if on {
		d.skipAnswering.Enable()
	} else {
		d.skipAnswering.Disable()
	}
	d.login.setEnabled(on)
}

// apply applies the previewed plan: each camera gets its address and is
// followed there. Just before a camera is changed its new address is
// knocked at once more; something that answers now stops that camera,
// not the others.
func (d *assignRangeDialog) apply() {
	todo := d.planLeft()
	if d.plan == nil || d.login.err() != nil || d.running || len(todo) == 0 {
		return
	}
	login := workflow.As(workflow.Credentials{User: d.login.user.Text, Password: d.login.password.Text})
	env, in, inUse := d.envForMany(), d.planned, d.inUse
	follow := workflow.Follow{Within: d.followFor, Every: d.followEvery}
	for _, r := range todo {
		r.show(rowWaiting, lang.X("dialog.range.row_planned", "To {{.Addr}}", map[string]any{"Addr": r.target.String()}), "")
	}
	d.setFormEnabled(false)
	d.problem.Hide()
	d.status.SetText(bulkCount(0, len(todo)))
	var finished atomic.Int32
	d.runRows(todo, lang.X("dialog.bulk.stopped", "Stopped: not sent"), func(ctx context.Context, r *bulkRow) {
		defer func() {
			n := int(finished.Add(1))
			d.ui(func() { d.status.SetText(bulkCount(n, len(todo))) })
		}()
		addr := r.target
		own := slices.ContainsFunc(r.cam.Addresses, func(a netip.Addr) bool { return a.Unmap() == addr })
		if in.skip && !own && inUse(ctx, addr) {
			d.ui(func() {
				r.show(rowFailed, lang.X("dialog.range.row_taken", "Address taken"),
					lang.X("dialog.range.row_taken_why", "Something started answering at {{.Addr}} after the preview. This camera was left as it was; preview again to give it another address.", map[string]any{"Addr": addr.String()}))
			})
			return
		}
		cfg := vapix.NetworkConfig{Address: netip.PrefixFrom(addr, in.bits), Gateway: in.gateway}
		res, err := workflow.ChangeNetwork(ctx, env, workflow.TargetOf(r.cam), login, cfg, follow, func(p workflow.Progress) {
			words := rangeStepWords(p)
			d.ui(func() { r.show(rowWorking, words, "") })
		})
		d.ui(func() { d.showMoved(r, res, err) })
	}, d.finish)
}

// rangeStepWords is a change of address as a row's short status.
func rangeStepWords(p workflow.Progress) string {
	switch p.Step {
	case workflow.StepSending:
		return lang.X("dialog.range.row_sending", "Sending the address…")
	case workflow.StepFollowing:
		return lang.X("dialog.range.row_following", "Looking for it at {{.Addr}}… {{.Seconds}} s", map[string]any{"Addr": p.Addr.String(), "Seconds": int(p.Elapsed.Seconds())})
	}
	return lang.X("dialog.bulk.row_logging_in", "Logging in…")
}

// showMoved puts one camera's outcome in its row; a camera found at its
// new address is known there from now on.
func (d *assignRangeDialog) showMoved(r *bulkRow, res workflow.NetworkResult, err error) {
	if res.Accepted {
		rememberAdminOf(d.h, r.cam.MAC, res.User)
	}
	switch {
	case res.Located:
		d.moved[r.cam.MAC] = true
		d.relocate(r.cam.MAC, r.target)
		r.cam = atAddress(r.cam, r.target)
		r.show(rowDone, lang.X("dialog.range.row_moved", "Now at {{.Addr}}", map[string]any{"Addr": r.target.String()}), "")
	case res.Accepted:
		// Sent and taken: the camera is on its way there, and trying again
		// would only knock at the old address.
		d.moved[r.cam.MAC] = true
		d.relocate(r.cam.MAC, r.target)
		r.show(rowUnsure, lang.X("dialog.range.row_not_found", "Sent; not found yet"), problemSentence(err))
	default:
		r.show(failedState(err), failedWords(err), problemSentence(err))
	}
}

// relocate notes a camera's new address in the dialog's own list, for the
// next preview's "a camera is there now".
func (d *assignRangeDialog) relocate(mac string, a netip.Addr) {
	for i, c := range d.cams {
		if c.MAC == mac {
			d.cams[i] = atAddress(c, a)
		}
	}
}

// finish sums the run up. It runs on the Fyne goroutine.
func (d *assignRangeDialog) finish() {
	d.status.SetText("")
	d.setFormEnabled(true)
	d.summarise(d.rows,
		i18n.Counted("dialog.range.all_moved", "The camera answers at its new address.", "All {{.Count}} cameras answer at their new addresses.", len(d.rows)),
		lang.X("dialog.range.some", "{{.Done}} of {{.N}} cameras answer at their new addresses. The list says what happened to the others.", map[string]any{"Done": countDone(d.rows), "N": len(d.rows)}))
	d.validate()
	d.h.Refresh()
}
