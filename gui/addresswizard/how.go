package addresswizard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// way is how this computer reaches the camera.
type way int

const (
	wayARPPing way = iota // the camera takes an address on this computer's network
	waySecond             // this computer takes an address on the camera's network
	wayCable              // the same, through a cable straight to the camera
)

// howPage says why the camera cannot be reached and offers the ways that
// work on this computer, the easiest first.
type howPage struct {
	w       *Wizard
	box     *fyne.Container
	why     *widget.Label
	ways    []way
	options *widgets.OptionGroup
	arpNote *widget.Label
}

func newHowPage(w *Wizard) *howPage {
	p := &howPage{w: w}
	cam := w.cam
	p.why = widgets.Wrapped(whySentence(cam))
	explain := widgets.Wrapped(lang.X("addrwiz.how.explain",
		"Before it can get a password and an address on your network, this computer has to reach it once. Choose how:"))

	var labels []string
	pinger := w.h.Backend().ARPPing
	iface := w.iface()
	arpOK := false
	if pinger != nil {
		ok, msg := pinger.Available(iface)
		arpOK = ok
		p.arpNote = widgets.Note(lang.X("addrwiz.how.arp_not_here", "Giving it an address by its serial number is not possible here: {{.Why}}", map[string]any{"Why": i18n.Text(msg)}))
		widgets.SetVisible(p.arpNote, !ok)
	}
	if arpOK {
		p.ways = append(p.ways, wayARPPing)
		labels = append(labels, lang.X("addrwiz.how.arp", "Give the camera an address on this computer's network, by its serial number"))
	}
	p.ways = append(p.ways, waySecond, wayCable)
	labels = append(labels,
		lang.X("addrwiz.how.second", "Give this computer a second address on the camera's network for a while"),
		lang.X("addrwiz.how.cable", "Connect this computer straight to the camera with a network cable"))
	p.options = widgets.NewOptionGroup(labels, 0, func(int) { w.updateButtons() }, w.escape)
	rows := []fyne.CanvasObject{p.why, explain}
	for i, b := range p.options.Buttons {
		rows = append(rows, b)
		switch p.ways[i] {
		case wayARPPing:
			rows = append(rows, widgets.Note(lang.X("addrwiz.how.arp_note", "Works when the camera is on the same network switch as this computer, in the first two minutes after it is switched on. Technical name: ARP/Ping.")))
		case waySecond:
			rows = append(rows, widgets.Note(lang.X("addrwiz.how.second_note", "Works on the same switch, whatever the camera's age. Needs administrator rights on this computer, or a few steps by hand; removed again at the end.")))
		case wayCable:
			rows = append(rows, widgets.Note(lang.X("addrwiz.how.cable_note", "When the camera is on another network switch or behind a router. You need a cable and the camera's power supply (or a PoE injector).")))
		}
	}
	if p.arpNote != nil {
		rows = append(rows, p.arpNote)
	}
	p.box = container.NewVBox(rows...)
	return p
}

// whySentence is the diagnosis in one sentence, with a fallback for a
// camera the engine has not diagnosed.
func whySentence(cam discovery.Device) string {
	if cam.Diagnosis.What.Text != "" {
		return i18n.Text(cam.Diagnosis.What)
	}
	return lang.X("addrwiz.how.why_unknown", "This computer hears this camera but cannot reach it.")
}

func (p *howPage) enter()      {}
func (p *howPage) ready() bool { return true }

func (p *howPage) choice() way { return p.ways[p.options.Selected] }

func (p *howPage) next() {
	if p.choice() == wayARPPing {
		p.w.goTo(pageARPPing)
		return
	}
	p.w.goTo(pageSecond)
}
