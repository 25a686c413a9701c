package resetwizard

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// pictureSize is how large the wizard shows its pictures: the size they
// are drawn for.
var pictureSize = fyne.NewSize(480, 270)

// leastPicture is the smallest the wizard draws a picture, when the window
// is short: a third of its size, at which each is still clear (see
// picture_test.go).
var leastPicture = fyne.NewSize(160, 90)

// picturePage is a page of a picture above objs. The picture shrinks when
// the window is short, so what to press stays in view.
func picturePage(ill assets.Illustration, objs ...fyne.CanvasObject) (*fyne.Container, *pictureView) {
	v := newPictureView(ill, pictureSize).shrinkable(leastPicture)
	return newStretch(v, func() float32 { return v.size.Height }, append([]fyne.CanvasObject{v}, objs...)...), v
}

// waitingPicture is the camera starting up: its status light not lit yet,
// and no tick. The green light means the camera is back, so the wizard
// shows it only once it is.
var waitingPicture = unlit(assets.IllustrationLEDGreen)

// unlit is ill without the status light's own colours and without the
// tick drawn in the primary colour.
func unlit(ill assets.Illustration) assets.Illustration {
	out := assets.Illustration{Name: ill.Name + "-unlit"}
	for _, l := range ill.Layers {
		th, themed := l.(*theme.ThemedResource)
		if themed && th.ThemeColorName() != theme.ColorNamePrimary {
			out.Layers = append(out.Layers, l)
		}
	}
	return out
}

// chooserRows is how many cameras the chooser shows at least before its
// list scrolls.
const chooserRows = 3

// choosePage asks which camera the reset is about.
type choosePage struct {
	wz          *resetWizard
	box         *fyne.Container
	cams        []discovery.Device
	options     *widgets.OptionGroup
	list        *container.Scroll
	notListedAt int
	macBox      *fyne.Container
	mac         *widgets.EscEntry
	macReason   *widget.Label
}

func newChoosePage(wz *resetWizard, pre discovery.Device) *choosePage {
	p := &choosePage{wz: wz, cams: chooserOrder(wz.latest)}
	var labels []string
	selected := -1
	for i, d := range p.cams {
		labels = append(labels, chooserLabel(d))
		if pre.MAC != "" && d.MAC == pre.MAC {
			selected = i
		}
	}
	p.notListedAt = len(labels)
	labels = append(labels, lang.X("wizard.choose.not_listed", "A camera that is not in the list"))
	if len(p.cams) == 0 {
		selected = p.notListedAt
	}
	p.options = widgets.NewOptionGroup(labels, selected, func(int) { p.changed() }, wz.close)

	p.mac = widgets.NewEscEntry(wz.close)
	p.mac.SetPlaceHolder(lang.X("wizard.choose.mac_example", "for example ACCC8E270AD8"))
	p.mac.OnChanged = func(string) { p.changed() }
	p.mac.OnSubmitted = func(string) { wz.goNext() }
	p.macReason = widgets.Reason()
	macNote := widgets.Note(lang.X("wizard.choose.mac_note", "Without it, OpenIPU watches for any camera that comes back with factory settings."))
	p.macBox = container.NewVBox(
		widgets.Wrapped(lang.X("wizard.choose.mac", "Its MAC address, printed on a label on the camera (optional):")),
		p.mac, p.macReason, macNote)

	intro := widgets.Wrapped(lang.X("wizard.choose.intro", "When nobody knows a camera's password any more, its control button resets it to factory settings. Choose the camera, so OpenIPU can watch for it while you work."))
	list := container.NewVBox()
	for _, b := range p.options.Buttons {
		list.Add(b)
	}
	// A long list scrolls within the wizard, under the question and
	// above the MAC address field, which stay in view.
	p.list = container.NewVScroll(list)
	rows := min(chooserRows, len(p.options.Buttons))
	p.list.SetMinSize(fyne.NewSize(0, float32(rows)*(p.options.Buttons[0].MinSize().Height+theme.Padding())-theme.Padding()))
	p.box = newStretch(p.list, func() float32 { return list.MinSize().Height }, intro, p.list, p.macBox)
	p.changed()
	return p
}

