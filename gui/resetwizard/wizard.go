// Package resetwizard is the guided physical reset: when nobody knows a
// camera's password any more, its control button is the only way back
// (docs/protocol.md, "Physical reset"). The wizard shows each step with a
// picture, counts the seconds the button must be held, watches the network
// for the camera going and coming back, and hands the camera over to Set
// password (and Assign IP address) once it is back in factory state. If it
// does not come back, it says why in terms of what the network shows.
package resetwizard

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// wizardPage is one page of the wizard.
type wizardPage int

const (
	pageChoose wizardPage = iota
	pageBefore
	pageUnplug
	pageButton
	pageHold
	pageWait
	// The outcomes; they carry no step number.
	pageTrouble
	pageBack
	numPages
)

// numSteps counts the pages the user goes through in order.
const numSteps = int(pageWait) + 1

// wizardWidth leaves room for the pictures (480 wide) and a readable line.
const wizardWidth = 680

// The wizard's pace. Each is a field of the wizard so tests can shorten it.
const (
	// wizardPollEvery is how often the wizard reads the camera list.
	wizardPollEvery = 500 * time.Millisecond
	// wizardComeBack is how long after the power comes back the camera has
	// to show up in factory state before the troubleshooter opens: an old
	// manual says the light turns green within a minute, a big PTZ takes
	// longer, and the engine needs time to notice.
	wizardComeBack = 3 * time.Minute
	// wizardRefreshEvery is how often the wizard asks for a new search
	// while it waits, so the camera is heard as soon as it is up.
	wizardRefreshEvery = 20 * time.Second
	// holdSeconds is how long the button is held (15–30 s in the manuals).
	holdSeconds = 30
	// holdAmberAt is when the light can be expected to flash amber.
	holdAmberAt = 15
)

// resetWizard is the guided physical reset. It keeps its widgets as fields
// so tests can reach them. Everything in it runs on the Fyne goroutine; its
// goroutines hand their results over through do.
type resetWizard struct {
	h     dialogs.Host
	power backend.PowerSwitch
	// searching: a search runs, so the wizard can see the camera come and
	// go.
	searching bool
	// do runs a function on the Fyne goroutine: the host's Do, which
	// tests may replace.
	do  func(func())
	now func() time.Time

	pollEvery      time.Duration
	comeBackWithin time.Duration
	refreshEvery   time.Duration
	tickEvery      time.Duration

	ctx    context.Context
	stop   context.CancelFunc
	shown  bool
	closed bool
	// onClose undoes what showing the wizard changed in the window.
	onClose []func()

	dlg     *dialog.CustomDialog
	content *fyne.Container
	stepNo  *widget.Label
	heading *widget.Label
	body    *fyne.Container
	live    *widgets.Notice
	back    *widgets.EscButton
	next    *widgets.EscButton
	cancel  *widgets.EscButton
	page    wizardPage
	pages   [numPages]fyne.CanvasObject
	// focus is what gets the keyboard on each page (Next unless set).
	focus [numPages]fyne.Focusable

	choose  *choosePage
	before  *beforePage
	unplug  *unplugPage
	button  *buttonPage
	count   *holdCountdown
	wait    *waitPage
	trouble *troublePage
	done    *backPage

	// The camera the wizard is about. cam.MAC is "" for "a camera that is
	// not in the list" until one shows up (or its MAC was typed).
	cam       discovery.Device
	notListed bool
	latest    []discovery.Device
	watch     *resetWatch
	view      watchView
	// poweredAt is when the power came back (the countdown started, or the
	// user moved on from the hold page); zero before.
	poweredAt   time.Time
	deadline    time.Time
	lastRefresh time.Time
}

// Show opens the guided physical reset. cam is the camera it is about,
// pre-selected on the first page; the zero Device lets the user choose.
func Show(h dialogs.Host, cam discovery.Device) {
	newResetWizard(h, cam).show()
}

