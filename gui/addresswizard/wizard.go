// Package addresswizard is "Give this camera an address": one guided flow
// for a camera this computer hears but cannot reach — on the factory
// address 192.168.0.90 while the computer is on another network, or with
// only a link-local 169.254.x.x address. It says why in one sentence, offers
// what works on this computer (ARP/Ping; a temporary second address on this
// computer, added for the user when it has the rights and removed
// afterwards, or written out step by step; a direct cable), then sets the
// first password, then the address the camera keeps (fixed or automatic),
// and confirms that the camera answers there.
//
// Everything it does goes through core/workflow, core/hostaddr and the
// backend, so the same flow runs on a site and in the simulated office.
package addresswizard

import (
	"context"
	"net/netip"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// page is one page of the flow, in the order the user meets them.
type page int

const (
	pageHow      page = iota // why it cannot be reached, and the ways to reach it
	pageARPPing              // give it an address by its serial number
	pageSecond               // give this computer a second address (or a cable)
	pagePassword             // its first password
	pageAddress              // the address it keeps
	pageDone                 // it answers there
	numPages
)

// width leaves a command line such as "sudo ip address add … dev enp0s31f6"
// on one line.
const width = 660

// Wizard is the flow for one camera. It keeps its widgets as fields so tests
// can reach them. Everything in it runs on the Fyne goroutine; its work runs
// on goroutines of its own and hands results back through h.Do.
type Wizard struct {
	h   dialogs.Host
	cam discovery.Device

	ctx    context.Context
	stop   context.CancelFunc
	shown  bool
	closed bool
	// running is the work in progress, stopped by Cancel.
	running context.CancelFunc
	onClose []func()

	dlg     *dialog.CustomDialog
	stepNo  *widget.Label
	heading *widget.Label
	body    *fyne.Container
	notice  *widgets.Notice
	status  *widget.Label
	Back    *widgets.EscButton
	Primary *widgets.EscButton
	Cancel  *widgets.EscButton
	page    page
	pages   [numPages]fyne.CanvasObject
	history []page

	how      *howPage
	arp      *arpPage
	second   *secondPage
	password *passwordPage
	address  *addressPage
	done     *donePage

	// reach is where the camera answers now: after ARP/Ping at its new
	// address, after a second address at its old one.
	reach workflow.Target
	// temporary is the address this program added to this computer, to be
	// taken away when the flow ends; tempPrefix is the address, added by
	// this program or by the user. refused: this computer would not let
	// the program add it; addedByHand: the user did, and reached the
	// camera through it, so the last page says how to take it off again.
	temporary   hostaddr.Added
	tempPrefix  netip.Prefix
	refused     bool
	addedByHand bool
	// login is the administrator chosen on the password page, held in
	// memory until the wizard closes, for the address page.
	login workflow.Credentials
	// finalAt is where the camera answered at the end.
	finalAt string
}

// Show opens "Give this camera an address" for cam.
func Show(h dialogs.Host, cam discovery.Device) *Wizard {
	w := newWizard(h, cam)
	w.show()
	return w
}

func newWizard(h dialogs.Host, cam discovery.Device) *Wizard {
	w := &Wizard{h: h, cam: cam}
	w.ctx, w.stop = context.WithCancel(context.Background())
	esc := w.escape

	w.stepNo = widget.NewLabel("")
	w.stepNo.SizeName = theme.SizeNameCaptionText
	w.heading = widget.NewLabel("")
	w.heading.TextStyle = fyne.TextStyle{Bold: true}
	w.heading.SizeName = theme.SizeNameSubHeadingText
	w.heading.Wrapping = fyne.TextWrapWord
	w.notice = widgets.NewNotice()
	// Two lines kept (what went wrong, what to do): the wizard is one
	// size already, and a 600-pixel window needs the room for the page.
	w.notice.Reserve(2)
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.status.Alignment = fyne.TextAlignLeading

	w.Back = widgets.NewEscButton(lang.X("addrwiz.back", "Back"), theme.NavigateBackIcon(), w.goBack, esc)
	w.Primary = widgets.NewEscButton("", nil, w.primary, esc)
	w.Primary.Importance = widget.HighImportance
	w.Cancel = widgets.NewEscButton(lang.X("addrwiz.cancel", "Cancel"), theme.CancelIcon(), w.escape, esc)

	w.how = newHowPage(w)
	w.arp = newARPPage(w)
	w.second = newSecondPage(w)
	w.password = newPasswordPage(w)
	w.address = newAddressPage(w)
	w.done = newDonePage(w)
	w.pages = [numPages]fyne.CanvasObject{w.how.box, w.arp.box, w.second.box, w.password.box, w.address.box, w.done.box}

	// Every page gets the room of the tallest: the wizard keeps one size
	// and its buttons stay where they are from page to page.
	w.body = container.New(&tallestPage{width: width - 3*theme.Padding()})
	for _, p := range w.pages {
		p.Hide()
		w.body.Add(p)
	}
	content := dialogs.Page{
		Width: width, MinBody: 220,
		Header: container.NewVBox(w.stepNo, w.heading),
		Body:   w.body,
		// The progress line and a problem never show at once (work
		// clears the problem, its end clears the progress), so they
		// share one room: a 600-pixel window needs it for the page.
		Footer: []fyne.CanvasObject{container.NewStack(w.notice.Box, w.status)},
	}.Build(h.Window())
	w.dlg = dialog.NewCustomWithoutButtons(lang.X("addrwiz.title", "Give this camera an address"), content, h.Window())
	// The buttons keep their places on every page: fixed widths, so a
	// longer label on the main button moves nothing.
	fixed := func(b fyne.CanvasObject, wd float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(wd, b.MinSize().Height), b)
	}
	w.dlg.SetButtons([]fyne.CanvasObject{container.NewHBox(fixed(w.Cancel, 120), layout.NewSpacer(), fixed(w.Back, 120), fixed(w.Primary, 260))})
	w.dlg.SetOnClosed(w.closedByDialog)
	w.showPage(pageHow)
	return w
}