// chooserLabel names a camera in the list, with what matters for a reset.
func chooserLabel(d discovery.Device) string {
	title := dialogs.CameraTitle(d)
	switch {
	case d.Lost:
		return lang.X("wizard.choose.lost", "{{.Camera}} — not seen since {{.Since}}", map[string]any{"Camera": title, "Since": d.LastSeen.Format("15:04")})
	case d.Setup == discovery.SetupDone:
		return lang.X("wizard.choose.has_password", "{{.Camera}} — has a password", map[string]any{"Camera": title})
	case d.Setup == discovery.SetupNeeded:
		return lang.X("wizard.choose.needs_password", "{{.Camera}} — already needs a password", map[string]any{"Camera": title})
	}
	return title
}

func (p *choosePage) notListed() bool { return p.options.Selected == p.notListedAt }

func (p *choosePage) typedMAC() (mac string, ok bool) {
	typed := strings.TrimSpace(p.mac.Text)
	if typed == "" {
		return "", true
	}
	mac = macaddr.Normalize(typed)
	return mac, mac != ""
}

func (p *choosePage) valid() bool {
	if p.options.Selected < 0 {
		return false
	}
	_, ok := p.typedMAC()
	return !p.notListed() || ok
}

// choice is the camera chosen. A MAC typed for "not in the list" that is in
// the list after all picks that camera.
func (p *choosePage) choice() (discovery.Device, bool) {
	if !p.notListed() {
		return p.cams[p.options.Selected], false
	}
	mac, _ := p.typedMAC()
	for _, d := range p.cams {
		if mac != "" && d.MAC == mac {
			return d, false
		}
	}
	return discovery.Device{MAC: mac}, true
}

func (p *choosePage) changed() {
	widgets.SetVisible(p.macBox, p.notListed())
	if _, ok := p.typedMAC(); ok {
		widgets.SetReason(p.macReason, "")
	} else {
		widgets.SetReason(p.macReason, lang.X("wizard.choose.bad_mac", "A MAC address is 12 characters, digits and the letters A to F, such as ACCC8E270AD8 or AC:CC:8E:27:0A:D8."))
	}
	if p.wz.choose == p {
		p.wz.updateButtons()
		p.wz.relayout()
		if p.notListed() {
			// The field under the list took some of its room: keep the
			// choice just made, the list's last, in view.
			p.list.ScrollToBottom()
		}
	}
}

// beforePage says what a reset erases and what it takes, and offers the
// software reset to someone who still knows the password.
type beforePage struct {
	wz         *resetWizard
	box        *fyne.Container
	erases     *widget.Label
	soft       *widgets.Notice
	softButton *widgets.EscButton
	softBox    *fyne.Container
}

func newBeforePage(wz *resetWizard) *beforePage {
	p := &beforePage{wz: wz, erases: widgets.Wrapped(""), soft: widgets.NewNotice()}
	access := widgets.Wrapped(lang.X("wizard.before.access", "You need to get to the camera itself: to its power or network cable, and to its control button, which may be under a cover. For a camera up high, bring a ladder; for a dome camera, the tool that opens its cover."))
	p.softButton = widgets.NewEscButton(lang.X("wizard.before.soft_button", "Factory default with a backup…"), apptheme.IconFactory, p.useSoftReset, wz.close)
	p.softBox = container.NewVBox(p.soft.Box, container.NewHBox(p.softButton))
	p.box = container.NewVBox(p.erases, access, p.softBox)
	p.update()
	return p
}

func (p *beforePage) update() {
	cam := p.wz.cam
	who := lang.X("wizard.before.the_camera", "the camera")
	if cam.MAC != "" && !p.wz.notListed {
		who = dialogs.CameraTitle(cam)
	}
	p.erases.SetText(widgets.Bullets(
		lang.X("wizard.before.erases", "A factory reset erases everything on {{.Camera}}:", map[string]any{"Camera": who}),
		lang.X("wizard.before.erases_users", "every user account and password;"),
		lang.X("wizard.before.erases_network", "its network settings, its IP address too;"),
		lang.X("wizard.before.erases_rest", "its certificates, installed apps and every other setting."),
	) + "\n" + lang.X("wizard.before.after", "Afterwards it is like new: it needs a new password and, often, a new address."))
	// Someone who still knows the password can reset from here, and keep a
	// copy of the settings: offer it whenever the camera answers.
	canSoft := !p.wz.notListed && cam.MAC != "" && !cam.Lost && cam.Setup == discovery.SetupDone && cam.Diagnosis.Reach == discovery.ReachOK
	if canSoft {
		p.soft.Set(widgets.NoticeInfo, lang.X("wizard.before.soft", "Do you still know its password? Then you do not need the button."),
			lang.X("wizard.before.soft_next", "Factory default… resets it from here and first saves its settings to a file, so nothing is lost by mistake."))
		p.softBox.Show()
	} else {
		p.softBox.Hide()
	}
}