func newResetWizard(h dialogs.Host, cam discovery.Device) *resetWizard {
	wz := &resetWizard{
		h: h, do: h.Do, now: time.Now,
		pollEvery: wizardPollEvery, comeBackWithin: wizardComeBack, refreshEvery: wizardRefreshEvery, tickEvery: time.Second,
	}
	wz.ctx, wz.stop = context.WithCancel(context.Background())
	b := h.Backend()
	wz.searching = b.Discovery != nil
	wz.power = b.Power
	if wz.searching {
		wz.latest = h.Cameras()
	}

	esc := wz.close
	wz.stepNo = widget.NewLabel("")
	wz.heading = widget.NewLabel("")
	wz.heading.TextStyle = fyne.TextStyle{Bold: true}
	wz.heading.SizeName = theme.SizeNameSubHeadingText
	wz.heading.Wrapping = fyne.TextWrapWord
	wz.live = widgets.NewNotice()
	// What the network shows is a sentence of one or two lines.
	wz.live.Reserve(2)
	wz.back = widgets.NewEscButton(lang.X("wizard.back", "Back"), theme.NavigateBackIcon(), wz.goBack, esc)
	wz.next = widgets.NewEscButton(lang.X("wizard.next", "Next"), theme.NavigateNextIcon(), wz.goNext, esc)
	wz.next.Importance = widget.HighImportance
	wz.next.IconPlacement = widget.ButtonIconTrailingText
	wz.cancel = widgets.NewEscButton(lang.X("wizard.cancel", "Cancel"), theme.CancelIcon(), wz.close, esc)

	wz.choose = newChoosePage(wz, cam)
	wz.before = newBeforePage(wz)
	wz.unplug = newUnplugPage(wz)
	wz.button = newButtonPage(wz)
	wz.count = newHoldCountdown(wz)
	wz.wait = newWaitPage(wz)
	wz.trouble = newTroublePage(wz)
	wz.done = newBackPage(wz)
	wz.pages = [numPages]fyne.CanvasObject{
		wz.choose.box, wz.before.box, wz.unplug.box, wz.button.box,
		wz.count.box, wz.wait.box, wz.trouble.box, wz.done.box,
	}
	wz.focus[pageHold] = wz.count.start
	// Next waits for the camera on the wait page; Enter must not land on
	// Cancel.
	wz.focus[pageWait] = wz.wait.stuck
	wz.showSimulation()

	wz.body = container.NewStack()
	wz.content = dialogs.Page{
		Width: wizardWidth, MinBody: 160,
		Header: container.NewVBox(wz.stepNo, wz.heading), Body: wz.body, Footer: []fyne.CanvasObject{wz.live.Box},
		BodyWants: func() float32 {
			if len(wz.body.Objects) == 0 {
				return 0
			}
			return stretchWants(wz.body.Objects[0])
		},
	}.Build(h.Window())
	wz.dlg = dialog.NewCustomWithoutButtons(lang.X("wizard.title", "Guided factory reset"), wz.content, h.Window())
	wz.dlg.SetButtons([]fyne.CanvasObject{wz.buttonBar()})
	wz.dlg.SetOnClosed(wz.closedByDialog)
	wz.goTo(pageChoose)
	return wz
}

// buttonBar lays out Cancel, Back and Next, each as wide as the widest of
// its wordings.
func (wz *resetWizard) buttonBar() *fyne.Container {
	next := []wording{
		{lang.X("wizard.next", "Next"), theme.NavigateNextIcon()},
		{lang.X("wizard.keep_waiting", "Keep waiting"), theme.HistoryIcon()},
	}
	for _, away := range []bool{false, true} {
		text, icon := handOverText(away)
		next = append(next, wording{text, icon})
	}
	widths := []float32{
		widestOf(wz.cancel, wording{lang.X("wizard.cancel", "Cancel"), theme.CancelIcon()}, wording{lang.X("wizard.close", "Close"), theme.CancelIcon()}),
		wz.back.MinSize().Width,
		widestOf(wz.next, next...),
	}
	return container.New(&buttonBar{width: wizardWidth, widths: widths}, wz.cancel, wz.back, wz.next)
}

