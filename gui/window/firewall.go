package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// firewallExplainedKey remembers, in the app's preferences, that the
// explanation of Windows' firewall question was read: it is shown before
// the first search only.
const firewallExplainedKey = "firewall.explained"

// mustExplainFirewall says whether the search waits for the explanation:
// on a computer whose firewall asks (Options.ExplainFirewall), the first
// time, and never for the simulated office, which opens no socket.
func (w *MainWindow) mustExplainFirewall() bool {
	return w.opts.ExplainFirewall && !w.opts.Backend.Simulated &&
		!w.app.Preferences().Bool(firewallExplainedKey)
}

// firewallText says what Windows is about to ask, what to answer and why,
// and what follows from a "no", in the words Windows' own dialogs use.
func firewallText() fyne.CanvasObject {
	bold := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	return container.NewVBox(
		widgets.Wrapped(lang.X("firewall.what", "When OpenIPU starts looking for cameras, Windows will ask whether to “Allow OpenIPU to communicate on these networks”.")),
		bold(lang.X("firewall.answer", "Tick “Private networks” and choose “Allow”.")),
		widgets.Wrapped(lang.X("firewall.why", "Cameras answer OpenIPU's search by sending a message back to this computer, and announce themselves when they start: on UDP port 5353 (mDNS), on UDP port 1900 (SSDP), and to the port OpenIPU searched from, which changes every time. Windows lets those answers in only if you allow it. The site's network is usually a private network; allow public networks only if Windows calls this network public and you trust it.")),
		widgets.Wrapped(lang.X("firewall.refused", "If you do not allow it, cameras that only answer or announce themselves will not show. You can still add a camera by its IP address. To change your answer later: Windows Security › Firewall & network protection › Allow an app through firewall, then tick OpenIPU.")),
	)
}

// explainFirewall shows the explanation before the first search; its one
// button, Continue (and Enter, and Escape: the search starts however the
// explanation is closed), remembers that it was read and calls then.
func (w *MainWindow) explainFirewall(then func()) {
	var d *dialog.CustomDialog
	done := false
	cont := func() {
		if done {
			return
		}
		done = true
		w.app.Preferences().SetBool(firewallExplainedKey, true)
		d.Hide()
		then()
	}
	button := widgets.NewEscButton(lang.X("firewall.continue", "Continue"), theme.NavigateNextIcon(), cont, cont)
	button.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(lang.X("firewall.title", "Windows will ask about its firewall"),
		dialogs.Page{Width: helpWidth, MinBody: 120, Body: firewallText()}.Build(w.win), w.win)
	d.SetButtons([]fyne.CanvasObject{button})
	giveBack := dialogs.Keys{Escape: cont, Enter: cont, Keep: true}.Take(w.win.Canvas())
	d.SetOnClosed(giveBack)
	d.Show()
	w.firewallDialog = d
	w.win.Canvas().Focus(button)
}

// showFirewallHelp is Help → "Windows firewall…": the same explanation, to
// read again.
func (w *MainWindow) showFirewallHelp() {
	w.showReading(lang.X("menu.firewall_title", "Windows firewall"), firewallText())
}