func (p *beforePage) useSoftReset() {
	cam := p.wz.cam
	p.wz.close()
	dialogs.ShowFactoryDefault(p.wz.h, cam)
}

// unplugPage is the first physical step.
type unplugPage struct {
	box      *fyne.Container
	simulate *widgets.EscButton
}

func newUnplugPage(wz *resetWizard) *unplugPage {
	p := &unplugPage{}
	text := widgets.Wrapped(lang.X("wizard.unplug.text", "If the camera gets its power through its network cable (PoE), unplug that cable, at the camera or at the switch. If it has its own power adapter, unplug the adapter instead. Leave it unplugged: the next steps say when to plug it back in."))
	p.simulate = widgets.NewEscButton(lang.X("wizard.simulate_unplug", "Simulate: unplug the camera"), apptheme.IconPower, wz.simulateUnplug, wz.close)
	p.box, _ = picturePage(assets.IllustrationUnplug, text, container.NewHBox(p.simulate))
	return p
}

// buttonPage shows where the control button may be.
type buttonPage struct {
	wz     *resetWizard
	box    *fyne.Container
	manual *widgets.EscButton
}

func newButtonPage(wz *resetWizard) *buttonPage {
	p := &buttonPage{wz: wz}
	where := widgets.Wrapped(widgets.Bullets(
		lang.X("wizard.button.where", "Where the control button is depends on the model:"),
		lang.X("wizard.button.box", "on the back (box cameras, left);"),
		lang.X("wizard.button.dome", "under the dome cover, which you unscrew or unclip (dome cameras, middle);"),
		lang.X("wizard.button.bullet", "under a small sealed cap or screw plug (bullet cameras, right)."),
	))
	notYet := widgets.Wrapped(lang.X("wizard.button.not_yet", "Do not press it yet. A short press while the camera has power does something else on some models."))
	notYet.TextStyle.Bold = true
	p.manual = widgets.NewEscButton("", apptheme.IconLaunch, p.openManual, wz.close)
	p.manual.Importance = widget.LowImportance
	manualIntro := widgets.Wrapped(lang.X("wizard.button.manual", "Check your model's manual for where it is on yours:"))
	p.box, _ = picturePage(assets.IllustrationButton, where,
		container.NewBorder(nil, nil, nil, p.manual, manualIntro), notYet)
	p.update()
	return p
}

// manualURL is the camera's page on Axis's help site,
// help.axis.com/en-us/axis-<model> (docs/protocol.md, "Physical reset"),
// or the site itself when the model is not known.
func manualURL(model string) string {
	slug := strings.ToLower(strings.TrimSpace(model))
	slug = strings.Join(strings.Fields(slug), "-")
	if slug == "" || strings.ContainsAny(slug, "/?#") {
		return "https://help.axis.com/"
	}
	if !strings.HasPrefix(slug, "axis-") {
		slug = "axis-" + slug
	}
	return "https://help.axis.com/en-us/" + slug
}

func (p *buttonPage) update() {
	u := manualURL(p.wz.cam.Model)
	p.manual.SetText(strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/"))
}

func (p *buttonPage) openManual() {
	u, err := url.Parse(manualURL(p.wz.cam.Model))
	if err != nil {
		return
	}
	if err := p.wz.h.OpenURL(u); err != nil {
		p.wz.live.ShowError(err)
		p.wz.relayout()
	}
}

// waitPage is the camera starting up. Its picture shows the status light
// not lit: nothing has come back yet.
type waitPage struct {
	box     *fyne.Container
	picture *pictureView
	stuck   *widgets.EscButton
}

func newWaitPage(wz *resetWizard) *waitPage {
	p := &waitPage{}
	text := widgets.Wrapped(lang.X("wizard.wait.text", "Let go of the button if you have not. The camera now starts with factory settings: its status light turns green when it is ready, which can take a minute or two. OpenIPU looks for it on the network meanwhile."))
	p.stuck = widgets.NewEscButton(lang.X("wizard.wait.stuck", "It does not come back…"), theme.QuestionIcon(), func() { wz.goTo(pageTrouble) }, wz.close)
	p.stuck.Importance = widget.LowImportance
	p.box, p.picture = picturePage(waitingPicture, text, container.NewHBox(p.stuck))
	return p
}