// holdSize gives the wizard one size for all its pages: what the page that
// needs most would like, as far as the window allows. Its buttons then stay
// put from page to page, and a page that needs less leaves room at its
// bottom, where nothing is.
func (wz *resetWizard) holdSize() {
	dialogs.Hold(wz.content, fyne.Size{})
	var most fyne.Size
	for p := range numPages {
		wz.dress(p)
		// Measured twice: the first lays the page out at the wizard's
		// width, so that the second knows how its sentences wrap.
		dialogs.Natural(wz.content)
		most = most.Max(dialogs.Natural(wz.content))
	}
	wz.dress(wz.page)
	dialogs.Hold(wz.content, most)
}

// show opens the wizard and starts watching the network.
func (wz *resetWizard) show() {
	keys := dialogs.Keys{Escape: wz.close, Enter: func() {
		if !wz.next.Disabled() {
			wz.goNext()
		}
	}}
	wz.onClose = append(wz.onClose, keys.Take(wz.h.Window().Canvas()))
	wz.holdSize()
	wz.dlg.Show()
	wz.shown = true
	wz.focusPage()
	if wz.searching {
		go wz.poll(wz.ctx)
	}
}

func (wz *resetWizard) close() {
	if !wz.closed {
		wz.dlg.Hide()
	}
}

// closedByDialog runs however the dialog goes away.
func (wz *resetWizard) closedByDialog() {
	if wz.closed {
		return
	}
	wz.closed = true
	wz.stop()
	for i := len(wz.onClose) - 1; i >= 0; i-- {
		wz.onClose[i]()
	}
}

// goTo shows a page.
func (wz *resetWizard) goTo(p wizardPage) {
	if p == pageWait && wz.poweredAt.IsZero() {
		wz.poweredUp()
	}
	wz.page = p
	wz.dress(p)
	switch p {
	case pageTrouble:
		wz.trouble.update()
	case pageBack:
		wz.done.update()
	}
	wz.updateButtons()
	wz.updateLive()
	wz.relayout()
	wz.focusPage()
}

// dress shows page p's body and titles, and nothing else of going to it.
func (wz *resetWizard) dress(p wizardPage) {
	wz.body.Objects = []fyne.CanvasObject{wz.pages[p]}
	wz.body.Refresh()
	if p < pageTrouble {
		wz.stepNo.SetText(lang.X("wizard.step", "Step {{.N}} of {{.Of}}", map[string]any{"N": int(p) + 1, "Of": numSteps}))
		wz.stepNo.Show()
	} else {
		wz.stepNo.Hide()
	}
	wz.heading.SetText(wz.pageTitle(p))
}

func (wz *resetWizard) pageTitle(p wizardPage) string {
	switch p {
	case pageChoose:
		return lang.X("wizard.choose.title", "Which camera do you want to reset?")
	case pageBefore:
		return lang.X("wizard.before.title", "Before you start")
	case pageUnplug:
		return lang.X("wizard.unplug.title", "Unplug the camera's power")
	case pageButton:
		return lang.X("wizard.button.title", "Find the control button")
	case pageHold:
		return lang.X("wizard.hold.title", "Hold the button down while you plug the power back in")
	case pageWait:
		return lang.X("wizard.wait.title", "Wait for the camera to start")
	case pageTrouble:
		return lang.X("wizard.trouble.title", "The camera has not come back with factory settings")
	}
	return lang.X("wizard.back_page.title", "Your camera is back, in factory state")
}