func (w *Wizard) show() {
	keys := dialogs.Keys{Escape: w.escape, Enter: w.primary}
	w.onClose = append(w.onClose, keys.Take(w.h.Window().Canvas()))
	w.dlg.Show()
	w.shown = true
	w.focus()
}

// escape stops the work in progress first; a second press (or one with
// nothing running) closes the wizard.
func (w *Wizard) escape() {
	if w.running != nil {
		w.running()
		return
	}
	w.dlg.Hide()
}

// closedByDialog runs however the wizard goes away: the work stops, the
// password is forgotten, and an address this program gave this computer is
// taken away again.
func (w *Wizard) closedByDialog() {
	if w.closed {
		return
	}
	w.closed = true
	w.stop()
	w.password.clear()
	w.login = workflow.Credentials{}
	if w.temporary != nil {
		go w.temporary.Remove(context.Background())
		w.temporary = nil
	}
	w.h.SetBusy(w.cam.MAC, false)
	for i := len(w.onClose) - 1; i >= 0; i-- {
		w.onClose[i]()
	}
	w.h.Refresh()
}

// goTo moves on to page p; Back returns to the page left.
func (w *Wizard) goTo(p page) {
	w.history = append(w.history, w.page)
	w.showPage(p)
}

// showPage shows page p.
func (w *Wizard) showPage(p page) {
	w.page = p
	for i, o := range w.pages {
		widgets.SetVisible(o, page(i) == p)
	}
	w.notice.Hide()
	w.status.SetText("")
	w.stepNo.SetText(w.stepText(p))
	w.heading.SetText(w.pageTitle(p))
	switch p {
	case pageHow:
		w.how.enter()
	case pageARPPing:
		w.arp.enter()
	case pageSecond:
		w.second.enter()
	case pagePassword:
		w.password.enter()
	case pageAddress:
		w.address.enter()
	case pageDone:
		w.done.enter()
	}
	w.updateButtons()
	w.focus()
}

// stepText is "Step 2 of 4": reaching the camera is one step, however it
// is done.
func (w *Wizard) stepText(p page) string {
	n := 0
	switch p {
	case pageHow:
		n = 1
	case pageARPPing, pageSecond:
		n = 2
	case pagePassword:
		n = 3
	case pageAddress:
		n = 4
	default:
		return ""
	}
	return lang.X("addrwiz.step", "Step {{.N}} of 4", map[string]any{"N": n})
}

func (w *Wizard) pageTitle(p page) string {
	switch p {
	case pageHow:
		return lang.X("addrwiz.how.title", "This computer cannot reach this camera yet")
	case pageARPPing:
		return lang.X("addrwiz.arp.title", "Give the camera an address by its serial number")
	case pageSecond:
		if w.how.choice() == wayCable {
			return lang.X("addrwiz.cable.title", "Connect this computer straight to the camera")
		}
		return lang.X("addrwiz.second.title", "Give this computer a second address for a while")
	case pagePassword:
		return lang.X("addrwiz.password.title", "Choose the camera's password")
	case pageAddress:
		return lang.X("addrwiz.address.title", "Choose the address the camera keeps")
	}
	return lang.X("addrwiz.done.title", "The camera is ready on your network")
}

func (w *Wizard) goBack() {
	if w.running != nil || len(w.history) == 0 {
		return
	}
	p := w.history[len(w.history)-1]
	w.history = w.history[:len(w.history)-1]
	w.showPage(p)
}

