package window

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// The project's pages; About links the licence's own text.
const (
	websiteURL = "https://github.com/openipu/openipu"
	readmeURL  = websiteURL + "#readme"
	licenceURL = websiteURL + "/blob/main/LICENSE"
)

// helpWidth keeps the guide's sentences a comfortable length and fits the
// smallest window.
const helpWidth = 560

// showReadme opens the README in the web browser.
func (w *MainWindow) showReadme() { w.openLink(readmeURL) }

func (w *MainWindow) openLink(raw string) {
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	if err := w.OpenURL(u); err != nil {
		dialog.ShowInformation(lang.X("help.no_browser_title", "The web browser could not be opened"),
			lang.X("help.no_browser", "Open a web browser yourself and type this address:\n{{.URL}}", map[string]any{"URL": raw}), w.win)
	}
}

// link is a web address that opens through the window, like every page
// OpenIPU opens.
func (w *MainWindow) link(text, raw string) *widget.Hyperlink {
	u, _ := url.Parse(raw)
	l := widget.NewHyperlink(text, u)
	l.OnTapped = func() { w.openLink(raw) }
	return l
}

// showAbout says what OpenIPU is, which version this is, under which terms
// and where it lives.
func (w *MainWindow) showAbout() {
	version := w.opts.Version
	if version == "" {
		version = lang.X("about.development_build", "development build")
	}
	bold := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	facts := container.New(layout.NewFormLayout(),
		bold(lang.X("about.version", "Version")), widget.NewLabel(version),
		bold(lang.X("about.licence", "Licence")), w.link(lang.X("about.licence_mit", "MIT licence"), licenceURL),
		bold(lang.X("about.website", "Website")), w.link(websiteURL, websiteURL),
	)
	body := container.NewVBox(
		widgets.Wrapped(lang.X("about.text", "OpenIPU finds Axis network cameras, sets their first password, resets them to factory settings and gives them network addresses.\n\nIt is free, open-source software.")),
		facts,
	)
	w.showReading(lang.X("menu.about", "About OpenIPU"), body)
}

// showGuide is "Getting started": the handover of a site's cameras in five
// steps, in the words the window's buttons use.
func (w *MainWindow) showGuide() {
	step := func(title, text string) fyne.CanvasObject {
		t := widget.NewLabel(title)
		t.TextStyle = fyne.TextStyle{Bold: true}
		return container.NewVBox(t, widgets.Wrapped(text))
	}
	body := container.NewVBox(
		widgets.Wrapped(lang.X("guide.intro", "OpenIPU gets new or forgotten Axis cameras ready to hand over. For each camera:")),
		step(lang.X("guide.find_title", "1. Find the cameras"),
			lang.X("guide.find", "Connect this computer to the cameras' network. OpenIPU lists the cameras it hears by itself. If one is missing, use “Add camera by IP…” or “Scan address range…”.")),
		step(lang.X("guide.reset_title", "2. Reset a camera whose password nobody knows"),
			lang.X("guide.reset", "Choose “Guided factory reset…”: it shows where the camera's button is and how long to hold it, and watches the camera come back.")),
		step(lang.X("guide.password_title", "3. Set the first password"),
			lang.X("guide.password", "Select the camera, or tick several, and choose “Set password…”. Write the password down for whoever takes the cameras over.")),
		step(lang.X("guide.address_title", "4. Give it its address on the site network"),
			lang.X("guide.address", "Choose “Assign IP address…” and type the address the site's network expects for this camera. A camera the list calls “Unreachable” (after a reset it is often on 192.168.0.90) gets “Give this camera an address…”, which reaches it first, then sets its password and its address in one go.")),
		step(lang.X("guide.check_title", "5. Check that it answers"),
			lang.X("guide.check", "The camera's state turns to “Ready”. “Open in web browser” shows its own page, where the rest of its settings are.")),
		widgets.Wrapped(lang.X("guide.more", "Right-click a camera for what can be done with it. When cameras are ticked, the buttons work on the ticked ones and say how many.")),
	)
	w.showReading(lang.X("menu.getting_started", "Getting started"), body)
}

// showReading shows a dialog to read, with one Close button, focused, that
// Enter and Escape press too, wherever the keyboard is.
func (w *MainWindow) showReading(title string, body fyne.CanvasObject) {
	var d *dialog.CustomDialog
	hide := func() { d.Hide() }
	closeButton := widgets.NewEscButton(lang.X("dialog.button.close", "Close"), theme.CancelIcon(), hide, hide)
	closeButton.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, dialogs.Page{Width: helpWidth, MinBody: 120, Body: body}.Build(w.win), w.win)
	d.SetButtons([]fyne.CanvasObject{closeButton})
	giveBack := dialogs.Keys{Escape: hide, Enter: hide, Keep: true}.Take(w.win.Canvas())
	d.SetOnClosed(giveBack)
	d.Show()
	w.win.Canvas().Focus(closeButton)
}