// updateButtons words and enables Back, Next and Cancel for the page.
func (wz *resetWizard) updateButtons() {
	p := wz.page
	// On the last page Back would only bounce: the camera is still back.
	widgets.EnableButton(&wz.back.Button, p != pageChoose && p != pageBack)
	next, icon, ok := lang.X("wizard.next", "Next"), theme.NavigateNextIcon(), true
	switch p {
	case pageChoose:
		ok = wz.choose.valid()
	case pageWait:
		ok = false
	case pageTrouble:
		next, icon = lang.X("wizard.keep_waiting", "Keep waiting"), theme.HistoryIcon()
	case pageBack:
		next, icon = wz.done.handOverText()
	}
	if wz.next.Text != next {
		wz.next.SetText(next)
	}
	wz.next.SetIcon(icon)
	widgets.EnableButton(&wz.next.Button, ok)
	cancel := lang.X("wizard.cancel", "Cancel")
	if p == pageBack {
		cancel = lang.X("wizard.close", "Close")
	}
	if wz.cancel.Text != cancel {
		wz.cancel.SetText(cancel)
	}
}

// goNext is Next (and Enter).
func (wz *resetWizard) goNext() {
	if wz.closed || wz.next.Disabled() {
		return
	}
	switch wz.page {
	case pageChoose:
		wz.chosen()
		wz.goTo(pageBefore)
	case pageTrouble:
		wz.keepWaiting()
	case pageBack:
		wz.done.handOver()
	default:
		wz.goTo(wz.page + 1)
	}
}

// goBack is Back.
func (wz *resetWizard) goBack() {
	if wz.closed {
		return
	}
	switch wz.page {
	case pageChoose:
	case pageTrouble, pageBack:
		wz.goTo(pageWait)
	default:
		wz.goTo(wz.page - 1)
	}
}

func (wz *resetWizard) focusPage() {
	if wz.closed || !wz.shown {
		return
	}
	f := wz.focus[wz.page]
	if f == nil {
		f = wz.next
	}
	if wz.page == pageChoose && wz.choose.options.Selected < 0 {
		f = wz.choose.options.Buttons[0] // nothing chosen yet: the list first
	}
	if b, ok := f.(*widgets.EscButton); ok && b.Disabled() {
		f = wz.cancel
	}
	wz.h.Window().Canvas().Focus(f)
}

// relayout lays the wizard out again after parts were shown or hidden,
// within its one size.
func (wz *resetWizard) relayout() {
	if wz.dlg != nil {
		wz.dlg.Refresh()
	}
}

// chosen starts watching for the camera picked on the first page.
func (wz *resetWizard) chosen() {
	cam, notListed := wz.choose.choice()
	if wz.watch != nil && cam.MAC == wz.cam.MAC && notListed == wz.notListed {
		return // the same camera: keep what was seen of it
	}
	wz.cam, wz.notListed = cam, notListed
	wz.watch = newResetWatch(cam.MAC, wz.latest)
	wz.view = wz.watch.observe(wz.latest)
	wz.poweredAt, wz.deadline = time.Time{}, time.Time{}
	wz.before.update()
	wz.button.update()
	wz.showSimulation()
}

// showSimulation offers the simulated physical steps when the camera's
// power can be switched from here.
func (wz *resetWizard) showSimulation() {
	widgets.SetVisible(wz.unplug.simulate, wz.canSimulate())
	widgets.SetVisible(wz.count.simulate, wz.canSimulate())
}

// poweredUp notes that the camera has its power back: the time the
// troubleshooter counts from.
func (wz *resetWizard) poweredUp() {
	wz.poweredAt = wz.now()
	wz.deadline = wz.poweredAt.Add(wz.comeBackWithin)
}

// keepWaiting goes back to waiting, with as long again.
func (wz *resetWizard) keepWaiting() {
	wz.deadline = wz.now().Add(wz.comeBackWithin)
	wz.goTo(pageWait)
}

// startAgain goes back to the first physical step.
func (wz *resetWizard) startAgain() {
	wz.poweredAt, wz.deadline = time.Time{}, time.Time{}
	wz.count.reset()
	wz.goTo(pageUnplug)
}