// primary is the main button (and Enter): what it does depends on the page.
func (w *Wizard) primary() {
	if w.Primary.Disabled() || w.running != nil {
		return
	}
	switch w.page {
	case pageHow:
		w.how.next()
	case pageARPPing:
		w.arp.start()
	case pageSecond:
		w.second.primary()
	case pagePassword:
		w.password.start()
	case pageAddress:
		w.address.start()
	case pageDone:
		w.dlg.Hide()
	}
}

// updateButtons labels and enables the buttons for the page and the work.
func (w *Wizard) updateButtons() {
	label, icon, ok := "", fyne.Resource(nil), true
	switch w.page {
	case pageHow:
		label, icon = lang.X("addrwiz.next", "Next"), theme.NavigateNextIcon()
		ok = w.how.ready()
	case pageARPPing:
		label, icon = lang.X("addrwiz.arp.start", "Give it this address"), theme.ConfirmIcon()
		ok = w.arp.ready()
	case pageSecond:
		label, icon = w.second.primaryLabel(), theme.ConfirmIcon()
	case pagePassword:
		label, icon = lang.X("addrwiz.password.start", "Set password"), theme.ConfirmIcon()
		ok = w.password.ready()
	case pageAddress:
		label, icon = lang.X("addrwiz.address.start", "Give it this address"), theme.ConfirmIcon()
		ok = w.address.ready()
	case pageDone:
		label, icon = lang.X("addrwiz.close", "Close"), theme.ConfirmIcon()
	}
	w.Primary.SetText(label)
	w.Primary.SetIcon(icon)
	widgets.EnableButton(&w.Primary.Button, ok && w.running == nil)
	// Back leads to another way of reaching the camera, or to the password
	// of a camera that had one; a password set here is not undone.
	back := w.running == nil && len(w.history) > 0
	switch w.page {
	case pagePassword, pageDone:
		back = false
	case pageAddress:
		back = back && w.password.existing
	}
	widgets.EnableButton(&w.Back.Button, back)
	// On the last page there is nothing left to cancel; the button stays,
	// so that Close is where the main button always was.
	widgets.EnableButton(&w.Cancel.Button, w.page != pageDone)
}

// tallestPage stacks the pages, one shown at a time, at the size of the
// tallest of them, shown or not.
type tallestPage struct{ width float32 }

func (l *tallestPage) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		// A page of wrapped sentences knows its height only at its width.
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *tallestPage) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (w *Wizard) focus() {
	if !w.shown || w.closed {
		// Fyne refuses (and logs) focus on what is not on screen.
		return
	}
	c := w.h.Window().Canvas()
	switch w.page {
	case pageARPPing:
		c.Focus(w.arp.addr)
	case pagePassword:
		c.Focus(w.password.pw)
	default:
		if !w.Primary.Disabled() {
			c.Focus(w.Primary)
		} else {
			c.Focus(w.Cancel)
		}
	}
}

// run does work off the Fyne goroutine: the camera shows as busy in the
// list, the buttons wait, Cancel stops it, and then (on the Fyne
// goroutine) finish is called with what the work returned.
func (w *Wizard) run(work func(ctx context.Context) func()) {
	ctx, cancel := context.WithCancel(w.ctx)
	w.running = cancel
	w.notice.Hide()
	w.updateButtons()
	w.h.SetBusy(w.cam.MAC, true)
	go func() {
		finish := work(ctx)
		w.h.Do(func() {
			cancel()
			w.running = nil
			w.h.SetBusy(w.cam.MAC, false)
			if w.closed {
				return
			}
			w.status.SetText("")
			finish()
			w.updateButtons()
			w.focus()
		})
	}()
}

// say shows what the work is doing; safe from the work's goroutine.
func (w *Wizard) say(text string) {
	w.h.Do(func() {
		if !w.closed {
			w.status.SetText(text)
		}
	})
}

// env is the backend's, with a journal that could not be written shown in
// the wizard, and a password sent without encryption only once the user
// agreed here.
func (w *Wizard) env() workflow.Env {
	env := w.h.Backend().Env
	env.JournalFailed = func(err error) {
		w.h.Do(func() {
			what, next := i18n.ErrorText(err)
			w.notice.Set(widgets.NoticeWarning, what, next)
		})
	}
	env.ConfirmPlainHTTP = func(ctx context.Context, cam *workflow.Camera) bool { return dialogs.AskPlainHTTP(ctx, w.h, cam) }
	return env
}

// sayStep shows a workflow's step; safe from the work's goroutine.
func (w *Wizard) sayStep(p workflow.Progress) { w.say(i18n.Text(p.Message())) }

func (w *Wizard) showError(err error) {
	w.notice.ShowError(err)
}
